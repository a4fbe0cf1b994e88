// scoped_borrow: threads that borrow the caller's data, and return borrows of it.
//
// During an incident, an operator searches a large server log for the first line that
// mentions each of several patterns ("timeout", "disk full", ...), one thread per pattern.
// Today `first_matches` uses `thread::spawn`, whose closures must own everything they use:
// so the caller has to hand over its log, every thread gets a full copy of it, and every
// line found is copied once more to be sent back.
//
// Threads spawned on a `thread::scope` may borrow: the scope joins them all before it
// returns, so they cannot outlive the data they borrow. Many threads can read the same
// `&[String]` at once (shared borrows), and a thread can even return a `&str` that points
// into the log, because the log outlives the scope.
//
// What to do: change `first_matches` to exactly this signature, and implement it with one
// scoped thread per pattern, each reading the caller's log without copying it:
//
//     pub fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>>
//
// The result has one entry per pattern, in order: the first line of the log that contains
// the pattern, or `None`. The lifetime `'a` says that the lines found borrow from the log.
//
// How it is checked: at compile time. The grader's programs call `first_matches(&log, ...)`,
// keep using their log afterwards, and check the lines found; and a program in which the
// found lines outlive the log must be rejected by the compiler.

use std::thread;

/// The first line of `log` containing each pattern, one entry per pattern.
// TODO: borrow the log and the patterns instead of taking them (the signature above), and
// use `thread::scope` so that the threads can borrow the log instead of copying it.
pub fn first_matches(log: Vec<String>, patterns: Vec<String>) -> Vec<Option<String>> {
    let mut handles = Vec::new();
    for pattern in patterns {
        // A full copy of the log for every thread: `thread::spawn` cannot borrow it.
        let log = log.clone();
        handles.push(thread::spawn(move || {
            log.into_iter().find(|line| line.contains(pattern.as_str()))
        }));
    }
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn main() {
    let log = vec![
        "09:00 INFO service started".to_string(),
        "09:05 WARN db: slow query".to_string(),
        "09:07 ERROR db: timeout after 30 s".to_string(),
    ];
    let found = first_matches(log, vec!["timeout".to_string(), "disk".to_string()]);
    println!("{found:?}");
}
