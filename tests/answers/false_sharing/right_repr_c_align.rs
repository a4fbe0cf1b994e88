// verdict: pass
// Right: `repr(C)` fixes the field order as well; the alignment does the work.
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

/// One worker's request counter, alone in its cache line.
// 64 is the common line size; crossbeam's `CachePadded` uses 128 on x86-64 and some ARM
// cores, whose caches fetch lines in pairs. Larger alignment costs memory, not correctness.
#[repr(C, align(64))]
pub struct PaddedCounter {
    pub requests: AtomicU64,
}

impl PaddedCounter {
    pub const fn new() -> PaddedCounter {
        PaddedCounter {
            requests: AtomicU64::new(0),
        }
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
    counters
        .iter()
        .map(|c| c.requests.load(Ordering::Relaxed))
        .sum()
}

fn main() {
    println!("served {} requests", serve(4, 1_000_000));
    println!(
        "a counter takes {} bytes and starts at a multiple of {}",
        std::mem::size_of::<PaddedCounter>(),
        std::mem::align_of::<PaddedCounter>()
    );
}
