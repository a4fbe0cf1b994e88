// rc_vs_arc: one read-only config, shared by worker threads.
//
// A web service loads its configuration once and hands it to every worker thread. The workers
// should share that one config, and it must live until the last worker is done with it: a
// reference-counted pointer. `Rc` counts its owners with plain additions and subtractions.
// If two threads cloned or dropped handles to one `Rc` at the same moment, one update could
// be lost, and the config freed while a worker still reads it. So `Rc` is not `Send`, and
// this file does not compile: the compiler refuses to move an `Rc<Config>` into a spawned
// thread. `Arc` ("atomically reference counted") updates its count with atomic operations;
// an `Arc<T>` is `Send` and `Sync` when `T` is both.
//
// What to do: make `SharedConfig` a handle that can go to other threads, and change `share`
// and `start_workers` to match. Each worker must get its own handle to the one config, not
// a copy of the config.
//
// How it is checked: first by the compiler. The shipped file fails with error E0277
// ("`Rc<Config>` cannot be sent between threads safely"), and that message is the lesson,
// about your own line: this is why the exercise starts with a compile error instead of a
// grader case that you would never see fail. Once it compiles, tests start workers and check
// what they report, that the workers hold handles to the caller's config (its count goes up
// while they run: a copy of the config per worker does not count), and that every worker's
// handle is released when it finishes; and two
// compile-time cases check that a `SharedConfig` is `Send + Sync`, and that a worker cannot
// change the shared config through its handle (shared means read-only; the next exercise
// adds a lock to change shared data).

use std::rc::Rc;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

// TODO: an `Rc` cannot cross threads. Use the pointer that can, here and in the two
// functions below.
pub type SharedConfig = Rc<Config>;

/// Wraps a freshly loaded config so that workers can share it.
pub fn share(config: Config) -> SharedConfig {
    Rc::new(config)
}

/// Starts one worker thread per name. Each worker holds its own handle to the config and
/// returns the line it logs when it starts.
pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    let mut workers = Vec::new();
    for name in names {
        let name = name.to_string();
        // A second handle to the same config (the count goes up by one; nothing is copied).
        let config = Rc::clone(config);
        workers.push(thread::spawn(move || {
            format!(
                "{name}: {} with at most {} connections",
                config.service, config.max_connections
            )
        }));
    }
    workers
}

fn main() {
    let config = share(Config { service: "orders".to_string(), max_connections: 64 });
    for worker in start_workers(&config, &["w1", "w2", "w3"]) {
        println!("{}", worker.join().unwrap());
    }
}
