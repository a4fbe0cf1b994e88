// Grader-owned loom models for graceful_shutdown: one exporter thread, and the model's main
// thread recording events and then shutting down.
use super::Exporters;

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
fn step1_shutdown_right_after_start() {
    crate::std::__workbook::model(|| {
        let exporters = Exporters::start(1);
        ::std::assert_eq!(
            exporters.shutdown(),
            ::std::vec![0],
            "nothing was recorded, nothing was shipped"
        );
    });
}

#[test]
fn step2_events_recorded_before_shutdown_are_all_shipped() {
    crate::std::__workbook::model(|| {
        let exporters = Exporters::start(1);
        exporters.record(0);
        exporters.record(0);
        ::std::assert_eq!(
            exporters.shutdown(),
            ::std::vec![2],
            "two events were recorded before shutdown; the exporter must ship both before it stops"
        );
    });
}
