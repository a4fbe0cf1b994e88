// mutex_counter: a ticket machine shared by threads, and a lost update.
//
// A bakery's ticket machine hands out the numbers 1, 2, 3, ... Every clerk runs on their own
// thread and holds the machine through an `Arc`; the last number handed out sits in a `Mutex`.
// A lock lasts exactly as long as its `MutexGuard`: in `let last = *self.last.lock().unwrap();`
// the guard is a temporary, dropped at the end of that statement, so the lock is already free
// on the next line.
//
// `take` reads the number under one lock and writes the new one under a second lock. Between
// the two, another clerk can read the same number: two customers get the same ticket. Rust
// rules out data races (every access here is under the lock), but not this race condition:
// a read-modify-write must happen under ONE guard.
//
// What to do: fix `take` so that reading and writing the number happen while one guard is
// held. Hold it no longer than that.
//
// How it is checked: loom runs two clerks taking a ticket at the same time, under every
// interleaving. They must get different numbers, and the machine must count two tickets;
// then three clerks, who must get 1, 2 and 3.
// Then the same on real threads: rounds of four clerks taking tickets two at a time, at the
// same instant, whose numbers must be 1 to N, each handed out once, with N counted.

use std::sync::{Arc, Mutex};
use std::thread;

pub struct TicketMachine {
    /// The last number handed out (0 before the first ticket).
    last: Mutex<u64>,
}

impl TicketMachine {
    pub fn new() -> TicketMachine {
        TicketMachine { last: Mutex::new(0) }
    }

    /// Hands out the next number; the first ticket is 1.
    pub fn take(&self) -> u64 {
        // TODO: each `lock()` below makes a guard that is dropped at the end of its own
        // statement, so another thread can run between the read and the write. Read, add
        // one and write back through a single guard.
        let last = *self.last.lock().unwrap();
        let ticket = last + 1;
        *self.last.lock().unwrap() = ticket;
        ticket
    }

    /// How many tickets have been handed out so far.
    pub fn issued(&self) -> u64 {
        *self.last.lock().unwrap()
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
