// park_mutex: a mutex from one atomic, with sleeping threads woken by `thread::unpark`.
//
// A spin lock (`spinlock` in 09_ordering) burns a core while it waits. A real mutex puts the
// waiting thread to sleep and has the unlocking thread wake it. The lock itself is still one
// atomic, `state`, with three values:
//   UNLOCKED  (0): nobody holds the lock;
//   LOCKED    (1): a thread holds it, and nobody is asleep waiting for it;
//   CONTENDED (2): a thread holds it, and other threads may be asleep waiting for it.
// Why two "locked" values: waking a thread costs a trip through the list of sleepers, so
// `unlock` only does it when `state` says someone may be asleep. An uncontended lock and
// unlock are one atomic operation each.
//
// Putting a thread to sleep is `Sleepers` below, given complete: it is what the kernel does
// for a futex (Rust Atomics and Locks, chapter 8), built from `thread::park` and `unpark`.
// `wait(&state, CONTENDED)` sleeps only if `state` still holds CONTENDED when the thread is
// on the list of sleepers, and `wake_one` wakes one thread of the list. It may also return
// for no reason (a spurious wakeup): a caller always looks at `state` again.
//
// The rule that makes it right, and the bug it prevents: a lost wakeup. A thread that goes to
// sleep must first make sure that the thread holding the lock will wake it. If it sleeps
// while `state` says LOCKED, the unlocker sees LOCKED, wakes nobody, and the sleeper sleeps
// forever. So a waiter sets CONTENDED before it sleeps, and it sets it with a `swap` that also
// tells it whether the lock was released in the meantime (then the swap has taken the lock).
// And the unlock that finds CONTENDED wakes a sleeper.
//
// The data is in an `UnsafeCell<T>`. `lock` returns a guard that gives `&mut T` (Deref and
// DerefMut) and unlocks when it is dropped. Acquire when the lock is taken and Release when it
// is given back order one holder's writes to the data before the next holder's reads.
//
// What to do: finish `lock` and the guard's `Drop` where it says TODO.
//
// How it is checked: a test on one thread (the value in, changed through the guard, out with
// `into_inner`); loom models of two and three threads incrementing through the lock (two
// holders at once are a data race on the cell, a sleeper never woken is a deadlock); then
// real threads increment many times and the count must be exact, and threads that call
// `lock` two at a time, at the same instant, on a free mutex must never both get in.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::{self, Thread};

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
const CONTENDED: u32 = 2;

pub struct Mutex<T> {
    /// UNLOCKED, LOCKED or CONTENDED (see the header).
    state: AtomicU32,
    sleepers: Sleepers,
    value: UnsafeCell<T>,
}

// SAFETY: the lock hands the T to one thread at a time (T: Send), never to two at once.
unsafe impl<T: Send> Sync for Mutex<T> {}

pub struct MutexGuard<'a, T> {
    mutex: &'a Mutex<T>,
}

// SAFETY: a shared guard gives out `&T` on every thread it is shared with: T must be Sync.
// (Without this line the guard would be Sync whenever the Mutex is, e.g. for a `Cell`.)
unsafe impl<T: Sync> Sync for MutexGuard<'_, T> {}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Mutex<T> {
        Mutex {
            state: AtomicU32::new(UNLOCKED),
            sleepers: Sleepers::new(),
            value: UnsafeCell::new(value),
        }
    }

    /// Waits until the lock is free, takes it, and returns the guard that gives it back.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        // Acquire, in both places the lock is taken: the previous holder's writes to the
        // value (released by its unlock) happen before ours.
        if self
            .state
            .compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            // Contended. Before sleeping, say so (CONTENDED), so that the unlock wakes us. The
            // swap also takes the lock if it was given back meanwhile: then it returns
            // UNLOCKED, and we hold the lock in state CONTENDED, which at worst costs our
            // unlock a wake_one with nobody to wake. A loop: after any wakeup the lock may
            // already be someone else's.
            while self.state.swap(CONTENDED, Ordering::Acquire) != UNLOCKED {
                self.sleepers.wait(&self.state, CONTENDED);
            }
        }
        MutexGuard { mutex: self }
    }

    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard exists only while its thread holds the lock.
        unsafe { &*self.mutex.value.get() }
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard exists only while its thread holds the lock.
        unsafe { &mut *self.mutex.value.get() }
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // Release: our writes to the value happen before the next holder's Acquire. A swap,
        // not a store: it unlocks and tells us, in one step, whether anyone may be asleep.
        if self.mutex.state.swap(UNLOCKED, Ordering::Release) == CONTENDED {
            self.mutex.sleepers.wake_one();
        }
    }
}

/// The threads asleep in `lock`: what the kernel keeps for a futex, here a list behind a std
/// `Mutex` that is held for a few instructions and never while anyone sleeps.
struct Sleepers {
    list: std::sync::Mutex<Vec<Thread>>,
}

impl Sleepers {
    fn new() -> Sleepers {
        Sleepers { list: std::sync::Mutex::new(Vec::new()) }
    }

    /// Sleeps if `atomic` still holds `expected` (a futex wait). The check and the joining of
    /// the list are one step under the list's lock: a thread that changes `atomic` and then
    /// calls `wake_one` either comes before the check (which sees the change, and we do not
    /// sleep) or finds us on the list. May return with nothing changed: re-check in a loop.
    fn wait(&self, atomic: &AtomicU32, expected: u32) {
        let me = thread::current();
        {
            let mut list = self.list.lock().unwrap();
            if atomic.load(Ordering::Relaxed) != expected {
                return;
            }
            list.push(me.clone());
        }
        thread::park();
        // Woken by `wake_one`, which took us off the list, or spuriously: off it either way.
        self.list.lock().unwrap().retain(|t| t.id() != me.id());
    }

    /// Wakes one sleeping thread, if there is one (a futex wake).
    fn wake_one(&self) {
        let first = {
            let mut list = self.list.lock().unwrap();
            if list.is_empty() { None } else { Some(list.remove(0)) }
        };
        if let Some(thread) = first {
            thread.unpark();
        }
    }
}

fn main() {
    let counter = std::sync::Arc::new(Mutex::new(0u64));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let counter = std::sync::Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..1000 {
                    *counter.lock() += 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    println!("count: {} (4 threads x 1000)", *counter.lock());
}
