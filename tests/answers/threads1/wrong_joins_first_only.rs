// verdict: test-failed
// Wrong: waits for the first thread only; the other threads' counts are never collected.
use std::thread;

pub fn count_errors(chunks: Vec<Vec<String>>) -> usize {
    let mut handles = Vec::new();
    for chunk in chunks {
        handles.push(thread::spawn(move || {
            chunk
                .iter()
                .filter(|line| line.starts_with("ERROR"))
                .count()
        }));
    }
    match handles.into_iter().next() {
        Some(first) => first.join().unwrap(),
        None => 0,
    }
}

fn main() {}
