// verdict: pass
// Right: a plain loop; `join` hands back each thread's count, and a panic would be passed on.
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
        total += handle.join().expect("a counting thread panicked");
    }
    total
}

fn main() {}
