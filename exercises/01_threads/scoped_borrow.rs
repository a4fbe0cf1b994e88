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
// scoped thread per pattern, all searching at the same time, each reading the caller's log
// without copying it:
//
//     pub fn first_matches<'a, P: Pattern + Sync>(log: &'a [String], patterns: &[P])
//         -> Vec<Option<&'a str>>
//
// The result has one entry per pattern, in order: the first line of the log that the pattern
// `is_in`, or `None`. The lifetime `'a` says that the lines found borrow from the log. A
// pattern is usually a `&str` ("disk full"), but any `Pattern` will do; `Sync` because every
// thread gets a shared borrow (`&P`) of its pattern, where `thread::spawn` needed patterns it
// could own (`Send + 'static`).
//
// How it is checked: the tests call `first_matches(&log, &patterns)`, so they compile only
// once it has the signature above. They check the lines found and that they point into the
// log, which the caller keeps; and they bring patterns of their own, which wait for each
// other when they first see a line: the searches must run at the same time (threads joined
// one after another fail, after a wait). Then, at compile time: a program in which the found
// lines outlive the log, and one that calls `first_matches` from a plain `thread::spawn`
// closure borrowing a local log, must be rejected by the compiler.

use std::thread;

/// What a search looks for in a line. The checks bring patterns of their own, so keep
/// `first_matches` generic: call `is_in`, not `str::contains`.
pub trait Pattern {
    /// Whether this pattern occurs in `line`.
    fn is_in(&self, line: &str) -> bool;
}

/// A `&str` pattern is in the lines that contain it.
impl Pattern for &str {
    fn is_in(&self, line: &str) -> bool {
        line.contains(*self)
    }
}

/// The first line of `log` that each pattern is in, one entry per pattern.
// TODO: borrow the log and the patterns instead of taking them (the signature above), and
// use `thread::scope` so that the threads can borrow the log instead of copying it.
pub fn first_matches<P>(log: Vec<String>, patterns: Vec<P>) -> Vec<Option<String>>
where
    P: Pattern + Send + 'static,
{
    let mut handles = Vec::new();
    for pattern in patterns {
        // A full copy of the log for every thread: `thread::spawn` cannot borrow it.
        let log = log.clone();
        handles.push(thread::spawn(move || log.into_iter().find(|line| pattern.is_in(line))));
    }
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn main() {
    let log = vec![
        "09:00 INFO service started".to_string(),
        "09:05 WARN db: slow query".to_string(),
        "09:07 ERROR db: timeout after 30 s".to_string(),
    ];
    let found = first_matches(log, vec!["timeout", "disk"]);
    println!("{found:?}");
}
