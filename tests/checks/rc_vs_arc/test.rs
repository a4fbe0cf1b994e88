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

/// The config's values are drawn from the run's seed: a worker that logs a line it made up
/// (the values it saw in a test, say) instead of reading its handle cannot match them.
#[test]
fn workers_report_the_shared_config() {
    let mut rng = crate::__checks::Rng::new(0x7263_5f61_7263);
    let service = ::std::format!("svc{}", rng.range(100, 1_000_000));
    let max_connections = rng.range(2, 10_000) as usize;
    let config = share(Config {
        service: service.clone(),
        max_connections,
    });
    let lines: Vec<String> = start_workers(&config, &["w1", "w2"])
        .into_iter()
        .map(|w| w.join().unwrap())
        .collect();
    ::std::assert_eq!(
        lines,
        [
            ::std::format!("w1: {service} with at most {max_connections} connections"),
            ::std::format!("w2: {service} with at most {max_connections} connections"),
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

/// Each worker holds a handle to the one config: right after `start_workers` returns, the
/// workers that have not finished yet still hold theirs, so the count is above 1 (in some
/// round at least: a round whose workers all finished before the count was read shows 1).
/// A worker given a copy of the config (`Arc::new(Config { .. })` per worker), or only a
/// line formatted on the calling thread, never adds to the count of the caller's config.
#[test]
fn the_workers_hold_handles_to_the_one_config() {
    // A right answer shows a count above 1 in most rounds (a worker is rarely done before
    // `spawn` has returned to the caller): even at 90% of rounds showing 1, 1000 rounds all
    // showing it is about 1e-46.
    const ROUNDS: usize = 1000;
    let config = orders();
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let mut most = 1;
    for _ in 0..ROUNDS {
        let workers = start_workers(&config, &names);
        most = most.max(SharedConfig::strong_count(&config));
        for w in workers {
            w.join().unwrap();
        }
        if most > 1 {
            break;
        }
    }
    ::std::assert!(
        most > 1,
        "in {ROUNDS} rounds of {} workers, the caller's config never had more than one handle right \
         after `start_workers` returned: the workers do not hold handles to it. Give each \
         worker a clone of the caller's `SharedConfig` (another handle to the one config), not \
         a copy of the config or a line made before the thread starts",
        names.len()
    );
}
