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

/// Logs drawn per run from the seed: how many chunks, how many lines each, which are errors.
/// An answer that returns counts keyed on the shape of fixed inputs (so many chunks, so many
/// errors) cannot know these; only adding up what the threads counted gives the total.
#[test]
fn counts_errors_in_logs_drawn_per_run() {
    let mut rng = crate::__checks::Rng::new(0x7431);
    let kinds = ["ERROR", "INFO", "WARN", "DEBUG"];
    for _ in 0..20 {
        let chunks: ::std::vec::Vec<::std::vec::Vec<::std::string::String>> = (0..rng.range(1, 9))
            .map(|_| {
                (0..rng.below(7))
                    .map(|_| {
                        let kind = kinds[rng.below(kinds.len() as u64) as usize];
                        ::std::format!("{kind} event {}", rng.below(1000))
                    })
                    .collect()
            })
            .collect();
        let expected: usize = chunks
            .iter()
            .map(|c| c.iter().filter(|l| l.starts_with("ERROR")).count())
            .sum();
        let shape: ::std::vec::Vec<usize> = chunks.iter().map(|c| c.len()).collect();
        ::std::assert_eq!(
            count_errors(chunks),
            expected,
            "a log of {} chunks (lines per chunk: {shape:?}) has {expected} ERROR lines",
            shape.len()
        );
    }
}
