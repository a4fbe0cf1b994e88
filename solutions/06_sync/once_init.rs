// once_init: load the configuration once, whoever asks first.
//
// Solution: `config()` keeps the config in a `static OnceLock<Config>`; `get_or_init` runs
// `load_config` for the first caller while any other caller arriving meanwhile blocks, and
// from then on returns the stored value. A `&'static Config` comes for free, because the
// value lives in a static: no leaking needed. The port table is a `static LazyLock`: the
// same mechanism with the initialiser written next to the declaration.
//
// A service reads its configuration file on first use, from whichever request thread gets
// there first. Loading is slow and must happen once per process: every thread must see the
// same `Config`. The service also has a table of well-known ports built on first use.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::thread;
use std::time::Duration;

pub struct Config {
    pub database_url: String,
    pub max_connections: u32,
}

/// How many times `load_config` has run. The checks read it.
pub static CONFIG_LOADS: AtomicUsize = AtomicUsize::new(0);
/// How many times `build_port_table` has run. The checks read it.
pub static TABLE_BUILDS: AtomicUsize = AtomicUsize::new(0);

/// Where `load_config` reads the configuration from: the file, unless a reader is put here.
/// The checks put their own (it counts how many times it runs, and takes its time): leave
/// `load_config` as it is, and load by calling it.
pub static CONFIG_READER: std::sync::OnceLock<fn() -> Config> = std::sync::OnceLock::new();

/// Reads and parses the configuration file: slow, and must run once per process.
fn load_config() -> Config {
    CONFIG_LOADS.fetch_add(1, Ordering::SeqCst);
    if let Some(read) = CONFIG_READER.get() {
        return read();
    }
    thread::sleep(Duration::from_millis(20)); // open the file, parse it...
    Config { database_url: "postgres://db.internal/orders".to_string(), max_connections: 16 }
}

/// The configuration, loaded by the first call. Every call returns the same `Config`.
pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(load_config)
}

/// Where `build_port_table` reads the table from: /etc/services, unless a reader is put here.
/// The checks put their own (it takes its time, and knows a service of its own): leave
/// `build_port_table` as it is, and build by calling it.
pub static PORTS_READER: std::sync::OnceLock<fn() -> HashMap<&'static str, u16>> =
    std::sync::OnceLock::new();

fn build_port_table() -> HashMap<&'static str, u16> {
    TABLE_BUILDS.fetch_add(1, Ordering::SeqCst);
    if let Some(read) = PORTS_READER.get() {
        return read();
    }
    thread::sleep(Duration::from_millis(10)); // imagine reading /etc/services
    HashMap::from([("http", 80), ("https", 443), ("postgres", 5432), ("redis", 6379)])
}

/// Built by the first lookup, from any thread; later lookups just read it.
static PORTS: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(build_port_table);

/// The well-known port of `service`, if the table has it.
pub fn port_of(service: &str) -> Option<u16> {
    PORTS.get(service).copied()
}

fn main() {
    let handles: Vec<_> =
        (0..4).map(|_| thread::spawn(|| (config().max_connections, port_of("https")))).collect();
    for handle in handles {
        println!("{:?}", handle.join().unwrap());
    }
    println!("database: {}", config().database_url);
    println!(
        "config loaded {} times, port table built {} times",
        CONFIG_LOADS.load(Ordering::SeqCst),
        TABLE_BUILDS.load(Ordering::SeqCst)
    );
}
