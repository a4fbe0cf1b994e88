// verdict: pass
// Right: the read-modify-write happens in a block with one guard; the guard ends with the
// block, so the lock is already free when the ticket is logged.
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
        let ticket = {
            let mut last = self.last.lock().unwrap();
            let ticket = *last + 1;
            *last = ticket;
            ticket
        };
        println!("ticket {ticket} handed out");
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
