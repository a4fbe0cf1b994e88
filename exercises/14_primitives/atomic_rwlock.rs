// atomic_rwlock: a reader-writer lock from one `AtomicU32`.
//
// A `RwLock` lets many threads read the value at once, or one thread write it, never both.
// Here all of its state is one number, so that taking and releasing the lock is a single
// atomic operation on it:
// - twice the number of readers inside, so that the lowest bit is free for:
// - plus one while a writer is waiting for the readers to leave;
// - `u32::MAX` (odd, like every state a new reader must not enter) while a writer holds it.
// A reader may get in exactly when the state is even.
//
// Three promises, none of which the compiler checks:
// 1. A reader is added only to a state it has just seen, in one atomic step: between a load
//    that sees "no writer" and a store of "one more reader", a writer can take the lock.
// 2. Whoever gets in sees everything the previous holders did: taking the lock acquires
//    (Acquire), and releasing it releases (Release). Readers too: a reader's reads must
//    happen before the next writer's writes.
// 3. No writer waits forever behind a stream of readers that come and go while there is
//    always at least one inside. A waiting writer sets the lowest bit, and from then on no
//    new reader gets in: the readers inside leave, and the writer is next.
//
// What to do: finish `try_read`, `write` and the read guard's `Drop` where it says TODO.
//
// How it is checked: tests on one thread (readers share, a writer excludes, guards release
// on drop); loom models of readers and writers on two or three threads, which report a data
// race on the value when the lock lets a reader and a writer in at once, or when taking or
// releasing it does not order their accesses, and check that every guard gone leaves the
// lock free (a refused `try_read` leaves the state as it found it); then real threads: several
// readers inside at once, a writer waiting behind a reader that new readers do not overtake,
// and two writers that start waiting behind a reader at the same instant.

use std::cell::UnsafeCell;
use std::hint::spin_loop;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

/// The state of a write-locked `RwLock`.
const WRITE_LOCKED: u32 = u32::MAX;

pub struct RwLock<T> {
    /// Twice the readers inside, plus one if a writer waits; `WRITE_LOCKED` if one holds it.
    state: AtomicU32,
    value: UnsafeCell<T>,
}

// SAFETY: readers on several threads share a `&T` (T: Sync), and a writer on any thread gets
// a `&mut T` (T: Send); the state makes sure the two never overlap.
unsafe impl<T: Send + Sync> Sync for RwLock<T> {}

impl<T> RwLock<T> {
    pub fn new(value: T) -> RwLock<T> {
        RwLock { state: AtomicU32::new(0), value: UnsafeCell::new(value) }
    }

    /// A read lock, if one can be had now: no writer holds the lock or waits for it.
    pub fn try_read(&self) -> Option<ReadGuard<'_, T>> {
        // TODO: add a reader only to a state that lets one in (even), and in one atomic step:
        // between this load and the store below, a writer can take the lock. And which
        // ordering makes the previous writer's writes visible to this reader?
        let s = self.state.load(Ordering::Relaxed);
        if s % 2 == 1 {
            return None;
        }
        assert!(s < WRITE_LOCKED - 2, "too many readers");
        self.state.store(s + 2, Ordering::Relaxed);
        Some(ReadGuard { lock: self })
    }

    /// A read lock, waiting (spinning) while a writer holds the lock or waits for it.
    pub fn read(&self) -> ReadGuard<'_, T> {
        loop {
            if let Some(guard) = self.try_read() {
                return guard;
            }
            spin_loop();
        }
    }

    /// The write lock, if it can be had now: no reader and no writer inside.
    pub fn try_write(&self) -> Option<WriteGuard<'_, T>> {
        // 0: free. 1: free, and a writer (maybe another) waits: whoever gets it first has it.
        let s = self.state.load(Ordering::Relaxed);
        if s > 1 {
            return None;
        }
        // Acquire: the previous holders' Release unlocks are ordered before our writes.
        match self.state.compare_exchange(s, WRITE_LOCKED, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => Some(WriteGuard { lock: self }),
            Err(_) => None,
        }
    }

    /// The write lock, waiting (spinning) for the readers inside to leave. While it waits,
    /// no new reader gets in.
    pub fn write(&self) -> WriteGuard<'_, T> {
        // TODO: while readers are inside, this writer waits; readers that come and go can
        // keep it out for ever. While it waits, set the waiting bit (the state's lowest), so
        // that no new reader gets in; `try_write` takes the lock from 0 or 1.
        loop {
            if let Some(guard) = self.try_write() {
                return guard;
            }
            spin_loop();
        }
    }
}

/// Shared access to the value while a read lock is held; releases it when dropped.
pub struct ReadGuard<'a, T> {
    lock: &'a RwLock<T>,
}

/// Exclusive access to the value while the write lock is held; releases it when dropped.
pub struct WriteGuard<'a, T> {
    lock: &'a RwLock<T>,
}

impl<T> Deref for ReadGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: while a read guard lives, the state is at least 2: no writer is inside.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> Deref for WriteGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: while the write guard lives, the state is WRITE_LOCKED: nobody else is inside.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for WriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: while the write guard lives, the state is WRITE_LOCKED: nobody else is inside.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for ReadGuard<'_, T> {
    fn drop(&mut self) {
        // TODO: one reader out, in one step (other readers leave at the same time), keeping
        // the waiting bit. A reader only read the value: why does its unlock need an
        // ordering too, and which one?
        self.lock.state.fetch_sub(2, Ordering::Relaxed);
    }
}

impl<T> Drop for WriteGuard<'_, T> {
    fn drop(&mut self) {
        // Release: our writes happen before the next holder's Acquire. Storing 0 also clears
        // the waiting bit of another writer, which then sets it again if readers got in first.
        self.lock.state.store(0, Ordering::Release);
    }
}

fn main() {
    let config = Arc::new(RwLock::new(String::from("v1")));
    let readers: Vec<_> = (0..3)
        .map(|i| {
            let config = Arc::clone(&config);
            thread::spawn(move || {
                for _ in 0..3 {
                    println!("reader {i} sees {}", *config.read());
                    thread::yield_now();
                }
            })
        })
        .collect();
    config.write().push_str(" -> v2");
    for reader in readers {
        reader.join().unwrap();
    }
    println!("finally: {}", *config.read());
}
