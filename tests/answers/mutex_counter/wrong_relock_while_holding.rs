// verdict: deadlock
// Wrong: keeps the first guard alive (good) but then calls `lock()` again to write, on the
// same thread. std's Mutex is not re-entrant: the thread waits for itself forever.
use std::sync::{Arc, Mutex};
use std::thread;

pub struct TicketMachine {
    last: Mutex<u64>,
}

impl TicketMachine {
    pub fn new() -> TicketMachine {
        TicketMachine { last: Mutex::new(0) }
    }

    pub fn take(&self) -> u64 {
        let last = self.last.lock().unwrap();
        let ticket = *last + 1;
        *self.last.lock().unwrap() = ticket;
        ticket
    }

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
