// verdict: test-failed
// Wrong: a cache per thread. Each thread loads its own config and builds its own table.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use std::thread;
use std::time::Duration;

pub struct Config {
    pub database_url: String,
    pub max_connections: u32,
}

pub static CONFIG_LOADS: AtomicUsize = AtomicUsize::new(0);
pub static TABLE_BUILDS: AtomicUsize = AtomicUsize::new(0);

fn load_config() -> Config {
    CONFIG_LOADS.fetch_add(1, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(20));
    Config { database_url: "postgres://db.internal/orders".to_string(), max_connections: 16 }
}

pub fn config() -> &'static Config {
    thread_local! {
        static CONFIG: &'static Config = Box::leak(Box::new(load_config()));
    }
    CONFIG.with(|config| *config)
}

fn build_port_table() -> HashMap<&'static str, u16> {
    TABLE_BUILDS.fetch_add(1, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(10));
    HashMap::from([("http", 80), ("https", 443), ("postgres", 5432), ("redis", 6379)])
}

thread_local! {
    static PORTS: HashMap<&'static str, u16> = build_port_table();
}

pub fn port_of(service: &str) -> Option<u16> {
    PORTS.with(|ports| ports.get(service).copied())
}

fn main() {
    println!("{} {:?}", config().max_connections, port_of("https"));
}
