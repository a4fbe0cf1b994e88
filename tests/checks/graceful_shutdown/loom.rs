// Grader-owned loom models for graceful_shutdown: one exporter thread, and the model's main
// thread recording events and then shutting down. The exporter ships to the checks' own
// backend, which records what it received and when it is dropped, so that the model sees what
// `shutdown` waited for.
use super::{Backend, Exporters};
use ::std::boxed::Box;
use ::std::vec::Vec;
use crate::std::sync::atomic::{AtomicBool, Ordering};
use crate::std::sync::{Arc, Mutex};

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

/// What the backend saw: the events it received (shard 0's; any other shard is a stray), and
/// whether it was dropped (the exporter is gone, and `shutdown` dropped the rest).
struct Watch {
    shipped: Mutex<(u64, u64)>,
    dropped: AtomicBool,
}

struct Shipments(Arc<Watch>);

impl Backend for Shipments {
    fn ship(&self, shard: usize, new_events: u64) {
        let mut shipped = self.0.shipped.lock().unwrap_or_else(|e| e.into_inner());
        if shard == 0 {
            shipped.0 += new_events;
        } else {
            shipped.1 += new_events;
        }
    }
}

impl ::core::ops::Drop for Shipments {
    fn drop(&mut self) {
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

/// One exporter shipping to a fresh recording backend.
fn start() -> (Exporters, Arc<Watch>) {
    let watch = Arc::new(Watch {
        shipped: Mutex::new((0, 0)),
        dropped: AtomicBool::new(false),
    });
    let exporters = Exporters::start(1, Box::new(Shipments(Arc::clone(&watch))));
    (exporters, watch)
}

/// Shuts down and checks, as `shutdown` returns, that the exporter ended and shipped
/// `expected` events, which `shutdown` returned.
fn shut_down(exporters: Exporters, watch: &Watch, expected: u64) {
    let totals = exporters.shutdown();
    ::std::assert!(
        watch.dropped.load(Ordering::SeqCst),
        "shutdown returned before the exporters finished: the exporter thread was still running \
         (the backend it ships to was still in use). Join it: a join returns only once the \
         thread has shipped its last round and ended"
    );
    let (shipped, strays) = *watch.shipped.lock().unwrap_or_else(|e| e.into_inner());
    ::std::assert_eq!(strays, 0, "events shipped to a shard that does not exist");
    ::std::assert_eq!(
        shipped, expected,
        "{expected} events were recorded before shutdown; the exporter must ship every one of \
         them before it stops (left: what the backend received)"
    );
    ::std::assert_eq!(
        totals,
        ::std::vec![shipped],
        "shutdown must return how many events the exporter shipped (left: what it returned)"
    );
}

#[test]
fn step1_shutdown_right_after_start() {
    crate::std::__workbook::model(|| {
        let (exporters, watch) = start();
        shut_down(exporters, &watch, 0);
    });
}

#[test]
fn step2_events_recorded_before_shutdown_are_all_shipped() {
    crate::std::__workbook::model(|| {
        let (exporters, watch) = start();
        exporters.record(0);
        exporters.record(0);
        shut_down(exporters, &watch, 2);
    });
}
