// verdict: deadlock
// Wrong: checks the flag first and only then takes the lock to wait. The notify can still
// land between the check and the wait; the lock does not cover the check at all.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct StartupGate {
    open: AtomicBool,
    lock: Mutex<()>,
    opened: Condvar,
}

impl StartupGate {
    pub fn new() -> StartupGate {
        StartupGate { open: AtomicBool::new(false), lock: Mutex::new(()), opened: Condvar::new() }
    }

    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    pub fn wait_until_open(&self) {
        if !self.open.load(Ordering::SeqCst) {
            let guard = self.lock.lock().unwrap();
            let _guard = self.opened.wait(guard).unwrap();
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
