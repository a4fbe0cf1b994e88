// verdict: compile-error
// Wrong: wraps the `Rc` in an `Arc`. `Arc<T>` is `Send` only if `T` is `Send + Sync`, and
// the `Rc` inside is neither: still E0277.
use std::rc::Rc;
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

pub type SharedConfig = Arc<Rc<Config>>;

pub fn share(config: Config) -> SharedConfig {
    Arc::new(Rc::new(config))
}

pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    let mut workers = Vec::new();
    for name in names {
        let name = name.to_string();
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

fn main() {}
