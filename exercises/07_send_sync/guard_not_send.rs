// guard_not_send: what may cross to another thread, and what may not.
//
// A web server's handler threads share state through `Arc`s: a hit counter, an access log.
// Two rules of the standard library decide what compiles here:
// - `Arc<T>` is Send (can be moved to another thread) only if `T` is Send AND Sync. An Arc
//   gives every thread holding a clone a `&T`, so sending an Arc shares the `T`; and the
//   last clone to be dropped, on whatever thread, drops the `T`.
// - A `MutexGuard` is not Send. The lock must be released by the thread that took it (some
//   platforms require it), and a guard is the lock being held. Lock inside the thread that
//   needs the data, or copy/take the data out and send that instead.
// `RefCell` and `Cell` are Send but not Sync: they check borrows without any atomics or
// locks, so one may never be used from two threads at once.
//
// This file does not compile. The compiler's errors name the rules above.
//
// What to do: fix the three places marked TODO, without `unsafe`: give `spawn_with` the
// bound an `Arc<T>` needs to cross threads, make `HitCounter` safe to share (a lock instead
// of the RefCell), and make `flush_in_background` stop sending a guard.
//
// How it is checked: at compile time, then by running small programs. Programs that hand
// `spawn_with` an `Arc` of a `Cell` or of a `MutexGuard` must be rejected; programs that
// count hits from several threads (two at a time on one path: no hit may be lost) and flush
// the log must compile and give the right answers;
// one records a hit on another thread while `with_counts` runs: the counts `report` reads must
// not change, and the record must not fail (hold the lock while it runs, or hand it a copy).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// Runs `job` on a new thread with shared access to `shared`.
pub fn spawn_with<T, R, F>(shared: &Arc<T>, job: F) -> JoinHandle<R>
where
    // TODO: the clone of the Arc moves into the new thread. What must `T` be for that?
    T: 'static,
    F: FnOnce(&T) -> R + Send + 'static,
    R: Send + 'static,
{
    let shared = Arc::clone(shared);
    thread::spawn(move || job(&shared))
}

/// Counts requests per path; one counter is shared by every handler thread.
pub struct HitCounter {
    // TODO: a RefCell is not Sync, so an `Arc<HitCounter>` cannot go to another thread.
    hits: RefCell<HashMap<String, u64>>,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: RefCell::new(HashMap::new()) }
    }

    pub fn record(&self, path: &str) {
        *self.hits.borrow_mut().entry(path.to_string()).or_insert(0) += 1;
    }

    pub fn hits(&self, path: &str) -> u64 {
        self.hits.borrow().get(path).copied().unwrap_or(0)
    }

    /// Calls `report` with all the counts, which must not change while it runs.
    pub fn with_counts<R>(&self, report: impl FnOnce(&HashMap<String, u64>) -> R) -> R {
        report(&self.hits.borrow())
    }
}

/// Takes every line out of the access log on a background thread and returns them, to be
/// written to disk. The log itself stays usable.
pub fn flush_in_background(log: &Arc<Mutex<Vec<String>>>) -> JoinHandle<Vec<String>> {
    // TODO: this locks here and sends the guard to the new thread.
    let mut lines = log.lock().unwrap();
    thread::spawn(move || std::mem::take(&mut *lines))
}

fn main() {
    let counter = Arc::new(HitCounter::new());
    let handlers: Vec<_> = ["/", "/login", "/"]
        .into_iter()
        .map(|path| spawn_with(&counter, move |c: &HitCounter| c.record(path)))
        .collect();
    for handler in handlers {
        handler.join().unwrap();
    }
    println!("hits on /: {}", counter.hits("/"));

    let log = Arc::new(Mutex::new(vec!["GET / 200".to_string(), "GET /login 302".to_string()]));
    let flushed = flush_in_background(&log).join().unwrap();
    println!("flushed {} lines, {} left", flushed.len(), log.lock().unwrap().len());
}
