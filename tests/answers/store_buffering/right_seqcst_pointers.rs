// verdict: pass
// Right: the two flags as `AtomicPtr`s (null: not yet; any other pointer: set), all four
// accesses SeqCst. The shim's SeqCst fix must cover `AtomicPtr` as it covers `AtomicBool`:
// without it loom models these SeqCst loads and stores as Acquire/Release and reports a
// correct answer as failing.

use std::ptr::{self, NonNull};
use std::sync::Arc;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::thread;

pub struct Doorbell {
    work_posted: AtomicPtr<u8>,
    worker_sleeping: AtomicPtr<u8>,
}

fn set() -> *mut u8 {
    NonNull::dangling().as_ptr()
}

impl Doorbell {
    pub fn new() -> Doorbell {
        Doorbell {
            work_posted: AtomicPtr::new(ptr::null_mut()),
            worker_sleeping: AtomicPtr::new(ptr::null_mut()),
        }
    }

    /// The worker, out of jobs: announces it is going to sleep, then checks for work once
    /// more. Returns true if it may sleep (it saw no work).
    pub fn worker_may_sleep(&self) -> bool {
        self.worker_sleeping.store(set(), Ordering::SeqCst);
        self.work_posted.load(Ordering::SeqCst).is_null()
    }

    /// The producer: posts work, then checks whether the worker is asleep. Returns true if
    /// it must ring the doorbell to wake the worker.
    pub fn post_work(&self) -> bool {
        self.work_posted.store(set(), Ordering::SeqCst);
        !self.worker_sleeping.load(Ordering::SeqCst).is_null()
    }
}

fn main() {
    let bell = Arc::new(Doorbell::new());
    let producer_bell = Arc::clone(&bell);
    let producer = thread::spawn(move || producer_bell.post_work());
    let sleeps = bell.worker_may_sleep();
    let rings = producer.join().unwrap();
    println!("worker sleeps: {sleeps}, producer rings: {rings}");
    if sleeps && !rings {
        println!("lost wakeup: the worker sleeps while a job waits");
    }
}
