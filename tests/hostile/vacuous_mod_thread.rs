// exercise: atomic_counter
// cheat: a learner `pub mod thread` whose spawn runs the closure at once: the checks' threads never overlap.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod thread {
    pub struct JoinHandle<T>(T);

    impl<T> JoinHandle<T> {
        pub fn join(self) -> std::thread::Result<T> {
            Ok(self.0)
        }
    }

    pub fn spawn<F: FnOnce() -> T, T>(f: F) -> JoinHandle<T> {
        JoinHandle(f())
    }
}

pub struct HitCounter {
    hits: AtomicU64,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter {
            hits: AtomicU64::new(0),
        }
    }

    /// Still the lost update: a load, then a store.
    pub fn record(&self) {
        let seen = self.hits.load(Ordering::Relaxed);
        self.hits.store(seen + 1, Ordering::Relaxed);
    }

    pub fn total(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

fn main() {
    let counter = Arc::new(HitCounter::new());
    let c = Arc::clone(&counter);
    thread::spawn(move || c.record()).join().unwrap();
    println!("hits: {}", counter.total());
}
