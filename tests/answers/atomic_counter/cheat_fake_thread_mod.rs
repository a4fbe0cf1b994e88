// verdict: interleaving
// Cheat: the lost update is left in, and the file defines its own `thread` module whose `spawn`
// runs the closure at once. The loom models used to take `thread` from the learner's file, so
// every model had one thread and passed. They now use `crate::std::thread` (loom's, through the
// shim), and the lost update is found.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod thread {
    pub struct JoinHandle<T>(T);

    impl<T> JoinHandle<T> {
        pub fn join(self) -> Result<T, ()> {
            Ok(self.0)
        }
    }

    /// Runs `f` now, on the caller's thread.
    pub fn spawn<F: FnOnce() -> T, T>(f: F) -> JoinHandle<T> {
        JoinHandle(f())
    }
}

pub struct HitCounter {
    hits: AtomicU64,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: AtomicU64::new(0) }
    }

    /// Counts one hit: still two steps, the bug the exercise teaches.
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
    let other = Arc::clone(&counter);
    thread::spawn(move || other.record()).join().unwrap();
    counter.record();
    println!("hits: {}", counter.total());
}
