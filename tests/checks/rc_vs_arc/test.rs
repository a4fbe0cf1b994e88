// Grader-owned tests for rc_vs_arc.
use super::{Config, SharedConfig, share, start_workers};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `share` must keep this signature.
    let _: fn(Config) -> SharedConfig = share;
    // `start_workers` must keep this signature.
    let _: fn(
        &SharedConfig,
        &[&str],
    ) -> ::std::vec::Vec<::std::thread::JoinHandle<::std::string::String>> = start_workers;
}

fn orders() -> SharedConfig {
    share(Config {
        service: "orders".to_string(),
        max_connections: 64,
    })
}

#[test]
fn workers_report_the_shared_config() {
    let config = orders();
    let lines: Vec<String> = start_workers(&config, &["w1", "w2"])
        .into_iter()
        .map(|w| w.join().unwrap())
        .collect();
    ::std::assert_eq!(
        lines,
        [
            "w1: orders with at most 64 connections",
            "w2: orders with at most 64 connections"
        ],
        "each worker logs its name and the config it was given"
    );
}

#[test]
fn every_worker_handle_is_released_when_the_worker_ends() {
    let config = orders();
    let workers = start_workers(&config, &["a", "b", "c", "d"]);
    for w in workers {
        w.join().unwrap();
    }
    ::std::assert_eq!(
        SharedConfig::strong_count(&config),
        1,
        "after the workers finish, only the caller's handle may be left"
    );
}

#[test]
fn no_workers() {
    let config = orders();
    ::std::assert!(start_workers(&config, &[]).is_empty());
    ::std::assert_eq!(SharedConfig::strong_count(&config), 1);
}
