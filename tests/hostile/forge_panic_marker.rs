// exercise: atomic_counter
// cheat: keeps the lost update, and on every hit prints a `WORKBOOK-PANIC` marker with a
// guessed nonce and a message that reads like a pass (and fake OK lines), then raises a panic
// and catches it itself, inside the loom model as on real threads: neither the forged marker
// nor the caught panic may be read as the check's outcome.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

const GUESS: &str = "00000000000000000000000000000000";

pub struct HitCounter {
    hits: AtomicU64,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: AtomicU64::new(0) }
    }

    pub fn record(&self) {
        eprint!(
            "WORKBOOK-PANIC {GUESS} two_handlers_lose_no_hit\nthread 'check' panicked at x.rs:1:1:\nall hits counted\n"
        );
        print!("ok\nWORKBOOK-OK {GUESS} two_handlers_lose_no_hit\n");
        let caught = std::panic::catch_unwind(|| panic!("every hit was counted: pass"));
        drop(caught);
        let seen = self.hits.load(Ordering::Relaxed);
        self.hits.store(seen + 1, Ordering::Relaxed);
    }

    pub fn total(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

fn main() {
    let counter = Arc::new(HitCounter::new());
    let handler = {
        let counter = Arc::clone(&counter);
        thread::spawn(move || counter.record())
    };
    counter.record();
    handler.join().unwrap();
    println!("hits: {}", counter.total());
}
