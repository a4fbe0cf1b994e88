// once_init: load the configuration once, whoever asks first.
//
// A service reads its configuration file on first use, from whichever request thread gets
// there first. Loading is slow and must happen once per process: every thread must see the
// same `Config`. The service also has a table of well-known ports that is built on first use.
//
// The standard library has two tools for this, both usable in a `static`:
// - `OnceLock<T>`: starts empty; `get_or_init(f)` runs `f` on the first call only. If several
//   threads call it at once, one runs `f` and the others block until the value is there.
// - `LazyLock<T>`: a `OnceLock` plus the function that fills it, given when the static is
//   declared; the first dereference runs it.
// Checking "is it loaded yet?" and then loading is not enough: two threads can both see
// "not yet" and both load (a race condition, even though there is no data race).
//
// What to do: make `config()` load the configuration once and hand every caller a reference
// to that one `Config`; and build the port table once, on first use, in a `static`.
//
// How it is checked: tests call `config()` and `port_of` from many threads at the same
// moment, then check how many times `load_config` and `build_port_table` ran, and that all
// threads got the same `Config`. The checks load the config with a reader of their own
// (`CONFIG_READER`) that takes its time: a second thread that arrives while the first is
// still loading must wait for that load, not start its own. The port table too is built
// through a reader of the checks' own (`PORTS_READER`), as slow, with a service of its own.

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
    // TODO: this loads a new `Config` on every call (and leaks it, to get a `&'static`).
    // Keep the config in a `static` `OnceLock<Config>` and load it with `get_or_init`.
    Box::leak(Box::new(load_config()))
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

/// The well-known port of `service`, if the table has it.
pub fn port_of(service: &str) -> Option<u16> {
    // TODO: this builds the whole table for every lookup. Declare a
    // `static PORTS: LazyLock<HashMap<&str, u16>>` that is built once, and look up in it.
    build_port_table().get(service).copied()
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
