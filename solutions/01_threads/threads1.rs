// threads1: spawn threads, join them, and get their results back.
//
// Solution: every handle is joined, in order; the sum of the returned counts is the total.
//
// A log analyser splits its work across threads: each thread counts the error lines in one
// chunk of the log. `thread::spawn` returns a `JoinHandle`; `join()` waits for the thread
// and hands back the value its closure returned (or `Err` if the thread panicked).
//
// What to do: finish `count_errors` so that it spawns one thread per chunk, then joins
// every thread and adds up what they return.
//
// How it is checked: tests (under a time limit) call `count_errors` with several logs, some
// drawn at random for every run (so only a real total passes, never counts known in advance;
// a failing run names its seed, so that it can be repeated).

use std::thread;

/// Counts the lines that start with "ERROR", using one thread per chunk.
pub fn count_errors(chunks: Vec<Vec<String>>) -> usize {
    let mut handles = Vec::new();
    for chunk in chunks {
        handles.push(thread::spawn(move || {
            chunk.iter().filter(|line| line.starts_with("ERROR")).count()
        }));
    }
    // `join` waits for the thread; `unwrap` passes on a panic from the thread, if any.
    handles.into_iter().map(|h| h.join().unwrap()).sum()
}

fn main() {
    let log = vec![
        vec!["INFO start".to_string(), "ERROR disk full".to_string()],
        vec!["ERROR timeout".to_string(), "WARN slow".to_string()],
    ];
    println!("errors: {}", count_errors(log));
}
