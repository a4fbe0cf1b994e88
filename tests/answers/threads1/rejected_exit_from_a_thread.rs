// verdict: rejected
// Cheat: does no counting; the first thread ends the whole program with status 0, so a
// check that only looked at the exit status would read it as a pass. The gate refuses it.
use std::thread;

pub fn count_errors(chunks: Vec<Vec<String>>) -> usize {
    let handle = thread::spawn(|| std::process::exit(0));
    let _ = handle.join();
    chunks.len()
}

fn main() {
    println!("errors: {}", count_errors(Vec::new()));
}
