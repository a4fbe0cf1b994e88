// Grader-owned loom models for lost_wakeup.
use super::StartupGate;
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `StartupGate::new` must keep this signature.
    let _: fn() -> StartupGate = StartupGate::new;
    // `StartupGate::open` must keep this signature.
    let _: fn(&StartupGate) = StartupGate::open;
    // `StartupGate::is_open` must keep this signature.
    let _: fn(&StartupGate) -> bool = StartupGate::is_open;
    // `StartupGate::wait_until_open` must keep this signature.
    let _: fn(&StartupGate) = StartupGate::wait_until_open;
}

#[test]
fn a_request_thread_wakes_when_the_gate_opens() {
    crate::std::__workbook::model(|| {
        let gate = Arc::new(StartupGate::new());
        let request = {
            let gate = Arc::clone(&gate);
            thread::spawn(move || {
                gate.wait_until_open();
                ::std::assert!(
                    gate.is_open(),
                    "wait_until_open returned before the gate was opened"
                );
            })
        };
        gate.open();
        request.join().unwrap();
        ::std::assert!(gate.is_open());
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
