// expect: E0277
// expect: cannot be sent between threads safely
// message: `spawn_with` accepts an `Arc` holding a `MutexGuard`, which would release the lock on another thread. It must require `T: Send`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::string::String;
use ::std::sync::{Arc, Mutex};
use ::std::vec::Vec;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn main() {
    let guard = Arc::new(LOG.lock().unwrap());
    let handle = spawn_with(&guard, |lines| lines.len());
    ::core::mem::drop(guard);
    handle.join().unwrap();
}
