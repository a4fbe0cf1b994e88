// Grader-owned tests for quiz_job_queue, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; this stress test (run after the models pass) checks
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::{Closed, JobQueue};
use ::std::sync::atomic::{AtomicUsize, Ordering};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `JobQueue::new` must keep this signature.
    let _: fn(usize) -> JobQueue<u32> = JobQueue::new;
    // `JobQueue::push` must keep this signature.
    let _: fn(&JobQueue<u32>, u32) -> ::std::result::Result<(), Closed<u32>> = JobQueue::push;
    // `JobQueue::pop` must keep this signature.
    let _: fn(&JobQueue<u32>) -> ::std::option::Option<u32> = JobQueue::pop;
    // `JobQueue::close` must keep this signature.
    let _: fn(&JobQueue<u32>) = JobQueue::close;
    // `JobQueue::is_closed` must keep this signature.
    let _: fn(&JobQueue<u32>) -> bool = JobQueue::is_closed;
}

/// The loom models' properties on real threads: two producers push numbered jobs into a queue
/// of capacity 1 until it refuses them, two workers drain it, and a fifth thread closes it
/// midway (producers are often blocked on the full queue then). Every accepted job is done
/// exactly once, every refused one is handed back, and a worker stops only on a closed queue.
#[test]
fn stress_close_midway_with_producers_and_workers() {
    const EACH: u32 = 60;
    crate::__checks::rounds(|round| {
        let queue = ::std::sync::Arc::new(JobQueue::new(1));
        let accepted = ::std::sync::Arc::new(AtomicUsize::new(0));
        let results = crate::__checks::together(5, move |i| {
            let mut mine = ::std::vec::Vec::new();
            let mut refused = ::std::vec::Vec::new();
            match i {
                0 | 1 => {
                    for n in 0..EACH {
                        let job = i as u32 * EACH + n;
                        match queue.push(job) {
                            ::std::result::Result::Ok(()) => {
                                accepted.fetch_add(1, Ordering::SeqCst);
                                mine.push(job);
                            }
                            ::std::result::Result::Err(Closed(back)) => refused.push(back),
                        }
                    }
                }
                2 | 3 => {
                    while let ::std::option::Option::Some(job) = queue.pop() {
                        mine.push(job);
                    }
                    ::std::assert!(
                        queue.is_closed(),
                        "on real threads (round {round}) pop returned None while the queue \
                         was still open"
                    );
                }
                _ => {
                    while accepted.load(Ordering::SeqCst) < EACH as usize {
                        ::std::thread::yield_now();
                    }
                    queue.close();
                }
            }
            (mine, refused)
        });
        let mut pushed: ::std::vec::Vec<u32> = results[..2]
            .iter()
            .flat_map(|(mine, _)| mine.iter().copied())
            .collect();
        let mut done: ::std::vec::Vec<u32> = results[2..4]
            .iter()
            .flat_map(|(mine, _)| mine.iter().copied())
            .collect();
        pushed.sort_unstable();
        done.sort_unstable();
        ::std::assert_eq!(
            done,
            pushed,
            "on real threads (round {round}) the workers must do every accepted job exactly \
             once, also those still queued when the queue closed"
        );
        for (p, (mine, refused)) in results[..2].iter().enumerate() {
            let mut all: ::std::vec::Vec<u32> = mine.iter().chain(refused).copied().collect();
            all.sort_unstable();
            ::std::assert!(
                all.iter()
                    .copied()
                    .eq(p as u32 * EACH..(p as u32 + 1) * EACH),
                "on real threads (round {round}) every refused push must hand its own job back"
            );
        }
    });
}

/// How long the queue stays empty (and open) before each job, short beside the time limit. A
/// `pop` that gives up after a timed wait of any length fails the models (a model times a
/// timed wait out at any point: loom_std/condvar.rs); this real-thread test is for a `pop` that
/// measures its patience otherwise (`Instant`, counted sleeps), up to this long.
const QUIET: ::std::time::Duration = ::std::time::Duration::from_millis(600);

/// An idle worker keeps waiting: jobs that come after quiet spells are still handed out, and
/// `pop` returns None only once the queue is closed. Named `stress_` so that it runs after the
/// models (whose verdicts explain a lost wake-up) though it is one worker, not a stress test.
#[test]
fn stress_an_idle_worker_waits_for_jobs_until_the_queue_closes() {
    let mut rng = crate::__checks::Rng::new(0x1d1e);
    let jobs = [rng.range(1, 1_000_000) as u32, rng.range(1, 1_000_000) as u32];
    let queue = ::std::sync::Arc::new(JobQueue::new(2));
    let (seen_tx, seen) = ::std::sync::mpsc::channel();
    {
        let queue = ::std::sync::Arc::clone(&queue);
        // Not joined: if `pop` never returns None after `close`, the models say so.
        ::std::thread::spawn(move || {
            while let ::std::option::Option::Some(job) = queue.pop() {
                let _ = seen_tx.send(::std::option::Option::Some(job));
            }
            let _ = seen_tx.send(::std::option::Option::None);
        });
    }
    for (n, &job) in jobs.iter().enumerate() {
        ::std::thread::sleep(QUIET);
        ::std::assert_eq!(
            queue.push(job),
            ::std::result::Result::Ok(()),
            "the queue is open and has room"
        );
        let got = seen.recv_timeout(::std::time::Duration::from_secs(2));
        ::std::assert_eq!(
            got,
            ::std::result::Result::Ok(::std::option::Option::Some(job)),
            "the worker's pop waited {} ms on an empty open queue (quiet spell {} of 2), then \
             job {job} was pushed: pop must hand it out (None came, or nothing: the worker \
             gave up while the queue was open). A worker waits for jobs until the queue is \
             closed, however long none comes",
            QUIET.as_millis(),
            n + 1
        );
    }
    queue.close();
    ::std::assert_eq!(
        seen.recv_timeout(::std::time::Duration::from_secs(2)),
        ::std::result::Result::Ok(::std::option::Option::None),
        "the queue was closed with nothing queued: the waiting pop must return None"
    );
}
