// Grader-owned tests for threads1.
use super::count_errors;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `count_errors` must keep this signature.
    let _: fn(::std::vec::Vec<::std::vec::Vec<::std::string::String>>) -> usize = count_errors;
}

fn log(chunks: &[&[&str]]) -> Vec<Vec<String>> {
    chunks
        .iter()
        .map(|c| c.iter().map(|l| l.to_string()).collect())
        .collect()
}

#[test]
fn counts_errors_across_all_chunks() {
    let chunks = log(&[&["ERROR a", "INFO b"], &["ERROR c", "ERROR d"], &["WARN e"]]);
    ::std::assert_eq!(count_errors(chunks), 3, "three lines start with ERROR");
}

#[test]
fn no_chunks_means_no_errors() {
    ::std::assert_eq!(count_errors(Vec::new()), 0);
}

#[test]
fn many_chunks() {
    let chunks: Vec<Vec<String>> = (0..16)
        .map(|i| ::std::vec![::std::format!("ERROR {i}"), "INFO".into()])
        .collect();
    ::std::assert_eq!(count_errors(chunks), 16, "one error in each of 16 chunks");
}

#[test]
fn counts_lines_not_chunks() {
    // Chunks with no errors and a chunk with several: the total is not the number of threads.
    let chunks = log(&[
        &["INFO a", "WARN b"],
        &["ERROR c", "ERROR d", "ERROR e", "INFO f"],
    ]);
    ::std::assert_eq!(
        count_errors(chunks),
        3,
        "two chunks: the second has three ERROR lines, the first none"
    );
}
