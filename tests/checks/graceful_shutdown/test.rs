// Grader-owned tests for graceful_shutdown (std threads, under the exercise's time limit). The
// exporters ship to the checks' own backend, which records every shipment, so that what
// `shutdown` waited for is seen: when it returns, every event recorded before it must have
// been shipped, and every exporter must have ended (the shared state, and with it the backend,
// dropped), so that nothing is shipped after it.
use super::{Backend, Exporters};
use ::std::boxed::Box;
use ::std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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

/// How slow the backend is once the test is shutting down, shard by shard, in units that the
/// test chooses (a remote backend answering slowly): a `shutdown` that waits a fixed time
/// instead of joining, or that joins only one exporter (the first, the last), returns first.
const SLOW: [u32; 3] = [0, 2, 1];

/// What the checks' backend saw.
#[derive(Default)]
struct Watch {
    state: Mutex<Seen>,
    /// Set by the test just before it calls `shutdown` (in microseconds; 0: quick): from then
    /// on, every shipment of shard `s` takes `SLOW[s % 3]` times this long.
    slow: AtomicU64,
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
        let unit = Duration::from_micros(self.0.slow.load(Ordering::SeqCst));
        if !unit.is_zero() {
            ::std::thread::sleep(unit * SLOW[shard % SLOW.len()]);
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

/// The panics of the exporter threads (every thread but the test's own) since the last `start`,
/// each as "`MESSAGE` at FILE:LINE:COL", kept by a panic hook (`watch_panics`): an exporter
/// that panics ends, and its join returns `Err` with a payload that reads "Any { .. }" when
/// `shutdown` unwraps it; the learner must read the exporter's own message instead.
static PANICS: Mutex<Vec<::std::string::String>> = Mutex::new(Vec::new());
/// The thread running the current test, whose own panics are its verdict, not an exporter's.
static TEST_THREAD: Mutex<::core::option::Option<::std::thread::ThreadId>> = Mutex::new(None);
/// Panics kept at most (a thread may panic in a loop).
const PANICS_KEPT: usize = 4;

/// Keeps the panics of every thread but the test's own in `PANICS` (once per process; the
/// runner's hook still prints each one), and starts a new record for this test.
fn watch_panics() {
    static HOOK: ::std::sync::Once = ::std::sync::Once::new();
    HOOK.call_once(|| {
        let runner = ::std::panic::take_hook();
        ::std::panic::set_hook(Box::new(move |info| {
            let thread = ::std::thread::current().id();
            let test = *TEST_THREAD.lock().unwrap_or_else(|e| e.into_inner());
            if test != ::core::option::Option::Some(thread) {
                let message = info.payload_as_str().unwrap_or("a panic whose value is not text");
                let place = info
                    .location()
                    .map(|l| ::std::format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_default();
                let mut kept = PANICS.lock().unwrap_or_else(|e| e.into_inner());
                if kept.len() < PANICS_KEPT {
                    kept.push(::std::format!("`{message}`{place}"));
                }
            }
            runner(info)
        }));
    });
    *TEST_THREAD.lock().unwrap_or_else(|e| e.into_inner()) =
        ::core::option::Option::Some(::std::thread::current().id());
    PANICS.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

/// The text of a panic's payload.
fn payload_text(payload: &(dyn ::core::any::Any + ::core::marker::Send)) -> &str {
    if let ::core::option::Option::Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let ::core::option::Option::Some(s) = payload.downcast_ref::<::std::string::String>() {
        s
    } else {
        "a panic whose value is not text"
    }
}

/// Exporters for `shards` shards shipping to a fresh recording backend.
fn start(shards: usize) -> (Exporters, Arc<Watch>) {
    watch_panics();
    let watch = Arc::new(Watch::default());
    watch.state.lock().unwrap().shipped = ::std::vec![0; shards];
    let exporters = Exporters::start(shards, Box::new(Shipments(Arc::clone(&watch))));
    (exporters, watch)
}

/// Shuts `exporters` down (with a backend slow by `slow` units, none if zero) and checks what
/// the backend saw when `shutdown` returned: every event of `expected` (per shard) shipped,
/// every exporter ended, and `shutdown`'s totals the same as what was shipped. `what` says
/// which test. Returns how long `shutdown` took.
fn shut_down(
    exporters: Exporters,
    watch: &Watch,
    slow: Duration,
    expected: &[u64],
    what: &str,
) -> Duration {
    watch.slow.store(slow.as_micros() as u64, Ordering::SeqCst);
    let began = Instant::now();
    let shutdown =
        ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| exporters.shutdown()));
    let took = began.elapsed();
    // An exporter that panicked ended early (its last round, and maybe events, lost), and
    // its join returned `Err`: say which panic, in its own words, before what followed from it.
    let panicked = {
        let kept = PANICS.lock().unwrap_or_else(|e| e.into_inner());
        let mut told: Vec<::std::string::String> = Vec::new();
        for p in kept.iter() {
            if !told.contains(p) {
                told.push(p.clone());
            }
        }
        let threads = match kept.len() {
            1 => "an exporter thread panicked".into(),
            n => ::std::format!("{n} exporter threads panicked"),
        };
        (!kept.is_empty()).then(|| ::std::format!("{threads}: {}", told.join("; ")))
    };
    let totals = match (shutdown, panicked) {
        (::core::result::Result::Ok(totals), ::core::option::Option::None) => totals,
        (::core::result::Result::Ok(_), ::core::option::Option::Some(panicked)) => ::std::panic!(
            "{what}: {panicked}. A thread that panics ends there, without its last round, and \
             `shutdown` returned anyway: an exporter must not panic"
        ),
        (::core::result::Result::Err(payload), ::core::option::Option::Some(panicked)) => {
            let text = payload_text(&*payload);
            let then = if text.contains("Any { .. }") {
                "which `shutdown` unwrapped, so it panicked too".into()
            } else {
                ::std::format!("and `shutdown` panicked too: `{text}`")
            };
            ::std::panic!(
                "{what}: {panicked}. A thread that panics ends there, without its last round; \
                 its join returned the panic as an `Err`, {then}. An exporter must not panic"
            )
        }
        (::core::result::Result::Err(payload), ::core::option::Option::None) => ::std::panic!(
            "{what}: shutdown panicked: `{}`",
            payload_text(&*payload)
        ),
    };
    let shipped = {
        let mut seen = watch.state.lock().unwrap_or_else(|e| e.into_inner());
        seen.returned = true;
        seen.shipped.clone()
    };
    let ended = watch.dropped.load(Ordering::SeqCst);
    if !ended {
        // Give the exporters still running a moment to show what they ship after the return.
        let began = Instant::now();
        while !watch.dropped.load(Ordering::SeqCst)
            && began.elapsed() < (slow * 3).clamp(Duration::from_millis(50), Duration::from_millis(300))
        {
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
    took
}

/// How long, in all, a test waits for the exporters' own rounds to ship what it recorded
/// before it shuts down (`settle`). Quick exporters need a millisecond or two each time.
const SETTLE: Duration = Duration::from_millis(1_500);

/// Waits until the backend has received `expected` (shard by shard), shipped by the exporters'
/// own rounds, or an exporter panicked, or the test's time to wait (`left`, shared by its
/// rounds) is spent: then the test shuts down. These tests run before the loom models, and
/// whether an event recorded right before `shutdown` makes the last round is the models'
/// question (`step2_events_recorded_before_shutdown_are_all_shipped` and after): an exporter
/// that reads its counter before it loads the flag loses such an event on real threads only
/// when the OS stops it between the two in that very instant (on a busy machine), so that
/// this verdict would depend on the load. Shutting down once the events are shipped, these
/// tests check the rest: nothing lost or invented, every exporter ended and joined, the
/// totals, a slow last round waited for. The stress test
/// (`stress_real_threads_record_while_exporters_ship_then_shut_down`, after the models)
/// shuts down right after recording.
fn settle(watch: &Watch, expected: &[u64], left: &mut Duration) {
    let began = Instant::now();
    loop {
        let seen = watch.state.lock().unwrap_or_else(|e| e.into_inner());
        let shipped = seen.shipped == expected;
        ::core::mem::drop(seen);
        let panicked = !PANICS.lock().unwrap_or_else(|e| e.into_inner()).is_empty();
        if shipped || panicked || began.elapsed() >= *left {
            break;
        }
        ::std::thread::sleep(Duration::from_millis(1));
    }
    *left = left.saturating_sub(began.elapsed());
}

#[test]
fn shutdown_right_after_start() {
    let (exporters, watch) = start(2);
    shut_down(
        exporters,
        &watch,
        Duration::ZERO,
        &[0, 0],
        "nothing was recorded: each exporter shipped 0 events",
    );
}

#[test]
fn every_event_recorded_before_shutdown_is_shipped() {
    // Many rounds: a lost or invented event, or an exporter left running, shows up.
    let mut left = SETTLE;
    for round in 1..=20 {
        let (exporters, watch) = start(3);
        for shard in 0..3 {
            for _ in 0..(shard as u64 + 1) * 100 {
                exporters.record(shard);
            }
        }
        settle(&watch, &[100, 200, 300], &mut left);
        shut_down(
            exporters,
            &watch,
            Duration::ZERO,
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
    settle(&watch, &[100], &mut SETTLE.clone());
    shut_down(
        exporters,
        &watch,
        Duration::ZERO,
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
    settle(&watch, &[500, 500], &mut SETTLE.clone());
    shut_down(
        exporters,
        &watch,
        Duration::ZERO,
        &[500, 500],
        "two threads recorded 500 events each",
    );
}

#[test]
fn a_slow_backend_still_gets_everything_before_shutdown_returns() {
    // While shutting down, every shipment takes a while (a remote backend answering slowly):
    // only a `shutdown` that waits for the exporters themselves, not for some fixed time,
    // returns after their last shipment. How slow: each round first shuts down with a quick
    // backend, then with one whose shipments take longer than twice any such shutdown took.
    // A `shutdown` that sleeps instead of joining takes as long either way, so whatever it
    // sleeps, the slow backend is still shipping when it returns; a joining one just waits.
    let mut rng = crate::__checks::Rng::new(0x510e);
    let mut longest = Duration::ZERO;
    let mut left = SETTLE;
    for round in 1..=3 {
        for slow in [false, true] {
            let (exporters, watch) = start(3);
            let counts = [rng.range(1, 200), rng.range(1, 200), rng.range(1, 200)];
            for (shard, &n) in counts.iter().enumerate() {
                for _ in 0..n {
                    exporters.record(shard);
                }
            }
            settle(&watch, &counts, &mut left);
            // The last round's backend is slow by a quarter of a second at least: a `shutdown`
            // that waits for the exporters only up to some deadline gives up before it.
            let unit = match (slow, round) {
                (false, _) => Duration::ZERO,
                (true, 3) => (longest * 2).max(Duration::from_millis(250)),
                (true, _) => longest * 2 + Duration::from_millis(10),
            };
            let took = shut_down(
                exporters,
                &watch,
                unit,
                &counts,
                &::std::format!(
                    "round {round}: {counts:?} events recorded (shard by shard), and a backend \
                     that takes {:?} ms (shard by shard) per shipment while shutting down (a \
                     shutdown with a quick backend took up to {} ms)",
                    SLOW.map(|n| (unit * n).as_millis()),
                    longest.as_millis()
                ),
            );
            if !slow {
                longest = longest.max(took);
            }
        }
    }
}

#[test]
fn stress_real_threads_record_while_exporters_ship_then_shut_down() {
    // Real threads, std's own types: four recorders started together by a barrier on one shard
    // while the exporters keep loading the counters, then a shutdown right after the last
    // event. A service counts requests from many threads into one shard, so `record` must
    // count several events at once on one counter without losing any. A lost event needs two
    // recorders to run at the same time (or one to be switched out in the middle of a
    // `record`): on a busy machine the OS may run them one after another, so the rounds go on
    // until enough `record`s overlapped another recorder's (`Overlap`), and if that never
    // happens the test says so (it does not pass). Four of them, not two: on a busy machine
    // they get more of its time, and overlap sooner.
    const SHARDS: usize = 2;
    const RECORDERS: usize = 4;
    let mut rng = crate::__checks::Rng::new(0x5407);
    let overlap = Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the four recorders' records", &overlap, |round| {
        // Which shard both record on, and at least how many events each records.
        let shard = round % SHARDS;
        let at_least: Vec<u64> = (0..RECORDERS).map(|_| rng.range(1_000, 3_000)).collect();
        let (exporters, watch) = start(SHARDS);
        let exporters = Arc::new(exporters);
        let (shared, witness) = (Arc::clone(&exporters), Arc::clone(&overlap));
        let each = crate::__checks::together(RECORDERS, move |recorder| {
            let began = Instant::now();
            let mut n = 0;
            while witness.more(n, at_least[recorder], began) {
                witness.op(|| shared.record(shard));
                n += 1;
            }
            n
        });
        let mut counts = ::std::vec![0; SHARDS];
        counts[shard] = each.iter().sum();
        let exporters = Arc::try_unwrap(exporters)
            .ok()
            .expect("the recorders have finished: nothing else holds the exporters");
        shut_down(
            exporters,
            &watch,
            Duration::ZERO,
            &counts,
            &::std::format!(
                "round {round}: four threads recorded {each:?} events on shard {shard} at the \
                 same time while the exporters ran (threads recording on one shard at once must \
                 not lose an event)"
            ),
        );
    });
}
