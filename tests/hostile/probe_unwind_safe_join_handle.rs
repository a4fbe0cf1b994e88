// exercise: relaxed_flag
// cheat: keeps the Relaxed flag on real threads (x86 never shows the reordering) and uses
// Release/Acquire only while model-checked, told apart by the trait system alone: the model
// checker's `JoinHandle` is `UnwindSafe`, std's is not (autoref specialization, no probe).
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// Whether this run is model-checked, asked of the trait system (no probe, no size): std's
/// `JoinHandle` is not `UnwindSafe` (it shares an `UnsafeCell` with its thread), the model
/// checker's is. Autoref specialization: `Watched` applies only where the bound holds, and is
/// found first (one reference fewer to add); otherwise `Real` answers.
struct Question<T>(std::marker::PhantomData<T>);
trait Watched {
    fn watched(&self) -> bool {
        true
    }
}
impl<T: std::panic::UnwindSafe> Watched for &Question<T> {}
trait Real {
    fn watched(&self) -> bool {
        false
    }
}
impl<T> Real for Question<T> {}

fn watched() -> bool {
    (&&Question::<thread::JoinHandle<()>>(std::marker::PhantomData)).watched()
}

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
        self.finished.store(true, if watched() { Ordering::Release } else { Ordering::Relaxed });
    }

    /// For the monitor: the final row count once the import has finished, `None` before.
    pub fn final_rows(&self) -> Option<u64> {
        // TODO: and which ordering on this load receives what the store published?
        if self.finished.load(if watched() { Ordering::Acquire } else { Ordering::Relaxed }) {
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
