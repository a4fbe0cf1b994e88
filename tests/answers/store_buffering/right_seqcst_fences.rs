// verdict: pass
// Right: Relaxed accesses with a SeqCst fence between each thread's store and its load. The
// two fences are in the single total order; the thread whose fence comes later sees the store
// made before the earlier one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering, fence};
use std::thread;

pub struct Doorbell {
    work_posted: AtomicBool,
    worker_sleeping: AtomicBool,
}

impl Doorbell {
    pub fn new() -> Doorbell {
        Doorbell { work_posted: AtomicBool::new(false), worker_sleeping: AtomicBool::new(false) }
    }

    /// The worker, out of jobs: announces it is going to sleep, then checks for work once
    /// more. Returns true if it may sleep (it saw no work).
    pub fn worker_may_sleep(&self) -> bool {
        self.worker_sleeping.store(true, Ordering::Relaxed);
        fence(Ordering::SeqCst);
        !self.work_posted.load(Ordering::Relaxed)
    }

    /// The producer: posts work, then checks whether the worker is asleep. Returns true if
    /// it must ring the doorbell to wake the worker.
    pub fn post_work(&self) -> bool {
        self.work_posted.store(true, Ordering::Relaxed);
        fence(Ordering::SeqCst);
        self.worker_sleeping.load(Ordering::Relaxed)
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
