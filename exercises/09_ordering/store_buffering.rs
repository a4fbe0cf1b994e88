// store_buffering: two threads each write a flag, then read the other's; why SeqCst exists.
//
// A thread pool worker that runs out of jobs goes to sleep. Before it does, it sets
// `worker_sleeping`, then looks once more at `work_posted`: if work arrived, it stays up.
// A producer sets `work_posted`, then looks at `worker_sleeping`: if the worker sleeps, it
// rings the doorbell (wakes it). Between them, one of the two must notice the other. If the
// worker reads "no work" and the producer reads "not sleeping", the worker sleeps with a job
// waiting and nobody wakes it: a lost wakeup.
//
// As shipped, the stores are `Release` and the loads `Acquire`, and that is not enough.
// Release/Acquire only tells a thread something when its load *reads* the other's store:
// it never keeps a thread's own store ahead of its own later load. Each thread can read
// the other's flag before its own store has become visible to the other (the processor's
// store buffer does exactly this), so both can read `false`.
//
// What to do: give these four accesses orderings under which "both read false" is
// impossible. There are two ways: the right ordering on every access, or a fence between
// each thread's store and its load.
//
// How it is checked: a test runs each side alone and one after the other (each answer must
// then be exact: no worker that never sleeps, no producer that always rings); loom runs the
// worker and the producer under every interleaving and every value each load may return; in
// none may both miss each other. Then the same on real threads, doorbell after doorbell.

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
        // TODO: these two orderings let the load below run ahead of the store.
        self.worker_sleeping.store(true, Ordering::Release);
        !self.work_posted.load(Ordering::Acquire)
    }

    /// The producer: posts work, then checks whether the worker is asleep. Returns true if
    /// it must ring the doorbell to wake the worker.
    pub fn post_work(&self) -> bool {
        // TODO: the same here.
        self.work_posted.store(true, Ordering::Release);
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
