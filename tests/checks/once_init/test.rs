// Grader-owned tests for once_init. The statics live as long as the test process, so each
// test is the only one that touches its static, and it calls from many threads released at
// the same moment by a barrier before calling again on its own.
use super::{CONFIG_LOADS, Config, TABLE_BUILDS, config, port_of};
use ::std::sync::atomic::Ordering::SeqCst;
use ::std::sync::{Arc, Barrier};
use ::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `config` must keep this signature.
    let _: fn() -> &'static Config = config;
    // `port_of` must keep this signature.
    let _: fn(&str) -> ::std::option::Option<u16> = port_of;
    // `CONFIG_LOADS` must keep this value.
    let _: &'static ::std::sync::atomic::AtomicUsize = &CONFIG_LOADS;
    // `TABLE_BUILDS` must keep this value.
    let _: &'static ::std::sync::atomic::AtomicUsize = &TABLE_BUILDS;
}

const THREADS: usize = 8;

/// Runs `f` on THREADS threads that all start at the same moment, and collects the results.
fn all_at_once<T: Send + 'static>(f: fn() -> T) -> Vec<T> {
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let start = Arc::clone(&start);
            ::std::thread::spawn(move || {
                start.wait();
                f()
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

#[test]
fn config_is_loaded_once_and_shared() {
    let seen = all_at_once(|| config() as *const Config as usize);
    ::std::assert_eq!(
        CONFIG_LOADS.load(SeqCst),
        1,
        "{THREADS} threads called config() at once: load_config must run exactly once"
    );
    ::std::assert!(
        seen.iter().all(|&p| p == seen[0]),
        "every thread must get a reference to the same Config"
    );
    let again = config();
    ::std::assert_eq!(
        again as *const Config as usize,
        seen[0],
        "a later call must return the same Config"
    );
    ::std::assert_eq!(
        CONFIG_LOADS.load(SeqCst),
        1,
        "a later call must not load the config again"
    );
    ::std::assert_eq!(again.database_url, "postgres://db.internal/orders");
    ::std::assert_eq!(again.max_connections, 16);
}

#[test]
fn port_table_is_built_once() {
    let seen = all_at_once(|| port_of("https"));
    ::std::assert!(
        seen.iter().all(|&p| p == Some(443)),
        "port_of(\"https\") must be Some(443)"
    );
    ::std::assert_eq!(port_of("postgres"), Some(5432));
    ::std::assert_eq!(port_of("gopher"), None);
    for _ in 0..20 {
        ::std::assert_eq!(port_of("http"), Some(80));
    }
    ::std::assert_eq!(
        TABLE_BUILDS.load(SeqCst),
        1,
        "the port table must be built exactly once, however many lookups and threads"
    );
}
