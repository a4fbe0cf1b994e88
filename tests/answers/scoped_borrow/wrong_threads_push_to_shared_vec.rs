// verdict: compile-error
// Wrong: every scoped thread pushes its result onto one shared `Vec`. That would be a data
// race, and the borrow checker rejects it: the closures would all borrow `found` mutably at
// once. (The order of the results would also depend on which thread finished first.)
use std::thread;

pub fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>> {
    let mut found = Vec::new();
    thread::scope(|s| {
        for &pattern in patterns {
            s.spawn(|| {
                found.push(
                    log.iter()
                        .map(String::as_str)
                        .find(|line| line.contains(pattern)),
                );
            });
        }
    });
    found
}

fn main() {}
