// verdict: deadlock
// Wrong: the flag is under the mutex now, but the waiter never looks at it: if the gate was
// opened before it arrived, it waits for a notify that already happened.
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
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        *self.open.lock().unwrap()
    }

    pub fn wait_until_open(&self) {
        let open = self.open.lock().unwrap();
        let _open = self.opened.wait(open).unwrap();
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
