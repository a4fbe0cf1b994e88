// verdict: interleaving
// Wrong: a stronger ordering on the load and the store. SeqCst orders these accesses
// against other SeqCst accesses, but the load and the store are still two steps: two handlers
// can both read 7 and both write 8.

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
        let seen = self.hits.load(Ordering::SeqCst);
        self.hits.store(seen + 1, Ordering::SeqCst);
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
