// verdict: pass
// Right: the flag under the mutex, and an explicit `while` loop instead of `wait_while`.
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct StartupGate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl StartupGate {
    pub fn new() -> StartupGate {
        StartupGate { open: Mutex::new(false), opened: Condvar::new() }
    }

    pub fn open(&self) {
        let mut open = self.open.lock().unwrap();
        *open = true;
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        *self.open.lock().unwrap()
    }

    pub fn wait_until_open(&self) {
        let mut open = self.open.lock().unwrap();
        while !*open {
            open = self.opened.wait(open).unwrap();
        }
    }
}

fn main() {
    let gate = Arc::new(StartupGate::new());
    let request = {
        let gate = Arc::clone(&gate);
        thread::spawn(move || gate.wait_until_open())
    };
    gate.open();
    request.join().unwrap();
}
