// verdict: compile-fail-not-met
// Wrong: avoids the Sync bound by giving the new thread its own clone of the value. That
// accepts an `Arc<Cell<i32>>` (each thread changes its own copy, silently), and a counter
// can no longer be shared at all.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub fn spawn_with<T, R, F>(shared: &Arc<T>, job: F) -> JoinHandle<R>
where
    T: Clone + Send + 'static,
    F: FnOnce(&T) -> R + Send + 'static,
    R: Send + 'static,
{
    let value = T::clone(shared);
    thread::spawn(move || job(&value))
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
    let log = Arc::clone(log);
    thread::spawn(move || std::mem::take(&mut *log.lock().unwrap()))
}

fn main() {
    let limit = Arc::new(5);
    println!("{}", spawn_with(&limit, |n: &i32| n * 2).join().unwrap());
    let log = Arc::new(Mutex::new(vec!["GET / 200".to_string()]));
    println!("{:?}", flush_in_background(&log).join().unwrap());
}
