// false_sharing: give each thread's counter a cache line of its own.
//
// A web server's worker threads each count the requests they serve, each in its own atomic
// counter, and a report adds the counters up. No two threads ever write the same counter, yet
// packed side by side, several counters sit in one cache line: the unit in which caches keep
// and move memory (64 bytes on most current x86-64 and many ARM cores). A write to a line
// takes it away from every other core's cache, so the cores keep taking the line from each
// other: "false sharing". The result is still right; the program is just slower than it
// should be, and more threads can make it slower still.
//
// What to do: make every `PaddedCounter` begin at a 64-byte boundary and take up whole
// 64-byte lines, so that two counters never share one. Do not add padding fields by hand:
// tell the compiler the alignment you need.
//
// How it is checked: timings are too noisy to grade, so the tests read the layout instead
// (`align_of`, `size_of`, and the addresses of counters stored side by side), and check that
// the counts still add up.

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

/// One worker's request counter.
// TODO: counters that sit side by side in memory share cache lines. Give this type the
// alignment of a cache line (an attribute on the struct; see the Rust reference, "Type
// layout", for `repr`).
pub struct PaddedCounter {
    pub requests: AtomicU64,
}

impl PaddedCounter {
    pub const fn new() -> PaddedCounter {
        PaddedCounter { requests: AtomicU64::new(0) }
    }
}

/// Runs `workers` threads that each serve `requests_each` requests, counting them in their
/// own counter, and returns the total.
pub fn serve(workers: usize, requests_each: u64) -> u64 {
    let counters: Vec<PaddedCounter> = (0..workers).map(|_| PaddedCounter::new()).collect();
    thread::scope(|s| {
        for counter in &counters {
            s.spawn(move || {
                for _ in 0..requests_each {
                    // Relaxed: only the total matters, and the scope's join makes every
                    // count visible before we add them up.
                    counter.requests.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    counters.iter().map(|c| c.requests.load(Ordering::Relaxed)).sum()
}

fn main() {
    println!("served {} requests", serve(4, 1_000_000));
    println!(
        "a counter takes {} bytes and starts at a multiple of {}",
        std::mem::size_of::<PaddedCounter>(),
        std::mem::align_of::<PaddedCounter>()
    );
}
