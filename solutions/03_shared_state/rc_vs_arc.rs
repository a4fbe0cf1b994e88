// rc_vs_arc: one read-only config, shared by worker threads.
//
// Solution: `Arc` instead of `Rc`. `Arc::clone` makes a new handle (an atomic increment of
// the count), each worker moves its handle into its thread, and a handle's drop (an atomic
// decrement) happens on whichever thread finishes with it. `Arc<Config>` is `Send + Sync`
// because `Config` (a `String` and a `usize`) is. Through an `Arc` the config is read-only:
// to change shared data, put it behind a lock (next exercise).
//
// A web service loads its configuration once and hands it to every worker thread.
//
// How it is checked: by the compiler (the shipped `Rc` version fails with E0277), by tests on
// what the workers report and on the handle count (above 1 while workers run, 1 once they
// are done), and by two compile-time cases.

use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

pub type SharedConfig = Arc<Config>;

/// Wraps a freshly loaded config so that workers can share it.
pub fn share(config: Config) -> SharedConfig {
    Arc::new(config)
}

/// Starts one worker thread per name. Each worker holds its own handle to the config and
/// returns the line it logs when it starts.
pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    let mut workers = Vec::new();
    for name in names {
        let name = name.to_string();
        // `Arc::clone(config)` rather than `config.clone()`: it reads as "another handle",
        // not as a deep copy of the config.
        let config = Arc::clone(config);
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
