// relaxed_flag: a Mutex somewhere in the writer does not publish what a Relaxed flag guards.
//
// Solution: `finished` is stored with `Release` and loaded with `Acquire`. When the monitor's
// Acquire load reads `true`, it synchronizes with the Release store: everything the importer
// did before the store, including every `fetch_add` on `rows`, happens-before everything the
// monitor does after the load, so it reads the final count.
//
// Why not weaker:
// - `Relaxed` on either side (as shipped): the lock and unlock of the log in `finish` order
//   memory only for the next thread that locks the log. The monitor does not; its Relaxed
//   load of a different variable acquires nothing from that unlock, nor from a Relaxed store.
// - Release without Acquire, or Acquire without Release: synchronization needs both halves.
// - The row counter stays `Relaxed`: the flag orders it. (Making the counter SeqCst and
//   leaving the flag Relaxed orders the wrong variable.)
// Other correct fixes: SeqCst on the flag (stronger than needed); or no atomic flag at all:
// keep `finished` inside the mutex and read it under the lock. Then the monitor does lock
// the same mutex after the importer's unlock, and the mutex itself orders the two threads.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Import {
    rows: AtomicU64,
    log: Mutex<Vec<String>>,
    finished: AtomicBool,
}

impl Import {
    pub fn new() -> Import {
        Import {
            rows: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            finished: AtomicBool::new(false),
        }
    }

    /// Counts one imported row. Called by the importing thread only.
    pub fn import_row(&self) {
        // Relaxed is right for the count itself: only its value matters.
        self.rows.fetch_add(1, Ordering::Relaxed);
    }

    /// Ends the import: logs the total, then lets monitors see that the import is done.
    pub fn finish(&self) {
        let total = self.rows.load(Ordering::Relaxed);
        self.log.lock().unwrap().push(format!("import finished: {total} rows"));
        // Release: every row counted before this store is visible to a thread whose
        // Acquire load reads `true`. The log's unlock above releases only to the log's
        // next locker, which the monitor is not.
        self.finished.store(true, Ordering::Release);
    }

    /// For the monitor: the final row count once the import has finished, `None` before.
    pub fn final_rows(&self) -> Option<u64> {
        // Acquire: pairs with the Release store in `finish`, so the Relaxed load of `rows`
        // below sees at least the count from before that store: the final one.
        if self.finished.load(Ordering::Acquire) {
            Some(self.rows.load(Ordering::Relaxed))
        } else {
            None
        }
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

fn main() {
    let import = Arc::new(Import::new());
    let job = Arc::clone(&import);
    let importer = thread::spawn(move || {
        for _ in 0..1000 {
            job.import_row();
        }
        job.finish();
    });
    let rows = loop {
        match import.final_rows() {
            Some(rows) => break rows,
            None => thread::yield_now(),
        }
    };
    importer.join().unwrap();
    println!("monitor saw {rows} rows; log: {:?}", import.log());
}
