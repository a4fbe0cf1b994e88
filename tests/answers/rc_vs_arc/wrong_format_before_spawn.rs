// verdict: compile-fail-not-met
// Wrong: dodges the error by building each worker's line before spawning, so only a `String`
// crosses threads. It compiles and the lines are right, but the workers no longer hold the
// config, and `SharedConfig` is still an `Rc`: it cannot go to any other thread.
use std::rc::Rc;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

pub type SharedConfig = Rc<Config>;

pub fn share(config: Config) -> SharedConfig {
    Rc::new(config)
}

pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    let mut workers = Vec::new();
    for name in names {
        let line = format!(
            "{name}: {} with at most {} connections",
            config.service, config.max_connections
        );
        workers.push(thread::spawn(move || line));
    }
    workers
}

fn main() {}
