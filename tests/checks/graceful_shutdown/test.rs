// Grader-owned tests for graceful_shutdown (std threads, under the exercise's time limit). The
// exporters ship to the checks' own backend, which records every shipment, so that what
// `shutdown` waited for is seen: when it returns, every event recorded before it must have
// been shipped, and every exporter must have ended (the shared state, and with it the backend,
// dropped), so that nothing is shipped after it.
use super::{Backend, Exporters};
use ::std::boxed::Box;
use ::std::sync::atomic::{AtomicBool, Ordering};
use ::std::sync::{Arc, Mutex};
use ::std::time::{Duration, Instant};
use ::std::vec::Vec;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Exporters::start` must keep this signature.
    let _: fn(usize, Box<dyn Backend>) -> Exporters = Exporters::start;
    // `Exporters::record` must keep this signature.
    let _: fn(&Exporters, usize) = Exporters::record;
    // `Exporters::shutdown` must keep this signature.
    let _: fn(Exporters) -> Vec<u64> = Exporters::shutdown;
    // `Backend::ship` must keep this signature.
    let _: fn(&Shipments, usize, u64) = <Shipments as Backend>::ship;
}

/// How long the backend takes to answer once the test is shutting down (a remote backend
/// answering slowly), shard by shard: a `shutdown` that waits a fixed time instead of joining,
/// or that joins only one exporter (the first, the last), returns first.
const SLOW: [Duration; 3] =
    [Duration::ZERO, Duration::from_millis(30), Duration::from_millis(15)];

/// What the checks' backend saw.
#[derive(Default)]
struct Watch {
    state: Mutex<Seen>,
    /// Set by the test just before it calls `shutdown`: from then on, every shipment is slow.
    slow: AtomicBool,
    /// Set when the backend is dropped: every exporter is gone, and `shutdown` dropped the rest.
    dropped: AtomicBool,
}

#[derive(Default)]
struct Seen {
    /// Events shipped per shard before `shutdown` returned.
    shipped: Vec<u64>,
    /// Set by the test once `shutdown` has returned.
    returned: bool,
    /// Shipments (shard, events) that came after `shutdown` returned.
    late: Vec<(usize, u64)>,
    /// Shipments to a shard that does not exist.
    strays: Vec<(usize, u64)>,
}

/// The backend the exporters ship to: every call is recorded in the `Watch`.
struct Shipments(Arc<Watch>);

impl Backend for Shipments {
    fn ship(&self, shard: usize, new_events: u64) {
        if self.0.slow.load(Ordering::SeqCst) {
            ::std::thread::sleep(SLOW[shard % SLOW.len()]);
        }
        let mut seen = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
        if seen.returned {
            seen.late.push((shard, new_events));
        } else if let ::core::option::Option::Some(n) = seen.shipped.get_mut(shard) {
            *n += new_events;
        } else {
            seen.strays.push((shard, new_events));
        }
    }
}

impl ::core::ops::Drop for Shipments {
    fn drop(&mut self) {
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

/// Exporters for `shards` shards shipping to a fresh recording backend.
fn start(shards: usize) -> (Exporters, Arc<Watch>) {
    let watch = Arc::new(Watch::default());
    watch.state.lock().unwrap().shipped = ::std::vec![0; shards];
    let exporters = Exporters::start(shards, Box::new(Shipments(Arc::clone(&watch))));
    (exporters, watch)
}

/// Shuts `exporters` down (with a slow backend if `slow`) and checks what the backend saw
/// when `shutdown` returned: every event of `expected` (per shard) shipped, every exporter
/// ended, and `shutdown`'s totals the same as what was shipped. `what` says which test.
fn shut_down(exporters: Exporters, watch: &Watch, slow: bool, expected: &[u64], what: &str) {
    watch.slow.store(slow, Ordering::SeqCst);
    let totals = exporters.shutdown();
    let shipped = {
        let mut seen = watch.state.lock().unwrap_or_else(|e| e.into_inner());
        seen.returned = true;
        seen.shipped.clone()
    };
    let ended = watch.dropped.load(Ordering::SeqCst);
    if !ended {
        // Give the exporters still running a moment to show what they ship after the return.
        let began = Instant::now();
        while !watch.dropped.load(Ordering::SeqCst) && began.elapsed() < SLOW[1] * 10 {
            ::std::thread::sleep(Duration::from_millis(1));
        }
        let late = watch.state.lock().unwrap_or_else(|e| e.into_inner()).late.clone();
        let late_events: u64 = late.iter().map(|(_, n)| n).sum();
        ::std::panic!(
            "{what}: shutdown returned before the exporters finished. When it returned, an \
             exporter thread was still running (the backend they ship to was still in use), \
             and {} shipment(s) of {late_events} event(s) came after it returned (shard, \
             events: {late:?}); the backend had {shipped:?} events (shard by shard) of the \
             {expected:?} recorded. Join every exporter: a join returns only once its thread \
             has shipped its last round and ended",
            late.len()
        );
    }
    let strays = watch.state.lock().unwrap_or_else(|e| e.into_inner()).strays.clone();
    ::std::assert!(
        strays.is_empty(),
        "{what}: shipments (shard, events) to shards that do not exist: {strays:?}"
    );
    ::std::assert_eq!(
        shipped,
        expected,
        "{what}: every event recorded before shutdown must be shipped before it returns: the \
         backend received these events, shard by shard (left), of those recorded (right)"
    );
    ::std::assert_eq!(
        totals,
        shipped,
        "{what}: shutdown must return how many events each exporter shipped, shard by shard \
         (left: what it returned, right: what the backend received)"
    );
}

#[test]
fn shutdown_right_after_start() {
    let (exporters, watch) = start(2);
    shut_down(
        exporters,
        &watch,
        false,
        &[0, 0],
        "nothing was recorded: each exporter shipped 0 events",
    );
}

#[test]
fn every_event_recorded_before_shutdown_is_shipped() {
    // Many rounds: shutting down right after recording is when a last event gets lost.
    for round in 1..=20 {
        let (exporters, watch) = start(3);
        for shard in 0..3 {
            for _ in 0..(shard as u64 + 1) * 100 {
                exporters.record(shard);
            }
        }
        shut_down(
            exporters,
            &watch,
            false,
            &[100, 200, 300],
            &::std::format!("round {round}: 100, 200 and 300 events recorded in shards 0, 1, 2"),
        );
    }
}

#[test]
fn events_recorded_while_the_exporters_run_are_shipped() {
    let (exporters, watch) = start(1);
    for _ in 0..50 {
        exporters.record(0);
    }
    ::std::thread::sleep(Duration::from_millis(5));
    for _ in 0..50 {
        exporters.record(0);
    }
    shut_down(
        exporters,
        &watch,
        false,
        &[100],
        "50 events before a pause, 50 after",
    );
}

#[test]
fn events_recorded_on_other_threads_are_shipped() {
    let (exporters, watch) = start(2);
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
    shut_down(
        exporters,
        &watch,
        false,
        &[500, 500],
        "two threads recorded 500 events each",
    );
}

#[test]
fn a_slow_backend_still_gets_everything_before_shutdown_returns() {
    // While shutting down, every shipment takes a while (a remote backend answering slowly):
    // only a `shutdown` that waits for the exporters themselves, not for some fixed time,
    // returns after their last shipment.
    let mut rng = crate::__checks::Rng::new(0x510e);
    for round in 1..=5 {
        let (exporters, watch) = start(3);
        let counts = [rng.range(1, 200), rng.range(1, 200), rng.range(1, 200)];
        for (shard, &n) in counts.iter().enumerate() {
            for _ in 0..n {
                exporters.record(shard);
            }
        }
        shut_down(
            exporters,
            &watch,
            true,
            &counts,
            &::std::format!(
                "round {round}: {counts:?} events recorded (shard by shard), and a backend that \
                 takes {:?} ms (shard by shard) per shipment while shutting down",
                SLOW.map(|d| d.as_millis())
            ),
        );
    }
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
        let (exporters, watch) = start(shards);
        let exporters = ::std::sync::Arc::new(exporters);
        let shared = ::std::sync::Arc::clone(&exporters);
        crate::__checks::together(recorders, move |recorder| {
            for _ in 0..each[recorder] {
                shared.record(recorder % shards);
            }
        });
        let exporters = ::std::sync::Arc::try_unwrap(exporters)
            .ok()
            .expect("the recorders have finished: nothing else holds the exporters");
        shut_down(
            exporters,
            &watch,
            false,
            &counts,
            &::std::format!(
                "round {round}: four threads, two per shard, recorded {counts:?} events (shard \
                 by shard) while the exporters ran (two threads recording on one shard at once \
                 must not lose an event)"
            ),
        );
    });
}
