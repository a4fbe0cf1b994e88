// verdict: compile-error
// Wrong: "a Mutex makes it thread-safe", so `Rc<Mutex<Config>>`. The Mutex protects the
// config, but the handle is still an `Rc`, whose count is not atomic: still E0277.
use std::rc::Rc;
use std::sync::Mutex;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

pub type SharedConfig = Rc<Mutex<Config>>;

pub fn share(config: Config) -> SharedConfig {
    Rc::new(Mutex::new(config))
}

pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    let mut workers = Vec::new();
    for name in names {
        let name = name.to_string();
        let config = Rc::clone(config);
        workers.push(thread::spawn(move || {
            let config = config.lock().unwrap();
            format!(
                "{name}: {} with at most {} connections",
                config.service, config.max_connections
            )
        }));
    }
    workers
}

fn main() {}
