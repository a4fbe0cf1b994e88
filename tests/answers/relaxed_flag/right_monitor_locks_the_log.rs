// verdict: pass
// Right, though subtle: the flag stays Relaxed, but after seeing it the monitor locks the
// log before reading the count. Its lock cannot come before the importer's: then the monitor's
// unlock would happen-before the importer's lock, hence before the flag store, and the monitor
// could not have read that store already. So its lock comes after the importer's unlock and
// the mutex orders the count before the read. The mutex publishes, to threads that take it.

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
        self.rows.fetch_add(1, Ordering::Relaxed);
    }

    /// Ends the import: logs the total, then lets monitors see that the import is done.
    pub fn finish(&self) {
        let total = self.rows.load(Ordering::Relaxed);
        self.log.lock().unwrap().push(format!("import finished: {total} rows"));
        self.finished.store(true, Ordering::Relaxed);
    }

    /// For the monitor: the final row count once the import has finished, `None` before.
    pub fn final_rows(&self) -> Option<u64> {
        if self.finished.load(Ordering::Relaxed) {
            let _log = self.log.lock().unwrap();
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
