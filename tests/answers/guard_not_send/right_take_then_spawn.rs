// verdict: pass
// Right: the lines are taken out under the lock on the calling thread, the guard is dropped
// there, and only the Vec goes to the background thread.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub fn spawn_with<T, R, F>(shared: &Arc<T>, job: F) -> JoinHandle<R>
where
    T: Send + Sync + 'static,
    F: FnOnce(&T) -> R + Send + 'static,
    R: Send + 'static,
{
    let shared = Arc::clone(shared);
    thread::spawn(move || job(&shared))
}

pub struct HitCounter {
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

    pub fn with_counts<R>(&self, report: impl FnOnce(&HashMap<String, u64>) -> R) -> R {
        report(&self.hits.lock().unwrap())
    }
}

pub fn flush_in_background(log: &Arc<Mutex<Vec<String>>>) -> JoinHandle<Vec<String>> {
    let lines = std::mem::take(&mut *log.lock().unwrap());
    thread::spawn(move || lines)
}

fn main() {
    let counter = Arc::new(HitCounter::new());
    spawn_with(&counter, |c: &HitCounter| c.record("/")).join().unwrap();
    let log = Arc::new(Mutex::new(vec!["GET / 200".to_string()]));
    println!("{} {:?}", counter.hits("/"), flush_in_background(&log).join().unwrap());
}
