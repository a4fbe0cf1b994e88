// verdict: test-failed
// Wrong: counts the threads (one per chunk) instead of adding up what each thread returned.
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
    let total = handles.len();
    for handle in handles {
        handle.join().unwrap();
    }
    total
}

fn main() {}
