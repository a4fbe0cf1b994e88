// verdict: pass
// Right, and stronger than needed: fetch_add with SeqCst counts exactly as Relaxed does.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

pub struct HitCounter {
    hits: AtomicU64,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: AtomicU64::new(0) }
    }

    /// Counts one hit.
    pub fn record(&self) {
        self.hits.fetch_add(1, Ordering::SeqCst);
    }

    /// The number of hits recorded so far.
    pub fn total(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

fn main() {
    let counter = Arc::new(HitCounter::new());
    let handlers: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..100_000 {
                    counter.record();
                }
            })
        })
        .collect();
    for handler in handlers {
        handler.join().unwrap();
    }
    println!("hits: {} (expected 400000)", counter.total());
}
