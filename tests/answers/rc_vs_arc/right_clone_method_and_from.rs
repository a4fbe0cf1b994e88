// verdict: pass
// Right: `Arc::from` and the `.clone()` method. On an `Arc`, `clone` copies the handle, not
// the config, exactly like `Arc::clone`.
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

pub type SharedConfig = Arc<Config>;

pub fn share(config: Config) -> SharedConfig {
    Arc::from(config)
}

pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
    names
        .iter()
        .map(|name| {
            let name = name.to_string();
            let config = config.clone();
            thread::spawn(move || {
                format!(
                    "{name}: {} with at most {} connections",
                    config.service, config.max_connections
                )
            })
        })
        .collect()
}

fn main() {}
