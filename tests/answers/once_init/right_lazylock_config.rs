// verdict: pass
// Right: a LazyLock for the config too: the loader is named where the static is declared.
use std::collections::HashMap;
use std::sync::LazyLock;
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
    static CONFIG: LazyLock<Config> = LazyLock::new(load_config);
    &CONFIG
}

fn build_port_table() -> HashMap<&'static str, u16> {
    TABLE_BUILDS.fetch_add(1, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(10));
    HashMap::from([("http", 80), ("https", 443), ("postgres", 5432), ("redis", 6379)])
}

static PORTS: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(build_port_table);

pub fn port_of(service: &str) -> Option<u16> {
    PORTS.get(service).copied()
}

fn main() {
    println!("{} {:?}", config().max_connections, port_of("https"));
}
