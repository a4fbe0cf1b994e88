// Grader-owned tests for condvar_queue, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::JobQueue;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `JobQueue::new` must keep this signature.
    let _: fn() -> JobQueue = JobQueue::new;
    // `JobQueue::push` must keep this signature.
    let _: fn(&JobQueue, u32) = JobQueue::push;
    // `JobQueue::pop` must keep this signature.
    let _: fn(&JobQueue) -> u32 = JobQueue::pop;
}

/// Jobs each worker takes per round.
const EACH: u32 = 50;
const WORKERS: usize = 3;

/// `two_workers_one_producer` on real threads: workers wait for jobs a producer pushes at the
/// same time; each job is taken by exactly one worker.
#[test]
fn stress_workers_and_a_producer() {
    crate::__checks::rounds(|round| {
        let queue = ::std::sync::Arc::new(JobQueue::new());
        let shared = ::std::sync::Arc::clone(&queue);
        let taken = crate::__checks::together(WORKERS + 1, move |i| {
            if i == WORKERS {
                for job in 0..EACH * WORKERS as u32 {
                    shared.push(job);
                }
                return ::std::vec::Vec::new();
            }
            (0..EACH)
                .map(|_| shared.pop())
                .collect::<::std::vec::Vec<u32>>()
        });
        let mut got: ::std::vec::Vec<u32> = taken.into_iter().flatten().collect();
        got.sort_unstable();
        ::std::assert!(
            got.iter().copied().eq(0..EACH * WORKERS as u32),
            "{WORKERS} workers on real threads (round {round}) took {} jobs pushed at the same \
             time: each job must be taken by exactly one worker",
            EACH * WORKERS as u32
        );
    });
}
