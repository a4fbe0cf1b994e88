// Grader-owned tests for rc_vs_arc.
use super::*;

fn orders() -> SharedConfig {
    share(Config { service: "orders".to_string(), max_connections: 64 })
}

#[test]
fn workers_report_the_shared_config() {
    let config = orders();
    let lines: Vec<String> =
        start_workers(&config, &["w1", "w2"]).into_iter().map(|w| w.join().unwrap()).collect();
    assert_eq!(
        lines,
        ["w1: orders with at most 64 connections", "w2: orders with at most 64 connections"],
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
    assert_eq!(
        SharedConfig::strong_count(&config),
        1,
        "after the workers finish, only the caller's handle may be left"
    );
}

#[test]
fn no_workers() {
    let config = orders();
    assert!(start_workers(&config, &[]).is_empty());
    assert_eq!(SharedConfig::strong_count(&config), 1);
}
