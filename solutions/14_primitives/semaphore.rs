// semaphore: a counting semaphore from a Mutex and a Condvar.
//
// A download manager lets at most N downloads run at once. A semaphore holds N permits:
// `acquire` takes one, waiting while none is left, and `release` gives one back and wakes one
// thread waiting for it. Unlike a Mutex, nothing is locked while a permit is held: the permit
// is only a number, and the code between `acquire` and `release` runs without any lock.
//
// The count lives in a `Mutex<usize>`, and waiters sleep on a `Condvar`. Two rules make it
// right:
// - a waiter re-checks the count after every wakeup, in a loop: a wakeup is only a hint.
//   Another thread may have taken the permit first, and a condvar may wake a waiter for no
//   reason at all (a spurious wakeup);
// - a release wakes a waiter. A waiter that nobody notifies sleeps forever.
// And one promise: there are never more permits than the semaphore started with. A `release`
// with every permit already back is a bug in the caller, and it panics.
//
// What to do: finish `acquire` and `release` where it says TODO.
//
// How it is checked: tests of the count on one thread and of a release too many; loom models
// of threads sharing one permit, and of two permits given back one after the other to two
// waiters (a waiter never woken is a deadlock, two threads inside at once or a count below
// zero is a failing schedule); then real threads check that at most N are inside at once.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

pub struct Semaphore {
    /// Permits left. Never more than `max`.
    permits: Mutex<usize>,
    /// The number the semaphore started with.
    max: usize,
    /// Signalled when a permit is given back.
    released: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Semaphore {
        Semaphore { permits: Mutex::new(permits), max: permits, released: Condvar::new() }
    }

    /// Takes a permit, waiting while none is left.
    pub fn acquire(&self) {
        let mut permits = self.permits.lock().unwrap();
        // A loop, not an `if`: after a wakeup the permit may be gone already, or there may
        // have been no release at all.
        while *permits == 0 {
            permits = self.released.wait(permits).unwrap();
        }
        *permits -= 1;
    }

    /// Gives a permit back and wakes one waiter. Panics if every permit is already back.
    pub fn release(&self) {
        let mut permits = self.permits.lock().unwrap();
        if *permits == self.max {
            panic!("release without acquire: all {} permits are already back", self.max);
        }
        *permits += 1;
        // One permit came back: one waiter can take it.
        self.released.notify_one();
    }

    /// Permits left right now (it may change as soon as it is read).
    pub fn available(&self) -> usize {
        *self.permits.lock().unwrap()
    }
}

fn main() {
    let downloads = Arc::new(Semaphore::new(2));
    let workers: Vec<_> = (0..5)
        .map(|i| {
            let downloads = Arc::clone(&downloads);
            thread::spawn(move || {
                downloads.acquire();
                println!("download {i} running");
                thread::sleep(Duration::from_millis(20));
                downloads.release();
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    println!("permits left: {}", downloads.available());
}
