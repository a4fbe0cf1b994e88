// scoped_borrow: threads that borrow the caller's data, and return borrows of it.
//
// Solution: one scoped thread per pattern. Each closure is `move`, but what it moves is
// only a copy of two references (the log slice and its pattern), so no line is copied. All
// threads are spawned first (the handles are collected into a `Vec`), then joined: chaining
// `.map(spawn).map(join)` lazily would join each thread before spawning the next one, and
// the search would run on one thread at a time.
//
// Threads spawned on a `thread::scope` may borrow: the scope joins them all before it
// returns, so they cannot outlive the data they borrow. Many threads can read the same
// `&[String]` at once (shared borrows), and a thread can even return a `&str` that points
// into the log, because the log outlives the scope.
//
// How it is checked: at compile time. The grader's programs call `first_matches(&log, ...)`,
// keep using their log afterwards, and check the lines found; and a program in which the
// found lines outlive the log must be rejected by the compiler.

use std::thread;

/// The first line of `log` containing each pattern, one entry per pattern.
pub fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>> {
    thread::scope(|s| {
        let handles: Vec<_> = patterns
            .iter()
            .map(|&pattern| {
                s.spawn(move || log.iter().map(String::as_str).find(|line| line.contains(pattern)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn main() {
    let log = vec![
        "09:00 INFO service started".to_string(),
        "09:05 WARN db: slow query".to_string(),
        "09:07 ERROR db: timeout after 30 s".to_string(),
    ];
    let found = first_matches(&log, &["timeout", "disk"]);
    println!("{found:?}");
    println!("the log still has its {} lines", log.len());
}
