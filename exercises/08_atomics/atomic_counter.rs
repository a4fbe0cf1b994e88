// atomic_counter: a hit counter shared by every request thread.
//
// A web server counts page hits. Each request handler runs on its own thread and calls
// `record()`; a status page reads `total()`. The counter is an `AtomicU64`, so there is no
// data race: every access is atomic. Yet hits go missing. `record` loads the count, adds
// one and stores it back: two separate atomic operations. When two handlers both load 7,
// both store 8, and one hit is lost (a "lost update").
//
// What to do: make `record` one indivisible read-modify-write, so that no other thread can
// slip in between the read and the write. Then choose the weakest memory ordering that is
// still right: only the final total matters here, and nothing else is published with it.
//
// How it is checked: tests call the counter from one thread; then loom runs concurrent
// `record` calls under every interleaving and checks that no hit is lost; then the same on
// real threads: rounds of four handlers recording at once.

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
        // TODO: a load followed by a store is two steps, and another thread can run between
        // them. Replace both lines with a single atomic read-modify-write.
        let seen = self.hits.load(Ordering::Relaxed);
        self.hits.store(seen + 1, Ordering::Relaxed);
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
