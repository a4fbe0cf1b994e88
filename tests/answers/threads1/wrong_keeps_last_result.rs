// verdict: test-failed
// Wrong: joins every thread, but overwrites the total with each result instead of adding it.
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
    let mut total = 0;
    for handle in handles {
        total = handle.join().unwrap();
    }
    total
}

fn main() {}
