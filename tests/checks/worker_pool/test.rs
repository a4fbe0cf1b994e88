// Grader-owned tests for worker_pool. The exercise's timeout (3 s) covers all of them:
// a pool whose shutdown never returns is reported as timed out.
use super::WorkerPool;
use ::std::sync::Arc;
use ::std::thread;

use ::std::sync::Barrier;
use ::std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use ::std::time::Duration;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `WorkerPool::new` must keep this signature.
    let _: fn(usize) -> WorkerPool = WorkerPool::new;
    // `WorkerPool::size` must keep this signature.
    let _: fn(&WorkerPool) -> usize = WorkerPool::size;
    // `WorkerPool::execute` must keep this signature.
    let _: fn(&WorkerPool, fn()) = WorkerPool::execute;
    // `WorkerPool::shutdown` must keep this signature.
    let _: fn(WorkerPool) = WorkerPool::shutdown;
}

#[test]
fn an_idle_pool_shuts_down() {
    let pool = WorkerPool::new(4);
    ::std::assert_eq!(pool.size(), 4);
    pool.shutdown();
}

#[test]
fn every_queued_job_runs_before_shutdown_returns() {
    let done = Arc::new(AtomicUsize::new(0));
    let pool = WorkerPool::new(3);
    for _ in 0..200 {
        let done = Arc::clone(&done);
        pool.execute(move || {
            done.fetch_add(1, Ordering::Relaxed);
        });
    }
    pool.shutdown();
    // join() makes every worker's increments visible here.
    ::std::assert_eq!(
        done.load(Ordering::Relaxed),
        200,
        "shutdown must let the workers finish every job queued before it"
    );
}

#[test]
fn shutdown_waits_for_a_running_job() {
    let finished = Arc::new(AtomicBool::new(false));
    let pool = WorkerPool::new(2);
    let flag = Arc::clone(&finished);
    pool.execute(move || {
        thread::sleep(Duration::from_millis(100));
        flag.store(true, Ordering::Relaxed);
    });
    pool.shutdown();
    ::std::assert!(
        finished.load(Ordering::Relaxed),
        "shutdown returned while a job was still running"
    );
}

#[test]
fn workers_run_jobs_at_the_same_time() {
    // Three jobs that can only finish together: if a worker held the queue's lock while
    // running its job, the other workers could not take theirs and this would hang.
    let pool = WorkerPool::new(3);
    let all_in = Arc::new(Barrier::new(3));
    let done = Arc::new(AtomicUsize::new(0));
    for _ in 0..3 {
        let (all_in, done) = (Arc::clone(&all_in), Arc::clone(&done));
        pool.execute(move || {
            all_in.wait();
            done.fetch_add(1, Ordering::Relaxed);
        });
    }
    pool.shutdown();
    ::std::assert_eq!(done.load(Ordering::Relaxed), 3);
}

#[test]
fn several_pools_one_after_another() {
    for size in 1..=4 {
        let done = Arc::new(AtomicUsize::new(0));
        let pool = WorkerPool::new(size);
        for _ in 0..10 {
            let done = Arc::clone(&done);
            pool.execute(move || {
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
        pool.shutdown();
        ::std::assert_eq!(
            done.load(Ordering::Relaxed),
            10,
            "a pool of {size} lost jobs at shutdown"
        );
    }
}
