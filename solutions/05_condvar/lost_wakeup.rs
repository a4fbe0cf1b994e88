// lost_wakeup: a wakeup that arrives before anyone is listening.
//
// Solution: the flag is the data of the mutex the condvar waits with. `open` can only set it
// while holding the lock, and a waiter holds the lock from its check until `wait` releases
// it and starts sleeping (one atomic step). So `open` runs either before the check (the
// waiter sees `true` and never sleeps) or after the waiter sleeps (the notify wakes it).
//
// A web server warms its cache at start-up. Request threads call `wait_until_open` and sleep
// until the warm-up thread calls `open`.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct StartupGate {
    /// The condition lives under the mutex: no ordering on a separate atomic can replace this.
    open: Mutex<bool>,
    opened: Condvar,
}

impl StartupGate {
    pub fn new() -> StartupGate {
        StartupGate { open: Mutex::new(false), opened: Condvar::new() }
    }

    /// Opens the gate and wakes every thread waiting at it.
    pub fn open(&self) {
        *self.open.lock().unwrap() = true;
        // Every request thread is waiting for the same event: wake them all. Notifying after
        // the guard is dropped is fine: the flag is already set under the lock.
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        *self.open.lock().unwrap()
    }

    /// Blocks until the gate is open.
    pub fn wait_until_open(&self) {
        let open = self.open.lock().unwrap();
        let _open = self.opened.wait_while(open, |open| !*open).unwrap();
    }
}

fn main() {
    let gate = Arc::new(StartupGate::new());
    let request = {
        let gate = Arc::clone(&gate);
        thread::spawn(move || {
            gate.wait_until_open();
            println!("serving a request");
        })
    };
    println!("cache warmed up");
    gate.open();
    request.join().unwrap();
}
