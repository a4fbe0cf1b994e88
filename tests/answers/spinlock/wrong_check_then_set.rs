// verdict: interleaving
// Wrong: wait until the lock looks free, then set it. The right orderings, but the test and
// the set are two steps: two threads can both see false and both take the lock.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub fn new(value: T) -> SpinLock<T> {
        SpinLock { locked: AtomicBool::new(false), value: UnsafeCell::new(value) }
    }

    /// Spins until the lock is free, then takes it.
    pub fn lock(&self) -> SpinGuard<'_, T> {
        while self.locked.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
        self.locked.store(true, Ordering::Relaxed);
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
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
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
