// expect: E0277
// expect: cannot be sent between threads safely
// message: `spawn_with` accepts an `Arc` holding a `MutexGuard`, which would release the lock on another thread. It must require `T: Send`.
use ::std::sync::{Arc, Mutex};

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn main() {
    let guard = Arc::new(LOG.lock().unwrap());
    let handle = spawn_with(&guard, |lines| lines.len());
    drop(guard);
    handle.join().unwrap();
}
