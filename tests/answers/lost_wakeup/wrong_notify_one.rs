// verdict: deadlock
// Wrong: the flag is under the mutex, but `open` wakes only one waiter. Every request thread
// waits for the same event; with two of them asleep, the second one is never woken.
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
        *self.open.lock().unwrap() = true;
        self.opened.notify_one();
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
