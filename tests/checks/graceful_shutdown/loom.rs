// Grader-owned loom models for graceful_shutdown: one exporter thread, and the model's main
// thread recording events and then shutting down.
use super::*;

#[test]
fn step1_shutdown_right_after_start() {
    crate::std::__workbook::model(|| {
        let exporters = Exporters::start(1);
        assert_eq!(
            exporters.shutdown(),
            vec![0],
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
        assert_eq!(
            exporters.shutdown(),
            vec![2],
            "two events were recorded before shutdown; the exporter must ship both before it stops"
        );
    });
}
