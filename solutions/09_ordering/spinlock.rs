// spinlock: a lock built from one AtomicBool, with Acquire to lock and Release to unlock.
//
// Solution: the compare-and-swap that takes the lock is `Acquire` on success, and the store
// that frees it is `Release`. The next thread's Acquire exchange reads the `false` that the
// previous holder's Release store wrote, so the two synchronize: everything the previous
// holder did inside its critical section happens-before everything the next one does.
//
// Why not weaker:
// - `Relaxed` on the unlock store: the holder's writes to the data are not released; the
//   next holder may read the table as it was before them.
// - `Relaxed` on a successful lock: the Release store is only acquired by a load that
//   acquires. Without it the new holder's reads are not ordered after the unlock.
// - The failure ordering stays `Relaxed`: a failed exchange takes no lock and reads no data,
//   so it has nothing to acquire.
// - `SeqCst` on either would also be correct, and adds nothing a lock needs: the lock's own
//   exchanges are already in one order (the modification order of `locked`).
// `compare_exchange_weak` fits because the loop retries anyway, and `spin_loop()` tells the
// processor the thread is busy-waiting (and lets loom run the other threads). A real program
// should prefer `std::sync::Mutex`, which puts a waiting thread to sleep.

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
        // Acquire on success: synchronizes with the Release store of the previous unlock.
        // Relaxed on failure: a failed exchange takes nothing and reads no data.
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
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
        // Release: everything written while holding the lock happens-before the next
        // holder's Acquire exchange that reads this `false`.
        self.lock.locked.store(false, Ordering::Release);
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
