// lost_wakeup: a wakeup that arrives before anyone is listening.
//
// A web server warms its cache at start-up. Request threads call `wait_until_open` and sleep
// until the warm-up thread calls `open`. The code below looks careful: a `while` loop around
// the wait, and SeqCst on the flag. Yet a request thread can sleep forever:
//
//   request thread                       warm-up thread
//   locks `lock`, reads `open`: false
//                                        stores `open = true`
//                                        notify_all(): nobody is waiting yet, so nothing happens
//   waits on `opened` ... forever
//
// The notify fell into the gap between the check and the wait. A condvar has no memory:
// a notify with no waiter is simply lost. `wait` closes that gap only for changes made under
// the same mutex, because it releases the mutex and starts waiting in one step.
//
// What to do: keep the condition under the mutex the condvar waits with, so `open` cannot
// change it between a waiter's check and its wait. Keep the public API.
//
// How it is checked: loom runs one request thread, then two, against the warm-up thread under
// every interleaving: every waiter must wake once the gate opens, and none may return before
// it was opened. The shipped code gets a deadlock verdict: a thread waits forever. Then the
// same on real threads: two request threads wait at gate after gate while one opens them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct StartupGate {
    // TODO: this flag lives outside the mutex. Move it under the mutex (a `Mutex<bool>`)
    // so that setting it and checking it are both done while holding the lock.
    open: AtomicBool,
    lock: Mutex<()>,
    opened: Condvar,
}

impl StartupGate {
    pub fn new() -> StartupGate {
        StartupGate { open: AtomicBool::new(false), lock: Mutex::new(()), opened: Condvar::new() }
    }

    /// Opens the gate and wakes every thread waiting at it.
    pub fn open(&self) {
        // TODO: change the condition while holding the lock.
        self.open.store(true, Ordering::SeqCst);
        self.opened.notify_all();
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    /// Blocks until the gate is open.
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
        thread::spawn(move || {
            gate.wait_until_open();
            println!("serving a request");
        })
    };
    println!("cache warmed up");
    gate.open();
    request.join().unwrap();
}
