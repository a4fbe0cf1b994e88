// my_condvar: a condition variable, built on the mutex of park_mutex.
//
// A condvar lets a thread that holds a mutex wait, without holding it, until another thread
// changes the data under the mutex and tells it so ("notifies"). `wait(guard)` unlocks, sleeps
// and locks again before it returns the guard; `notify_one` wakes one waiter, `notify_all`
// every waiter. The mutex below is park_mutex's, complete; the condvar is yours.
//
// A condvar does not remember anything about the data: a waiter checks its condition itself,
// under the mutex, and a wakeup only means "look again". So:
// - a waiter re-checks after every wakeup, in a loop (`wait_while` is that loop): another
//   thread may have made the condition false again before the woken thread got the mutex
//   back (it was woken by a `notify_all` with another waiter, or a third thread came first),
//   and a wait may return for no reason at all;
// - a notify must never be lost: a notify that comes after the waiter looked at the data
//   must wake it, even if it comes before the waiter is asleep.
//
// The second rule is the hard part. Between `drop(guard)` and sleeping, the waiter holds no
// lock, and a notifier can change the data and notify in that window. So the waiter takes
// two notes while it still holds the mutex: it counts itself in `waiters` (a notify with no
// waiter counted skips its work, as a futex-based condvar does to save a system call), and it
// reads `notified`, a counter that every notify bumps. Then it sleeps only while `notified`
// still has the value it read (`Sleepers::wait`, a futex wait): a notify in the window has
// changed it, and the waiter does not sleep at all. A notifier bumps the counter, then wakes.
//
// What to do: finish `wait` and `wait_while` where it says TODO.
//
// How it is checked: tests on one thread (a notify with nobody waiting, a `wait_while` with
// nothing to wait for); loom models of a waiter and a notifier (a lost notify is a deadlock),
// of two waiters and one `notify_all`, of a taker woken for an item that was taken back (a
// waiter that does not check again takes an item that is not there), and of notifies from
// two threads at once; then real threads hand over many items through the mutex and the
// condvar, and every item must be taken exactly once.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::thread::{self, Thread};

// The mutex: park_mutex's, complete. `state` is UNLOCKED, LOCKED (nobody asleep waiting for
// it) or CONTENDED (someone may be); a waiter sets CONTENDED before it sleeps, and an unlock
// that finds CONTENDED wakes one sleeper.
const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
const CONTENDED: u32 = 2;

pub struct Mutex<T> {
    /// UNLOCKED, LOCKED or CONTENDED.
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

/// The threads asleep in `lock` or `wait`: what the kernel keeps for a futex, here a list behind a std
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

    /// Wakes every sleeping thread (a futex wake of all).
    fn wake_all(&self) {
        let all = std::mem::take(&mut *self.list.lock().unwrap());
        for thread in all {
            thread.unpark();
        }
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

pub struct Condvar {
    /// Bumped by every notify that finds a waiter: a waiter that read it before letting go of
    /// the mutex and finds it changed knows that it was notified since.
    notified: AtomicU32,
    /// Threads in `wait`, from counting themselves to holding the mutex again.
    waiters: AtomicUsize,
    sleepers: Sleepers,
}

impl Condvar {
    pub fn new() -> Condvar {
        Condvar {
            notified: AtomicU32::new(0),
            waiters: AtomicUsize::new(0),
            sleepers: Sleepers::new(),
        }
    }

    /// Unlocks the guard's mutex, sleeps until notified (or for no reason), and locks again.
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        let mutex = guard.mutex;
        drop(guard);
        // TODO: from `drop(guard)` to the sleep, we hold no lock: a notifier can change the
        // data and notify in between. Would this wait see that notify, or sleep through it?
        self.waiters.fetch_add(1, Ordering::Relaxed);
        let seen = self.notified.load(Ordering::Relaxed);
        self.sleepers.wait(&self.notified, seen);
        let guard = mutex.lock();
        self.waiters.fetch_sub(1, Ordering::Relaxed);
        guard
    }

    /// Waits while `condition` is true of the data, and returns the guard once it is false.
    pub fn wait_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> MutexGuard<'a, T>
    where
        F: FnMut(&mut T) -> bool,
    {
        // TODO: after a wakeup, is the condition sure to be false?
        if condition(&mut *guard) {
            guard = self.wait(guard);
        }
        guard
    }

    /// Wakes one waiting thread, if any.
    pub fn notify_one(&self) {
        self.notify(false);
    }

    /// Wakes every waiting thread.
    pub fn notify_all(&self) {
        self.notify(true);
    }

    fn notify(&self, all: bool) {
        if self.waiters.load(Ordering::Relaxed) > 0 {
            // The bump first: a waiter that has not reached its sleep yet then sees it and
            // does not sleep; one already asleep is on the list, and the wake finds it.
            self.notified.fetch_add(1, Ordering::Relaxed);
            if all {
                self.sleepers.wake_all();
            } else {
                self.sleepers.wake_one();
            }
        }
    }
}

fn main() {
    // Workers take jobs from a shared list; the main thread adds them and notifies.
    let jobs = std::sync::Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    let workers: Vec<_> = (0..3)
        .map(|i| {
            let jobs = std::sync::Arc::clone(&jobs);
            thread::spawn(move || {
                let (list, added) = &*jobs;
                let mut list = added.wait_while(list.lock(), |l: &mut Vec<u32>| l.is_empty());
                let job = list.pop().unwrap();
                drop(list);
                println!("worker {i} took job {job}");
            })
        })
        .collect();
    for job in 1..=3 {
        jobs.0.lock().push(job);
        jobs.1.notify_one();
    }
    for worker in workers {
        worker.join().unwrap();
    }
}
