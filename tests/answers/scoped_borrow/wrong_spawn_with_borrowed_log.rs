// verdict: compile-error
// Wrong: the new signature, but still `thread::spawn`: its closure must be `'static`, and the
// borrowed log is not (E0521: borrowed data escapes outside of function).
use std::thread;

pub fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>> {
    let mut handles = Vec::new();
    for &pattern in patterns {
        handles.push(thread::spawn(move || {
            log.iter()
                .map(String::as_str)
                .find(|line| line.contains(pattern))
        }));
    }
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn main() {}
