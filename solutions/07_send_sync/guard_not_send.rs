// guard_not_send: what may cross to another thread, and what may not.
//
// Solution:
// - `spawn_with` requires `T: Send + Sync`: the Arc clone that moves into the new thread
//   shares the `T` with every other clone (Sync), and may be the last clone, dropping the
//   `T` on that thread (Send).
// - `HitCounter` keeps its map in a `Mutex`, which is Sync whenever its contents are Send:
//   every access takes the lock, so no two threads touch the map at once.
// - `flush_in_background` sends a clone of the Arc, not a guard, and the new thread takes
//   the lock itself. The guard is created, used and dropped on one thread.
//
// A web server's handler threads share state through `Arc`s: a hit counter, an access log.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// Runs `job` on a new thread with shared access to `shared`.
pub fn spawn_with<T, R, F>(shared: &Arc<T>, job: F) -> JoinHandle<R>
where
    // `Arc<T>: Send` exactly when `T: Send + Sync`.
    T: Send + Sync + 'static,
    F: FnOnce(&T) -> R + Send + 'static,
    R: Send + 'static,
{
    let shared = Arc::clone(shared);
    thread::spawn(move || job(&shared))
}

/// Counts requests per path; one counter is shared by every handler thread.
pub struct HitCounter {
    /// A Mutex, not a RefCell: the borrow check happens under a lock, across threads.
    hits: Mutex<HashMap<String, u64>>,
}

impl HitCounter {
    pub fn new() -> HitCounter {
        HitCounter { hits: Mutex::new(HashMap::new()) }
    }

    pub fn record(&self, path: &str) {
        *self.hits.lock().unwrap().entry(path.to_string()).or_insert(0) += 1;
    }

    pub fn hits(&self, path: &str) -> u64 {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    /// Calls `report` with all the counts, which must not change while it runs.
    pub fn with_counts<R>(&self, report: impl FnOnce(&HashMap<String, u64>) -> R) -> R {
        // The lock is held while `report` runs: `record` on other threads waits meanwhile.
        report(&self.hits.lock().unwrap())
    }
}

/// Takes every line out of the access log on a background thread and returns them, to be
/// written to disk. The log itself stays usable.
pub fn flush_in_background(log: &Arc<Mutex<Vec<String>>>) -> JoinHandle<Vec<String>> {
    // Send the Arc (Send, since `Mutex<Vec<String>>` is Send + Sync); lock over there.
    let log = Arc::clone(log);
    thread::spawn(move || std::mem::take(&mut *log.lock().unwrap()))
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
