// relaxed_flag: a Mutex somewhere in the writer does not publish what a Relaxed flag guards.
//
// A nightly import counts the rows it loads in an `AtomicU64` with `Relaxed` `fetch_add`
// (right for a counter: 08_atomics). When it is done, `finish` writes a line to the audit
// log, which sits behind a `Mutex`, and then sets `finished`. A monitor thread polls
// `final_rows()`: once `finished` is set, it reports the row count.
//
// The author reasoned: "locking and unlocking the log is a memory barrier, so by the time
// `finished` is set, the row count is out there for everyone." It is not. A Mutex orders
// memory only between threads that lock *it*: an unlock releases the holder's writes to the
// next thread that locks the same mutex, and to nobody else. The monitor never touches the
// log; it reads `finished`, a different variable, with `Relaxed`, and a Relaxed load acquires
// nothing. It can see `finished == true` and a row count from the middle of the import.
//
// What to do: make `finished` itself carry the ordering, so that a monitor that sees it set
// also sees every row counted before it. (Moving the flag into the mutex and reading it
// under the lock would work too; the orderings are the smaller change.)
//
// How it is checked: `final_rows` before the end must return None at once (monitors poll;
// they do not wait). Then loom runs the import and the monitor under every interleaving and
// every value a load may return; a monitor that sees `finished` must see the final count.
// Then the same on real threads: monitors poll import after import, each of its own size.

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
        // TODO: the lock above does not order this store for a thread that never takes the
        // lock. Which ordering publishes the row count along with the flag?
        self.finished.store(true, Ordering::Relaxed);
    }

    /// For the monitor: the final row count once the import has finished, `None` before.
    pub fn final_rows(&self) -> Option<u64> {
        // TODO: and which ordering on this load receives what the store published?
        if self.finished.load(Ordering::Relaxed) {
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
