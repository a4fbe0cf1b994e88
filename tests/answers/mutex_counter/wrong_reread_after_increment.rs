// verdict: interleaving
// Wrong: the increment is atomic now (one guard), but the ticket is read back under a second
// lock. If the other clerk increments in between, both clerks return 2.
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
        *self.last.lock().unwrap() += 1;
        *self.last.lock().unwrap()
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
