// verdict: pass
// Right, the long way: a Mutex around an Option, checked and filled under one lock, so
// only one thread can load; leaking the Box gives the `&'static`. The table uses
// OnceLock::get_or_init instead of LazyLock.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
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
    static CONFIG: Mutex<Option<&'static Config>> = Mutex::new(None);
    let mut slot = CONFIG.lock().unwrap();
    *slot.get_or_insert_with(|| Box::leak(Box::new(load_config())))
}

fn build_port_table() -> HashMap<&'static str, u16> {
    TABLE_BUILDS.fetch_add(1, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(10));
    HashMap::from([("http", 80), ("https", 443), ("postgres", 5432), ("redis", 6379)])
}

pub fn port_of(service: &str) -> Option<u16> {
    static PORTS: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    PORTS.get_or_init(build_port_table).get(service).copied()
}

fn main() {
    println!("{} {:?}", config().max_connections, port_of("https"));
}
