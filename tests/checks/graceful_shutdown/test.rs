// Grader-owned tests for graceful_shutdown (std threads, under the exercise's time limit).
use super::Exporters;
use ::std::time::Duration;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Exporters::start` must keep this signature.
    let _: fn(usize) -> Exporters = Exporters::start;
    // `Exporters::record` must keep this signature.
    let _: fn(&Exporters, usize) = Exporters::record;
    // `Exporters::shutdown` must keep this signature.
    let _: fn(Exporters) -> ::std::vec::Vec<u64> = Exporters::shutdown;
}

#[test]
fn shutdown_right_after_start() {
    let exporters = Exporters::start(2);
    ::std::assert_eq!(
        exporters.shutdown(),
        ::std::vec![0, 0],
        "nothing was recorded: each exporter shipped 0 events"
    );
}

#[test]
fn every_event_recorded_before_shutdown_is_shipped() {
    // Many rounds: shutting down right after recording is when a last event gets lost.
    for round in 1..=20 {
        let exporters = Exporters::start(3);
        for shard in 0..3 {
            for _ in 0..(shard as u64 + 1) * 100 {
                exporters.record(shard);
            }
        }
        ::std::assert_eq!(
            exporters.shutdown(),
            ::std::vec![100, 200, 300],
            "round {round}: shutdown must report every event recorded before it, shard by shard"
        );
    }
}

#[test]
fn events_recorded_while_the_exporters_run_are_shipped() {
    let exporters = Exporters::start(1);
    for _ in 0..50 {
        exporters.record(0);
    }
    ::std::thread::sleep(Duration::from_millis(5));
    for _ in 0..50 {
        exporters.record(0);
    }
    ::std::assert_eq!(
        exporters.shutdown(),
        ::std::vec![100],
        "50 events before a pause, 50 after"
    );
}

#[test]
fn events_recorded_on_other_threads_are_shipped() {
    let exporters = Exporters::start(2);
    ::std::thread::scope(|s| {
        for shard in 0..2 {
            let exporters = &exporters;
            s.spawn(move || {
                for _ in 0..500 {
                    exporters.record(shard);
                }
            });
        }
    });
    // The scope joined the recording threads: their events happen before the shutdown.
    ::std::assert_eq!(
        exporters.shutdown(),
        ::std::vec![500, 500],
        "two threads recorded 500 events each"
    );
}

#[test]
fn stress_real_threads_record_while_exporters_ship_then_shut_down() {
    // Real threads, std's own types: recorders started together by a barrier while the
    // exporters keep loading the counters, then a shutdown right after the last event. Two
    // recorders per shard: a service counts requests from many threads into one shard, so
    // `record` must count two events at once on one counter without losing either.
    let mut rng = crate::__checks::Rng::new(0x5407);
    crate::__checks::rounds(|round| {
        let shards = 2;
        let recorders = 2 * shards;
        let each: ::std::vec::Vec<u64> =
            (0..recorders).map(|_| rng.range(20_000, 60_000)).collect();
        let counts: ::std::vec::Vec<u64> = (0..shards)
            .map(|shard| (shard..recorders).step_by(shards).map(|r| each[r]).sum())
            .collect();
        let exporters = ::std::sync::Arc::new(Exporters::start(shards));
        let shared = ::std::sync::Arc::clone(&exporters);
        crate::__checks::together(recorders, move |recorder| {
            for _ in 0..each[recorder] {
                shared.record(recorder % shards);
            }
        });
        let exporters = ::std::sync::Arc::try_unwrap(exporters)
            .ok()
            .expect("the recorders have finished: nothing else holds the exporters");
        ::std::assert_eq!(
            exporters.shutdown(),
            counts,
            "round {round}: four threads, two per shard, recorded {counts:?} events (shard by \
             shard) while the exporters ran; shutdown must report every one of them (two \
             threads recording on one shard at once must not lose an event)"
        );
    });
}
