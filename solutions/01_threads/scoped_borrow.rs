// scoped_borrow: threads that borrow the caller's data, and return borrows of it.
//
// Solution: one scoped thread per pattern. Each closure is `move`, but what it moves is
// only a copy of two references (the log slice and its pattern), so no line is copied. All
// threads are spawned first (the handles are collected into a `Vec`), then joined: chaining
// `.map(spawn).map(join)` lazily would join each thread before spawning the next one, and
// the searches would run one at a time (the checks' patterns, which wait for each other,
// catch that). `P: Sync` is what lets every thread hold a `&P`.
//
// Threads spawned on a `thread::scope` may borrow: the scope joins them all before it
// returns, so they cannot outlive the data they borrow. Many threads can read the same
// `&[String]` at once (shared borrows), and a thread can even return a `&str` that points
// into the log, because the log outlives the scope.
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
pub fn first_matches<'a, P: Pattern + Sync>(
    log: &'a [String],
    patterns: &[P],
) -> Vec<Option<&'a str>> {
    thread::scope(|s| {
        let handles: Vec<_> = patterns
            .iter()
            .map(|pattern| {
                // `move` copies `log` (a `&[String]`) and `pattern` (a `&P`): two references.
                s.spawn(move || log.iter().map(String::as_str).find(|line| pattern.is_in(line)))
            })
            .collect();
        // Every thread is running now; join them in pattern order.
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
