// verdict: pass
// Right: the flag stays an AtomicBool (so `is_open` needs no lock), but `open` sets it while
// holding the mutex the waiters check it under. A waiter holds that mutex from its check
// until `wait` releases it, so the store cannot fall into that gap.
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
        let _guard = self.lock.lock().unwrap();
        self.open.store(true, Ordering::SeqCst);
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    pub fn wait_until_open(&self) {
        let mut guard = self.lock.lock().unwrap();
        while !self.open.load(Ordering::SeqCst) {
            guard = self.opened.wait(guard).unwrap();
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
