// verdict: interleaving
// Cheat: the lost update is left in, and the file defines `assert_eq!` as a macro that checks
// nothing. A `macro_rules!` is in scope for the rest of the crate's text, the check modules
// included after the learner's file too. With the file brought in by `include!`, the old
// checks' bare `assert_eq!` was a compile error (a macro-expanded `macro_rules!` may not shadow
// a prelude macro): rejected, but only because of how the file is included. The checks now
// write `::std::assert_eq!`, which no learner macro can stand in for, and the model finds the
// lost update.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

macro_rules! assert_eq {
    ($($anything:tt)*) => {};
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
    assert_eq!(counter.total(), 2);
}
