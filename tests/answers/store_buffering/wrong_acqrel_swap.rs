// verdict: interleaving
// Wrong: AcqRel, on a swap since a plain store cannot take it, with Acquire loads. An AcqRel
// read-modify-write is still only Acquire + Release: no total order, so both loads can read
// false.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
        self.worker_sleeping.swap(true, Ordering::AcqRel);
        !self.work_posted.load(Ordering::Acquire)
    }

    /// The producer: posts work, then checks whether the worker is asleep. Returns true if
    /// it must ring the doorbell to wake the worker.
    pub fn post_work(&self) -> bool {
        self.work_posted.swap(true, Ordering::AcqRel);
        self.worker_sleeping.load(Ordering::Acquire)
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
