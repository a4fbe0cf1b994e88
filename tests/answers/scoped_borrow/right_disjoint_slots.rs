// verdict: pass
// Right: one result slot per pattern, made beforehand; each scoped thread gets its own
// `&mut` slot (disjoint mutable borrows, as with `chunks_mut`) and writes its answer there.
use std::thread;

pub fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>> {
    let mut found = vec![None; patterns.len()];
    thread::scope(|s| {
        for (slot, &pattern) in found.iter_mut().zip(patterns) {
            s.spawn(move || {
                *slot = log
                    .iter()
                    .map(String::as_str)
                    .find(|line| line.contains(pattern));
            });
        }
    });
    found
}

fn main() {}
