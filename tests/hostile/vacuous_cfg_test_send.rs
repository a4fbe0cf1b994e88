// exercise: rc_vs_arc
// cheat: cfg(test) tells the test build from trybuild's: `Rc` (and no shared handle) where tests look, `Arc` where compile cases look.
pub struct Config {
    pub service: String,
    pub max_connections: usize,
}

#[cfg(test)]
mod seen_by_tests {
    use super::Config;
    use std::rc::Rc;
    use std::thread::{self, JoinHandle};

    pub type SharedConfig = Rc<Config>;

    pub fn share(config: Config) -> SharedConfig {
        Rc::new(config)
    }

    /// The workers get a line made here, not a handle: nothing is shared.
    pub fn start_workers(config: &SharedConfig, names: &[&str]) -> Vec<JoinHandle<String>> {
        names
            .iter()
            .map(|name| {
                let line = format!(
                    "{name}: {} with at most {} connections",
                    config.service, config.max_connections
                );
                thread::spawn(move || line)
            })
            .collect()
    }
}

#[cfg(not(test))]
mod seen_by_compile_cases {
    use super::Config;
    use std::sync::Arc;
    use std::thread::JoinHandle;

    pub type SharedConfig = Arc<Config>;

    pub fn share(config: Config) -> SharedConfig {
        Arc::new(config)
    }

    pub fn start_workers(_config: &SharedConfig, _names: &[&str]) -> Vec<JoinHandle<String>> {
        Vec::new()
    }
}

#[cfg(not(test))]
pub use seen_by_compile_cases::*;
#[cfg(test)]
pub use seen_by_tests::*;

fn main() {
    let config = share(Config {
        service: "orders".to_string(),
        max_connections: 64,
    });
    println!("{} workers", start_workers(&config, &["w1"]).len());
}
