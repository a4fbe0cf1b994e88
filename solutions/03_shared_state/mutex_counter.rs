// mutex_counter: a ticket machine shared by threads, and a lost update.
//
// Solution: one guard covers the whole read-modify-write, so no other clerk can run between
// reading the last number and storing the new one. The guard is dropped when `take` returns,
// right after the update: nothing slow happens while the lock is held.
//
// A bakery's ticket machine hands out the numbers 1, 2, 3, ... Every clerk runs on their own
// thread and holds the machine through an `Arc`; the last number handed out sits in a `Mutex`.
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
        // A named guard: the lock is held until `last` goes out of scope at the end of the
        // function, so the increment and the value returned belong to the same critical section.
        let mut last = self.last.lock().unwrap();
        *last += 1;
        *last
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
