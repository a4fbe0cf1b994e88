// lazy_init: a value computed once, on first use, by whichever thread needs it first.
//
// `OnceCell::get_or_init(f)` returns the cell's value, and the first call computes it with
// `f`. Several threads may call it at the same moment: exactly one of them runs its `f`, the
// others wait until the value is there, and all of them get that same value. (std calls this
// `OnceLock`; `LazyLock` is the same with the function given up front.)
//
// The cell is a small state machine in one atomic:
//     UNINIT --(a caller claims it)--> RUNNING --(its f returned)--> DONE
//                       ^                 |
//                       +--(its f panicked)
// - Claiming is one compare-exchange from UNINIT to RUNNING: of two callers that find the
//   cell empty, exactly one wins and runs `f`.
// - The value is written into an `UnsafeCell<MaybeUninit<T>>` before the state becomes DONE,
//   and read only by a thread that has seen DONE: the store of DONE must publish the value
//   (Release), and every load that finds DONE must acquire it (Acquire).
// - While the state is RUNNING, other callers sleep (`thread::park`): they put themselves in
//   a list of waiters, and whoever ends RUNNING wakes everyone on it.
// - If `f` panics, the panic goes on to its caller, and the cell goes back to UNINIT, empty:
//   the waiters wake up, and one of them (or a later caller) runs its own `f`. A panic never
//   leaves the cell stuck in RUNNING, with its waiters asleep for ever.
//
// What to do: finish `get_or_init`, `initialise` and `Reset`'s `Drop` where it says TODO.
//
// How it is checked: tests on one thread (the value, `get`, a panicking `f`, the value's
// drop); loom models of two and three threads calling `get_or_init` at once (one of them with
// an `f` that panics), which count how many times `f` runs, report a data race on the value
// when it is read without the DONE that published it, and a deadlock when a waiter is never
// woken; then real threads (a panicking `f` with another thread asleep waiting for it, and
// callers at the same moment).

use std::cell::UnsafeCell;
use std::mem::{self, MaybeUninit};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, Thread};

const UNINIT: u8 = 0;
const RUNNING: u8 = 1;
const DONE: u8 = 2;

pub struct OnceCell<T> {
    /// UNINIT, RUNNING or DONE.
    state: AtomicU8,
    /// Threads asleep until the state leaves RUNNING.
    waiters: Mutex<Vec<Thread>>,
    /// Written once, before the state becomes DONE; read only after DONE.
    value: UnsafeCell<MaybeUninit<T>>,
}

// SAFETY: the value is written by one thread (the one that claimed the cell) before DONE, and
// only read after DONE, through `&T`s on any thread (T: Sync); it is made on one thread and
// dropped on another (T: Send).
unsafe impl<T: Send + Sync> Sync for OnceCell<T> {}

impl<T> OnceCell<T> {
    pub fn new() -> OnceCell<T> {
        OnceCell {
            state: AtomicU8::new(UNINIT),
            waiters: Mutex::new(Vec::new()),
            value: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// The value, if it is there.
    pub fn get(&self) -> Option<&T> {
        // Acquire: pairs with the Release store of DONE, so the value is all there.
        if self.state.load(Ordering::Acquire) == DONE {
            // SAFETY: DONE: the value was written, and is never written again.
            Some(unsafe { (*self.value.get()).assume_init_ref() })
        } else {
            None
        }
    }

    /// The value; if it is not there yet, computed by `f` on this thread or by another
    /// caller's `f` on its thread. If `f` panics, the panic goes on, and the cell stays empty.
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        loop {
            // One step: of two callers that find UNINIT, only one gets Ok.
            // Relaxed on success: an empty cell has nothing to acquire.
            // Acquire on failure: finding DONE must acquire the value its store published.
            match self.state.compare_exchange(UNINIT, RUNNING, Ordering::Relaxed, Ordering::Acquire)
            {
                Ok(_) => return self.initialise(f),
                // SAFETY: DONE, read with Acquire: the value is there, and stays.
                Err(DONE) => return unsafe { (*self.value.get()).assume_init_ref() },
                // RUNNING: another caller's f is running. Sleep, then look again.
                Err(_) => self.wait(),
            }
        }
    }

    /// Runs `f` in a cell this thread has claimed (RUNNING), and publishes its value.
    fn initialise(&self, f: impl FnOnce() -> T) -> &T {
        // If f panics, `reset` is dropped while the panic unwinds: see `Reset`.
        let reset = Reset { cell: self };
        let value = f();
        mem::forget(reset);
        // SAFETY: RUNNING is ours: nobody else writes the value, and nobody reads it before
        // DONE.
        unsafe { (*self.value.get()).write(value) };
        // Release: whoever sees DONE with Acquire also sees the value written above.
        self.state.store(DONE, Ordering::Release);
        // After the store: a waiter that takes the list's lock after this sees DONE and does
        // not sleep; one that was already on the list is woken here.
        self.wake_all();
        // SAFETY: we wrote it, and it is never written again.
        unsafe { (*self.value.get()).assume_init_ref() }
    }

    /// Sleeps until the caller that is running its `f` ends RUNNING (or spuriously: the
    /// caller looks at the state again either way).
    fn wait(&self) {
        let mut waiters = self.waiters.lock().unwrap();
        // Under the list's lock: the thread ending RUNNING changes the state before it takes
        // this lock to wake the list. So either we see the state changed here and do not
        // sleep, or we are on the list before it is woken: no wakeup is lost.
        if self.state.load(Ordering::Relaxed) != RUNNING {
            return;
        }
        waiters.push(thread::current());
        drop(waiters);
        // An `unpark` that came before this `park` is not lost: park returns at once.
        thread::park();
    }

    /// Wakes every waiter (each looks at the state again).
    fn wake_all(&self) {
        for waiter in self.waiters.lock().unwrap().drain(..) {
            waiter.unpark();
        }
    }
}

impl<T> Default for OnceCell<T> {
    fn default() -> OnceCell<T> {
        OnceCell::new()
    }
}

impl<T> Drop for OnceCell<T> {
    fn drop(&mut self) {
        // `&mut self`: no other thread can touch the cell now, so Relaxed is enough.
        if self.state.load(Ordering::Relaxed) == DONE {
            // SAFETY: DONE: the value is there, and this is its last use.
            unsafe { (*self.value.get()).assume_init_drop() };
        }
    }
}

/// Ends RUNNING if the initialiser panics: `initialise` forgets it when `f` returns, so its
/// `Drop` runs only while a panic unwinds.
struct Reset<'a, T> {
    cell: &'a OnceCell<T>,
}

impl<T> Drop for Reset<'_, T> {
    fn drop(&mut self) {
        // Back to empty: the next caller runs its own f. Relaxed: no value is published; the
        // waiters see the change under the list's lock, or after the unpark below.
        self.cell.state.store(UNINIT, Ordering::Relaxed);
        // Without this, the waiters sleep for ever.
        self.cell.wake_all();
    }
}

fn main() {
    let config: Arc<OnceCell<String>> = Arc::new(OnceCell::new());
    let workers: Vec<_> = (0..3)
        .map(|i| {
            let config = Arc::clone(&config);
            thread::spawn(move || {
                let value = config.get_or_init(|| {
                    println!("worker {i} loads the configuration");
                    String::from("threads = 3")
                });
                println!("worker {i} sees: {value}");
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
}
