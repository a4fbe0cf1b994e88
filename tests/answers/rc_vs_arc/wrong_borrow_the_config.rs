// verdict: compile-error
// Wrong: avoids the `Rc` by giving each worker a plain reference. A spawned thread may outlive
// the caller's borrow (`thread::spawn` needs `'static`): E0521, borrowed data escapes.
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
        let name = name.to_string();
        let config: &Config = config;
        workers.push(thread::spawn(move || {
            format!(
                "{name}: {} with at most {} connections",
                config.service, config.max_connections
            )
        }));
    }
    workers
}

fn main() {}
