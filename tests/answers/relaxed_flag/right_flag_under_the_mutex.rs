// verdict: pass
// Right: no atomic flag at all. `finished` lives in the mutex with the log, and the monitor
// reads it under the lock. When it finds `true`, its lock came after the importer's unlock,
// so the mutex orders the rows counted before that unlock before the monitor's read.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

struct Log {
    lines: Vec<String>,
    finished: bool,
}

pub struct Import {
    rows: AtomicU64,
    log: Mutex<Log>,
}

impl Import {
    pub fn new() -> Import {
        Import {
            rows: AtomicU64::new(0),
            log: Mutex::new(Log { lines: Vec::new(), finished: false }),
        }
    }

    pub fn import_row(&self) {
        self.rows.fetch_add(1, Ordering::Relaxed);
    }

    pub fn finish(&self) {
        let total = self.rows.load(Ordering::Relaxed);
        let mut log = self.log.lock().unwrap();
        log.lines.push(format!("import finished: {total} rows"));
        log.finished = true;
    }

    pub fn final_rows(&self) -> Option<u64> {
        let log = self.log.lock().unwrap();
        if log.finished { Some(self.rows.load(Ordering::Relaxed)) } else { None }
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().lines.clone()
    }
}

fn main() {}
