// Grader-owned tests for lost_wakeup, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
// A lost wakeup hangs: the grader's time limit ends the run.
use super::StartupGate;

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

/// Gates per round: the opener and the request threads go through them in order.
const GATES: usize = 200;

/// `a_request_thread_wakes_when_the_gate_opens` and `two_request_threads_both_wake` on real
/// threads: request threads wait at each gate while it is opened.
#[test]
fn stress_request_threads_wake_when_the_gate_opens() {
    crate::__checks::rounds(|round| {
        let gates: ::std::sync::Arc<::std::vec::Vec<StartupGate>> =
            ::std::sync::Arc::new((0..GATES).map(|_| StartupGate::new()).collect());
        let shared = ::std::sync::Arc::clone(&gates);
        let early = crate::__checks::together(3, move |i| {
            shared
                .iter()
                .filter(|gate| {
                    if i == 0 {
                        gate.open();
                        false
                    } else {
                        gate.wait_until_open();
                        !gate.is_open()
                    }
                })
                .count()
        });
        ::std::assert_eq!(
            early.iter().sum::<usize>(),
            0,
            "wait_until_open returned before the gate was opened (round {round})"
        );
        ::std::assert!(gates.iter().all(|gate| gate.is_open()));
    });
}
