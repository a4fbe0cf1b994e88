// Grader-owned loom model for barrier_phases: the lock-step under every interleaving of two
// workers. The real-thread tests make worker 0 the slowest, so the workers finish a step at
// the same instant only when the OS preempts one at the wrong moment (on a busy machine); a
// choice of the step's ender that is right only when they do not (a count bumped with
// `fetch_add` and read again with `load`) shows here every time. The tests that run before
// this model check only that a step was ended, never that only one worker ended it, so that
// such code gets this model's verdict at any load; `stress_each_step_is_ended_exactly_once`
// checks it on real threads after the model.
use super::simulate;
use crate::std::sync::Arc;
use crate::std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `simulate` must keep this signature.
    let _: fn(usize, usize, fn(usize, usize), fn(usize)) = simulate;
}

/// Two workers, two steps: no worker starts step 1 before both finished step 0 and
/// `end_of_step(0)` returned, and each step is ended exactly once, after its work.
#[test]
fn two_workers_two_steps_in_lock_step() {
    crate::std::__workbook::model(|| {
        // finished[step], ended[step]
        let counts: Arc<[AtomicUsize; 4]> =
            Arc::new(::core::array::from_fn(|_| AtomicUsize::new(0)));
        let (w, e) = (Arc::clone(&counts), Arc::clone(&counts));
        simulate(
            2,
            2,
            move |id, step| {
                if step == 1 {
                    ::std::assert_eq!(
                        w[0].load(SeqCst),
                        2,
                        "worker {id} started step 1 before both workers had finished step 0"
                    );
                    ::std::assert_eq!(
                        w[2].load(SeqCst),
                        1,
                        "worker {id} started step 1 before end_of_step(0) had run once and returned"
                    );
                }
                w[step.min(1)].fetch_add(1, SeqCst);
            },
            move |step| {
                ::std::assert_eq!(
                    e[step.min(1)].load(SeqCst),
                    2,
                    "end_of_step({step}) ran before both workers had finished step {step}"
                );
                ::std::assert_eq!(
                    e[2 + step.min(1)].fetch_add(1, SeqCst),
                    0,
                    "end_of_step({step}) ran more than once"
                );
            },
        );
        for step in 0..2 {
            ::std::assert_eq!(
                counts[2 + step].load(SeqCst),
                1,
                "end_of_step({step}) must run exactly once"
            );
        }
    });
}
