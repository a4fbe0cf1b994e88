// verdict: rejected
// Cheat: an `.init_array` constructor runs before `main` and before any check, outside the
// checks' control (in a combined grading crate it would run before every exercise's checks).
use std::sync::Mutex;

pub struct TicketMachine {
    last: Mutex<u64>,
}

impl TicketMachine {
    pub fn new() -> TicketMachine {
        TicketMachine { last: Mutex::new(0) }
    }

    pub fn take(&self) -> u64 {
        let last = *self.last.lock().unwrap() + 1;
        *self.last.lock().unwrap() = last;
        last
    }

    pub fn issued(&self) -> u64 {
        *self.last.lock().unwrap()
    }
}

#[used]
#[unsafe(link_section = ".init_array")]
static BEFORE_MAIN: extern "C" fn() = before_main;

extern "C" fn before_main() {}

fn main() {
    println!("{}", TicketMachine::new().take());
}
