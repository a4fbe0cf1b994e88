// Grader-owned loom models for lost_wakeup.
use super::*;
use crate::std::sync::Arc;
use crate::std::thread;

#[test]
fn a_request_thread_wakes_when_the_gate_opens() {
    crate::std::__workbook::model(|| {
        let gate = Arc::new(StartupGate::new());
        let request = {
            let gate = Arc::clone(&gate);
            thread::spawn(move || {
                gate.wait_until_open();
                assert!(gate.is_open(), "wait_until_open returned before the gate was opened");
            })
        };
        gate.open();
        request.join().unwrap();
        assert!(gate.is_open());
    });
}

#[test]
fn two_request_threads_both_wake() {
    crate::std::__workbook::model(|| {
        let gate = Arc::new(StartupGate::new());
        let request = |gate: &Arc<StartupGate>| {
            let gate = Arc::clone(gate);
            thread::spawn(move || gate.wait_until_open())
        };
        let first = request(&gate);
        let second = request(&gate);
        gate.open();
        first.join().unwrap();
        second.join().unwrap();
    });
}
