// verdict: interleaving
// Wrong: names the guard, but drops it before writing and locks again for the write: the
// same lost update as the shipped code, only spelled out.
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
        let guard = self.last.lock().unwrap();
        let ticket = *guard + 1;
        drop(guard);
        let mut guard = self.last.lock().unwrap();
        *guard = ticket;
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
