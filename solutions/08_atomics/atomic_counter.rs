// atomic_counter: a hit counter shared by every request thread.
//
// Solution: `fetch_add` reads, adds and writes in one indivisible step, so two handlers can
// never both start from the same old value: every hit is counted exactly once.
//
// Why `Relaxed` is enough: a memory ordering says what *other* memory a thread is guaranteed
// to see along with an atomic value. It has nothing to do with whether a read-modify-write
// is atomic: every `fetch_add` is, whatever its ordering, and all of them on one variable
// take effect one after another in a single order (its modification order). Nobody reads
// other data because of this counter; we only want the total, read after the handlers were
// joined (`join` itself makes everything a thread did visible to the joiner). A stronger
// ordering (`SeqCst`) would give the same totals and only cost time.

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
        // One atomic step: no other thread can run between the read and the write.
        // Relaxed: only the count matters; it publishes no other data.
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    /// The number of hits recorded so far.
    pub fn total(&self) -> u64 {
        // Relaxed: a status page showing a slightly old total is fine; after the handlers
        // are joined, the join makes their hits visible and the total is exact.
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
