// verdict: interleaving
// Wrong: SeqCst loads are not enough. With Release stores, each load may still read the
// other flag's old value (no single total order covers the stores), so both sides miss.
// store_buffering: two threads each write a flag, then read the other's; why SeqCst exists.
//
// Solution: all four accesses are `SeqCst`. Every SeqCst operation in the program takes a
// place in one total order that all threads agree on and that respects each thread's own
// order of operations. One of the two stores comes first in it; say the worker's. The
// producer's load comes after the producer's own store, so after the worker's store too,
// and it must read `true`: the producer rings. If the producer's store is first, the
// worker's load sees it and the worker stays up. Either way, at least one notices the other.
//
// Why not weaker:
// - `Release` stores and `Acquire` loads (as shipped): they synchronize only when a load
//   reads the value a store wrote, and then order what came *before* the store with what
//   comes *after* the load. Nothing keeps a thread's own store ahead of its own later load
//   of a different variable, so both loads may run "before" both stores become visible.
// - `AcqRel` is not allowed on a plain store or load at all (it panics); on a `swap` it is
//   still Release + Acquire and does not help.
// - `SeqCst` on the stores only, or on the loads only: the total order covers only SeqCst
//   operations; an access left out of it is not ordered against the others, and the two
//   threads can again miss each other. It takes all four.
// The other way: `fence(Ordering::SeqCst)` between each thread's store and its load (the
// accesses can then be Relaxed). SeqCst fences are ordered in the same total order, and the
// later fence's thread must see the store made before the earlier fence.

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
        // SeqCst on both: the store and the load take part in the single total order, so
        // if this load misses the producer's store, the producer's load comes after this
        // store in that order and sees it.
        self.worker_sleeping.store(true, Ordering::Release);
        !self.work_posted.load(Ordering::SeqCst)
    }

    /// The producer: posts work, then checks whether the worker is asleep. Returns true if
    /// it must ring the doorbell to wake the worker.
    pub fn post_work(&self) -> bool {
        // SeqCst on both, for the same reason: a weaker ordering on any one of the four
        // accesses lets both threads miss each other.
        self.work_posted.store(true, Ordering::Release);
        self.worker_sleeping.load(Ordering::SeqCst)
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
