// Grader-owned loom models for worker_pool: what a worker waits for. The real-thread tests
// (test.rs) cannot tell a worker that waits for jobs until the channel closes from one that
// quits after a quiet spell longer than they wait; a model can, for in a model a timed wait
// (`recv_timeout`, a condvar's `wait_timeout`) may time out at any point, as it may on real
// threads whatever its length (a caller slower than the timeout): loom_std/condvar.rs.
use super::WorkerPool;
use crate::std::sync::Arc;
use crate::std::sync::atomic::{AtomicUsize, Ordering};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `WorkerPool::new` must keep this signature.
    let _: fn(usize) -> WorkerPool = WorkerPool::new;
    // `WorkerPool::execute` must keep this signature.
    let _: fn(&WorkerPool, fn()) = WorkerPool::execute;
    // `WorkerPool::shutdown` must keep this signature.
    let _: fn(WorkerPool) = WorkerPool::shutdown;
}

/// A job queued at any point after the pool started (its worker may already be waiting, for
/// any length of time) runs before `shutdown` returns: a worker stops when the channel is
/// closed, never because no job came for a while.
#[test]
fn a_job_queued_while_the_worker_waits_runs() {
    crate::std::__workbook::model(|| {
        let ran = Arc::new(AtomicUsize::new(0));
        let pool = WorkerPool::new(1);
        let counter = Arc::clone(&ran);
        pool.execute(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        pool.shutdown();
        ::std::assert_eq!(
            ran.load(Ordering::SeqCst),
            1,
            "a job was queued while the pool's worker waited for one, and shutdown returned \
             without running it: the worker must wait for jobs until the channel closes \
             (`recv` returns Err), not stop when none came for a while"
        );
    });
}
