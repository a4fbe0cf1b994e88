// Grader-owned loom models for lost_wakeup.
use super::StartupGate;
use crate::std::sync::Arc;
use crate::std::sync::atomic::{AtomicBool, Ordering};
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

/// The waiter checks with the model's own flag, set before `open` is called, that the gate
/// was really being opened when `wait_until_open` returned (not only what `is_open` says).
#[test]
fn a_request_thread_wakes_when_the_gate_opens() {
    crate::std::__workbook::model(|| {
        let gate = Arc::new(StartupGate::new());
        ::std::assert!(!gate.is_open(), "a new gate must be closed");
        let opening = Arc::new(AtomicBool::new(false));
        let request = {
            let (gate, opening) = (Arc::clone(&gate), Arc::clone(&opening));
            thread::spawn(move || {
                gate.wait_until_open();
                ::std::assert!(
                    opening.load(Ordering::SeqCst) && gate.is_open(),
                    "wait_until_open returned before the gate was opened"
                );
            })
        };
        opening.store(true, Ordering::SeqCst);
        gate.open();
        request.join().unwrap();
        ::std::assert!(gate.is_open(), "the gate was opened: is_open must say so");
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
