// Grader-owned tests for threads1: the totals, and (with an `is_error` of the checks' own that
// waits for the other chunks' threads) that the chunks are counted at the same time.
use super::count_errors;

use ::std::string::String;
use ::std::vec::Vec;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `count_errors` must keep this signature.
    let _: fn(Vec<Vec<String>>, fn(&str) -> bool) -> usize = count_errors;
}

/// The usual `is_error`: the lines that start with "ERROR" (the checks' own, not the file's).
fn starts_with_error(line: &str) -> bool {
    line.starts_with("ERROR")
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
    ::std::assert_eq!(count_errors(chunks, starts_with_error), 3, "three lines start with ERROR");
}

#[test]
fn no_chunks_means_no_errors() {
    ::std::assert_eq!(count_errors(Vec::new(), starts_with_error), 0);
}

#[test]
fn many_chunks() {
    let chunks: Vec<Vec<String>> = (0..16)
        .map(|i| ::std::vec![::std::format!("ERROR {i}"), "INFO".into()])
        .collect();
    ::std::assert_eq!(count_errors(chunks, starts_with_error), 16, "one error in each of 16 chunks");
}

#[test]
fn counts_lines_not_chunks() {
    // Chunks with no errors and a chunk with several: the total is not the number of threads.
    let chunks = log(&[
        &["INFO a", "WARN b"],
        &["ERROR c", "ERROR d", "ERROR e", "INFO f"],
    ]);
    ::std::assert_eq!(
        count_errors(chunks, starts_with_error),
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
        let chunks: Vec<Vec<String>> = (0..rng.range(1, 9))
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
            count_errors(chunks, starts_with_error),
            expected,
            "a log of {} chunks (lines per chunk: {shape:?}) has {expected} ERROR lines",
            shape.len()
        );
    }
}

/// How many chunks the witness log has: their threads must all be counting at once.
const TOGETHER: usize = 4;

/// Where the first lines of the witness log's chunks wait for each other.
static MEETING: ::std::sync::LazyLock<crate::__checks::Rendezvous> =
    ::std::sync::LazyLock::new(|| crate::__checks::Rendezvous::new(TOGETHER));

/// The witness log's `is_error`: an error line has `[E]` in it (so only an answer that asks
/// `is_error` gets the total), and the first line of a chunk (`#0`) waits at `MEETING` until
/// the first lines of all the chunks are being looked at, which happens only when the chunks'
/// threads run at the same time.
fn meets_then_has_error_tag(line: &str) -> bool {
    if line.starts_with("#0 ") {
        MEETING.arrive();
    }
    line.contains("[E]")
}

/// A log of `TOGETHER` chunks, drawn per run; `is_error` waits at the first line of each
/// chunk for the other chunks' threads. Spawning every thread before joining any is what lets
/// them meet; a thread joined right after it was spawned (or work done on the calling thread)
/// counts the chunks one after another, and the meeting gives up after a wait.
#[test]
fn the_chunks_are_counted_at_the_same_time() {
    let mut rng = crate::__checks::Rng::new(0x7432);
    let chunks: Vec<Vec<String>> = (0..TOGETHER)
        .map(|_| {
            (0..rng.range(1, 8))
                .map(|line| {
                    let tag = if rng.below(2) == 0 { "[E]" } else { "[I]" };
                    ::std::format!("#{line} {tag} request {}", rng.below(1000))
                })
                .collect()
        })
        .collect();
    let expected: usize = chunks
        .iter()
        .map(|c| c.iter().filter(|l| l.contains("[E]")).count())
        .sum();
    ::std::assert_eq!(
        count_errors(chunks, meets_then_has_error_tag),
        expected,
        "a log of {TOGETHER} chunks, with an `is_error` that says a line with `[E]` in it is \
         an error (not one that starts with ERROR): call `is_error` on every line, on the \
         chunk's own thread"
    );
    MEETING.assert_parallel(&::std::format!(
        "the {TOGETHER} chunks (one thread per chunk: spawn them all, then join them)"
    ));
}
