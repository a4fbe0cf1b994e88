// spinlock: a lock built from one AtomicBool, with Acquire to lock and Release to unlock.
//
// A packet router keeps per-port statistics that many threads update for a few nanoseconds
// at a time: too short to be worth putting a thread to sleep, so the table sits behind a
// spinlock. `lock()` turns `locked` from false to true with a compare-and-swap (retrying
// while another thread holds it); dropping the guard sets it back to false. The data lives
// in an `UnsafeCell`, and the lock is what makes handing out `&mut T` sound.
//
// The exclusion is right: only one thread at a time can win the compare-and-swap. The
// orderings are not. With `Relaxed`, taking the lock does not make the previous holder's
// writes visible: the next thread can read the table as it was before the last update,
// and its own write then wipes that update out. A lock must also *order memory*: everything
// done inside one critical section must happen-before the next one.
//
// What to do: choose the orderings in `lock` and in the guard's `drop` (the TODO lines),
// the weakest that are correct. Keep the `compare_exchange_weak` loop and its
// `std::hint::spin_loop()`: the hint tells the processor (and the model checker) that this
// thread is only waiting. (A `while locked.swap(true, ..)` loop is a correct spinlock too,
// with the same orderings: the swap that returns false takes the lock.)
//
// How it is checked: loom runs threads that each take the lock and update the data, under
// every interleaving. It reports a thread that does not see the previous holder's update,
// and a data race on the `UnsafeCell`: two threads' accesses to it that the lock does not
// order one after the other (the model checker tracks every `get()` of the cell). Then real
// threads: three threads add one inside the lock thousands of times, and no update may be lost;
// and one thread holds the lock for 100 ms while another waits: it must wait all of it.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time access to `value`, so sharing a `SpinLock<T>`
// only ever moves the use of a `T` from one thread to another: that needs `T: Send`, and
// not `T: Sync`, because no two threads use the `T` at once.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub fn new(value: T) -> SpinLock<T> {
        SpinLock { locked: AtomicBool::new(false), value: UnsafeCell::new(value) }
    }

    /// Spins until the lock is free, then takes it.
    pub fn lock(&self) -> SpinGuard<'_, T> {
        // TODO: which ordering on success makes the previous holder's writes visible here?
        // (A failed exchange takes nothing, so its ordering can stay Relaxed.)
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
        {
            std::hint::spin_loop();
        }
        SpinGuard { lock: self }
    }
}

/// Access to the data while the lock is held; unlocks when dropped.
pub struct SpinGuard<'a, T> {
    lock: &'a SpinLock<T>,
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard exists only while this thread holds the lock.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard exists only while this thread holds the lock.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        // TODO: which ordering makes this holder's writes visible to the next one?
        self.lock.locked.store(false, Ordering::Relaxed);
    }
}

fn main() {
    let packets_per_port = Arc::new(SpinLock::new([0u64; 4]));
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let table = Arc::clone(&packets_per_port);
            thread::spawn(move || {
                for packet in 0..10_000 {
                    table.lock()[(worker + packet) % 4] += 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let table = packets_per_port.lock();
    println!("packets per port: {:?} (total {})", *table, table.iter().sum::<u64>());
}
