// Grader-owned tests for worker_pool. The exercise's timeout (5 s) covers all of them:
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
    // The job runs for longer than twice any shutdown of an idle pool took (and 400 ms at
    // least): a `shutdown` that waits a fixed time (or up to a deadline) instead of joining
    // takes as long with or without a job, so whatever it waits, it returns first.
    let mut longest = Duration::ZERO;
    for _ in 0..3 {
        let pool = WorkerPool::new(2);
        let began = ::std::time::Instant::now();
        pool.shutdown();
        longest = longest.max(began.elapsed());
    }
    let hold = (longest * 2 + Duration::from_millis(50)).max(Duration::from_millis(400));
    let finished = Arc::new(AtomicBool::new(false));
    let started = Arc::new(Barrier::new(2));
    let pool = WorkerPool::new(2);
    let (flag, running) = (Arc::clone(&finished), Arc::clone(&started));
    pool.execute(move || {
        running.wait();
        thread::sleep(hold);
        flag.store(true, Ordering::Relaxed);
    });
    // The job is running (a worker took it) before shutdown is called.
    started.wait();
    pool.shutdown();
    ::std::assert!(
        finished.load(Ordering::Relaxed),
        "shutdown returned while a job was still running: the job ran for {} ms, and \
         shutdown must wait for it (join every worker), however long it takes (an idle \
         pool's shutdown took up to {} ms)",
        hold.as_millis(),
        longest.as_millis()
    );
}

#[test]
fn shutdown_joins_every_worker() {
    // Each round, every worker runs one job at once (they meet at a barrier), and all the jobs
    // end at once but one: the job of the worker created k-th (thread ids are handed out in
    // the order threads are created), k = 1..=WORKERS over the rounds. So each worker is, in
    // one round, the only one still running a job while shutdown is called, whatever order
    // the pool keeps or joins its workers in. That job waits for shutdown to return (up to
    // HOLD): a `shutdown` that joins only some of the workers (the first, all but the last)
    // returns, in the round of a worker it does not join, while that worker's job still
    // runs; a right one waits for that worker, whose job then ends after HOLD.
    const WORKERS: usize = 4;
    const HOLD: Duration = Duration::from_millis(200);
    let mut rng = crate::__checks::Rng::new(0x5107);
    let mut order: ::std::vec::Vec<usize> = (0..WORKERS).collect();
    for i in (1..WORKERS).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    for kept in order {
        let ids = Arc::new(::std::sync::Mutex::new(::std::vec::Vec::new()));
        let returned = Arc::new((::std::sync::Mutex::new(false), ::std::sync::Condvar::new()));
        let cut_short = Arc::new(AtomicBool::new(false));
        let finished = Arc::new(AtomicUsize::new(0));
        let started = Arc::new(Barrier::new(WORKERS + 1));
        let pool = WorkerPool::new(WORKERS);
        for _ in 0..WORKERS {
            let (ids, returned, cut_short) =
                (Arc::clone(&ids), Arc::clone(&returned), Arc::clone(&cut_short));
            let (done, running) = (Arc::clone(&finished), Arc::clone(&started));
            pool.execute(move || {
                let me = creation_rank(thread::current().id());
                ids.lock().unwrap().push(me);
                running.wait();
                let mut all = ids.lock().unwrap().clone();
                all.sort_unstable();
                if all.iter().position(|&id| id == me) == Some(kept) {
                    let (flag, changed) = &*returned;
                    let flag = flag.lock().unwrap();
                    let (flag, _) = changed.wait_timeout_while(flag, HOLD, |r| !*r).unwrap();
                    if *flag {
                        cut_short.store(true, Ordering::Relaxed);
                    }
                }
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
        // Every worker is running one of the jobs before shutdown is called.
        started.wait();
        pool.shutdown();
        let done = finished.load(Ordering::Relaxed);
        {
            let (flag, changed) = &*returned;
            *flag.lock().unwrap() = true;
            changed.notify_all();
        }
        ::std::assert!(
            done == WORKERS && !cut_short.load(Ordering::Relaxed),
            "each of the {WORKERS} workers was running a job when shutdown was called, and \
             shutdown returned while the job of the worker created {} was still running: \
             shutdown must join every worker, not only some of them",
            ["first", "second", "third", "fourth"][kept]
        );
    }
}

/// Where a thread comes in the order threads were created: std hands out thread ids from a
/// counter, in that order (`ThreadId(n)`).
fn creation_rank(id: thread::ThreadId) -> u64 {
    let shown = ::std::format!("{id:?}");
    shown
        .trim_start_matches("ThreadId(")
        .trim_end_matches(')')
        .parse()
        .unwrap_or(u64::MAX)
}

#[test]
fn jobs_run_on_the_pools_own_workers() {
    // A pool runs every job on one of its `size` workers: not on the caller's thread, and not
    // on a new thread per job.
    let mut rng = crate::__checks::Rng::new(0x9001);
    let size = rng.range(2, 5) as usize;
    let jobs = rng.range(40, 80) as usize;
    let pool = WorkerPool::new(size);
    let seen = Arc::new(::std::sync::Mutex::new(::std::collections::HashSet::new()));
    for _ in 0..jobs {
        let seen = Arc::clone(&seen);
        pool.execute(move || {
            seen.lock().unwrap().insert(thread::current().id());
            thread::sleep(Duration::from_micros(200));
        });
    }
    pool.shutdown();
    let seen = seen.lock().unwrap();
    ::std::assert!(
        !seen.contains(&thread::current().id()),
        "a job ran on the thread that called `execute`: the pool's workers must run it"
    );
    ::std::assert!(
        seen.len() <= size,
        "{jobs} jobs on a pool of {size} workers ran on {} different threads: a pool runs its \
         jobs on its own {size} workers, it does not start a thread per job",
        seen.len()
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

/// Well within the exercise's 5-second limit. A worker that quits after a `recv_timeout` of
/// any length fails the loom model (loom.rs); this real-thread gap is for one that measures
/// its patience otherwise (an `Instant`, counted sleeps), up to this long.
const IDLE_GAP: Duration = Duration::from_millis(1500);

/// How long the jobs after the gap wait for each other: every worker is idle and blocked in
/// `recv`, so all of them take a job at once within a few milliseconds.
const GATHER: Duration = Duration::from_millis(800);

/// Counts the jobs inside it; each waits (up to `GATHER`) until `n` are inside at once.
struct Gate {
    inside: ::std::sync::Mutex<usize>,
    changed: ::std::sync::Condvar,
}

impl Gate {
    fn enter(&self, n: usize) {
        let mut inside = self.inside.lock().unwrap();
        *inside += 1;
        self.changed.notify_all();
        let _ = self.changed.wait_timeout_while(inside, GATHER, |k| *k < n).unwrap();
    }

    fn wait_for(&self, n: usize) -> usize {
        let inside = self.inside.lock().unwrap();
        let (inside, _) = self.changed.wait_timeout_while(inside, GATHER, |k| *k < n).unwrap();
        *inside
    }
}

#[test]
fn workers_still_take_jobs_after_a_quiet_spell() {
    let size = 3;
    let pool = WorkerPool::new(size);
    let early = Arc::new(AtomicUsize::new(0));
    for _ in 0..size {
        let early = Arc::clone(&early);
        pool.execute(move || {
            early.fetch_add(1, Ordering::Relaxed);
        });
    }
    // No job for a while: a worker must go on waiting for one, not decide the pool is done.
    thread::sleep(IDLE_GAP);
    let gate = Arc::new(Gate {
        inside: ::std::sync::Mutex::new(0),
        changed: ::std::sync::Condvar::new(),
    });
    for _ in 0..size {
        let gate = Arc::clone(&gate);
        pool.execute(move || gate.enter(size));
    }
    let inside = gate.wait_for(size);
    ::std::assert_eq!(
        inside,
        size,
        "after the pool sat idle for {} ms, only {inside} of its {size} workers took one of \
         {size} new jobs: the others had stopped. A worker must wait for jobs until the \
         channel is closed (recv returns Err), not stop when no job came for a while",
        IDLE_GAP.as_millis()
    );
    pool.shutdown();
    ::std::assert_eq!(early.load(Ordering::Relaxed), size);
}
