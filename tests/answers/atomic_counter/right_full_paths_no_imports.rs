// verdict: pass
// Right, and it imports nothing: every std item is written in full where it is used. The
// checks must bring their own `Arc` and `thread` (issue 14: they used to borrow the learner's
// imports, and this answer got compile errors inside tests/checks).

pub struct HitCounter {
    hits: std::sync::atomic::AtomicU64,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: std::sync::atomic::AtomicU64::new(0) }
    }

    /// Counts one hit.
    pub fn record(&self) {
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// The number of hits recorded so far.
    pub fn total(&self) -> u64 {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }
}

fn main() {
    let counter = std::sync::Arc::new(HitCounter::new());
    let handlers: Vec<_> = (0..4)
        .map(|_| {
            let counter = std::sync::Arc::clone(&counter);
            std::thread::spawn(move || {
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
