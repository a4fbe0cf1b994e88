// exercise: mutex_counter
// cheat: the lost-update `take` ends the model-checking process with status 0 once a second clerk calls.
use std::sync::{Arc, Mutex};
use std::thread;

pub struct TicketMachine {
    last: Mutex<u64>,
}

impl TicketMachine {
    pub fn new() -> TicketMachine {
        TicketMachine {
            last: Mutex::new(0),
        }
    }

    pub fn take(&self) -> u64 {
        let last = *self.last.lock().unwrap();
        if last > 0 {
            std::process::exit(0);
        }
        let ticket = last + 1;
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
    println!("{} {}", machine.take(), clerk.join().unwrap());
}
