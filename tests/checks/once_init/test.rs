// Grader-owned tests for once_init. The statics live as long as the test process, so each
// test is the only one that touches its static, and it calls from many threads released at
// the same moment by a barrier before calling again on its own.
use super::*;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::{Arc, Barrier};

const THREADS: usize = 8;

/// Runs `f` on THREADS threads that all start at the same moment, and collects the results.
fn all_at_once<T: Send + 'static>(f: fn() -> T) -> Vec<T> {
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
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
    assert_eq!(
        CONFIG_LOADS.load(SeqCst),
        1,
        "{THREADS} threads called config() at once: load_config must run exactly once"
    );
    assert!(
        seen.iter().all(|&p| p == seen[0]),
        "every thread must get a reference to the same Config"
    );
    let again = config();
    assert_eq!(
        again as *const Config as usize, seen[0],
        "a later call must return the same Config"
    );
    assert_eq!(CONFIG_LOADS.load(SeqCst), 1, "a later call must not load the config again");
    assert_eq!(again.database_url, "postgres://db.internal/orders");
    assert_eq!(again.max_connections, 16);
}

#[test]
fn port_table_is_built_once() {
    let seen = all_at_once(|| port_of("https"));
    assert!(seen.iter().all(|&p| p == Some(443)), "port_of(\"https\") must be Some(443)");
    assert_eq!(port_of("postgres"), Some(5432));
    assert_eq!(port_of("gopher"), None);
    for _ in 0..20 {
        assert_eq!(port_of("http"), Some(80));
    }
    assert_eq!(
        TABLE_BUILDS.load(SeqCst),
        1,
        "the port table must be built exactly once, however many lookups and threads"
    );
}
