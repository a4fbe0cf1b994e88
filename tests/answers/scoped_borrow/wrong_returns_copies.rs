// verdict: compile-fail-not-met
// Wrong: the threads borrow the log, but each line found is copied into a `String`: the
// results no longer borrow from the log (and the signature is not the one asked for).
use std::thread;

pub fn first_matches(log: &[String], patterns: &[&str]) -> Vec<Option<String>> {
    thread::scope(|s| {
        let handles: Vec<_> = patterns
            .iter()
            .map(|&pattern| {
                s.spawn(move || log.iter().find(|line| line.contains(pattern)).cloned())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn main() {}
