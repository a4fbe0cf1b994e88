// threads1: spawn threads, join them, and get their results back.
//
// A log analyser splits its work across threads: each thread counts the error lines in one
// chunk of the log. What makes a line an error depends on the service that wrote the log, so
// the caller says it: `is_error` is a function that tells whether a line is one (`main` passes
// `starts_with_error`). `thread::spawn` returns a `JoinHandle`; `join()` waits for the thread
// and hands back the value its closure returned (or `Err` if the thread panicked).
//
// What to do: finish `count_errors` so that it spawns one thread per chunk (it does already),
// then joins every thread and adds up what they return.
//
// How it is checked: tests (under a time limit) call `count_errors` with several logs, some
// drawn at random for every run (so only a real total passes, never counts known in advance;
// a failing run names its seed, so that it can be repeated). One test passes an `is_error` of
// its own that waits, at the first line of each chunk, until every chunk's thread is there:
// the chunks must be counted at the same time, each on its own thread (spawn them all, then
// join them; a thread joined right after it was spawned fails, after a wait).

use std::thread;

/// Counts the lines for which `is_error` is true, using one thread per chunk.
pub fn count_errors(chunks: Vec<Vec<String>>, is_error: fn(&str) -> bool) -> usize {
    let mut handles = Vec::new();
    for chunk in chunks {
        // `move`: the thread owns its chunk (and a copy of `is_error`, a plain function).
        handles.push(thread::spawn(move || chunk.iter().filter(|line| is_error(line)).count()));
    }
    // TODO: wait for every thread with `join()` and add up the counts they return.
    // Right now the threads' results are thrown away.
    let total = 0;
    total
}

/// The usual log format: an error line starts with "ERROR".
pub fn starts_with_error(line: &str) -> bool {
    line.starts_with("ERROR")
}

fn main() {
    let log = vec![
        vec!["INFO start".to_string(), "ERROR disk full".to_string()],
        vec!["ERROR timeout".to_string(), "WARN slow".to_string()],
    ];
    println!("errors: {}", count_errors(log, starts_with_error));
}
