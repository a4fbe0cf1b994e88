// verdict: rejected
// Cheat: a counter on `core`'s atomics, which are the real ones, not the model checker's:
// loom would not see these operations, so it could not explore their interleavings.
use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;

pub struct TicketMachine {
    last: AtomicU64,
}

impl TicketMachine {
    pub fn new() -> TicketMachine {
        TicketMachine {
            last: AtomicU64::new(0),
        }
    }

    pub fn take(&self) -> u64 {
        let last = self.last.load(Ordering::Relaxed) + 1;
        self.last.store(last, Ordering::Relaxed);
        last
    }

    pub fn issued(&self) -> u64 {
        self.last.load(Ordering::Relaxed)
    }
}

fn main() {
    let machine = Arc::new(TicketMachine::new());
    let clerk = {
        let machine = Arc::clone(&machine);
        thread::spawn(move || machine.take())
    };
    let mine = machine.take();
    let theirs = clerk.join().unwrap();
    println!("tickets {mine} and {theirs}; {} issued", machine.issued());
}
