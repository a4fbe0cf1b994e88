// Grader-owned loom models for quiz_job_queue.
use super::{Closed, JobQueue};
use crate::std::sync::Arc;
use crate::std::thread;

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
    // `Closed` must keep this signature.
    let _: fn(u32) -> Closed<u32> = Closed;
}

/// A worker as the build server runs it: take jobs until the queue says there are no more.
/// The job a refused push hands back, taken out by pattern: the learner's own `PartialEq` for
/// `Closed` could call any two refusals equal.
fn handed_back(result: ::std::result::Result<(), Closed<u32>>) -> ::std::result::Result<(), u32> {
    result.map_err(|Closed(job)| job)
}

fn worker(queue: Arc<JobQueue<u32>>) -> (u32, u32) {
    let (mut count, mut sum) = (0, 0);
    while let Some(job) = queue.pop() {
        count += 1;
        sum += job;
    }
    ::std::assert!(
        queue.is_closed(),
        "pop returned None while the queue was still open: a worker woke up (another \
         worker took the job, or a timed wait timed out), found the queue empty, and did not \
         wait again"
    );
    (count, sum)
}

#[test]
fn close_releases_a_blocked_producer_and_keeps_queued_jobs() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new(1));
        queue.push(1).unwrap();
        let q = Arc::clone(&queue);
        // The queue is full: this push waits until close() says it never will fit.
        let producer = thread::spawn(move || q.push(2));
        queue.close();
        ::std::assert_eq!(
            handed_back(producer.join().unwrap()),
            Err(2),
            "a push that waits on a full queue must be refused once the queue is closed"
        );
        ::std::assert_eq!(
            queue.pop(),
            Some(1),
            "closing must not throw away a job already queued"
        );
        ::std::assert_eq!(
            queue.pop(),
            None,
            "a closed, empty queue has nothing more to give"
        );
    });
}

#[test]
fn two_workers_drain_the_queue_and_stop() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new(1));
        let w1 = {
            let q = Arc::clone(&queue);
            thread::spawn(move || worker(q))
        };
        let w2 = {
            let q = Arc::clone(&queue);
            thread::spawn(move || worker(q))
        };
        queue.push(1).unwrap();
        queue.push(2).unwrap();
        queue.close();
        let (c1, s1) = w1.join().unwrap();
        let (c2, s2) = w2.join().unwrap();
        ::std::assert_eq!(
            (c1 + c2, s1 + s2),
            (2, 3),
            "each of the two jobs must be done exactly once"
        );
    });
}

/// Two producers blocked on a full queue when it closes: `close` must wake both (one
/// `notify_one` wakes one of them; the other waits for room forever), and both jobs are
/// handed back.
#[test]
fn close_releases_every_blocked_producer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new(1));
        queue.push(1).unwrap();
        let producer = |job: u32| {
            let q = Arc::clone(&queue);
            thread::spawn(move || handed_back(q.push(job)))
        };
        // The queue is full: both pushes wait until close() says they never will fit.
        let (first, second) = (producer(2), producer(3));
        queue.close();
        ::std::assert_eq!(
            (first.join().unwrap(), second.join().unwrap()),
            (Err(2), Err(3)),
            "two pushes waited on a full queue: once it is closed, both must be refused, \
             each handing its own job back"
        );
        ::std::assert_eq!(
            (queue.pop(), queue.pop()),
            (Some(1), None),
            "closing keeps the queued job, and then there is nothing more to give"
        );
    });
}

/// Two producers blocked on a full queue of capacity 2, and a worker (the main thread) that
/// takes every job before the queue is closed: each pop makes room, and a producer waiting for
/// room must get it. A `pop` that wakes a producer only when the queue was full (one
/// `notify_one` "on the transition") can empty the queue with two pops while one producer is
/// woken: the other sleeps on an empty queue, and the worker waits for its job for ever.
#[test]
fn worker_makes_room_for_every_blocked_producer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new(2));
        queue.push(1).unwrap();
        queue.push(2).unwrap();
        let producer = |job: u32| {
            let q = Arc::clone(&queue);
            thread::spawn(move || handed_back(q.push(job)))
        };
        // The queue is full: both pushes wait for room.
        let (first, second) = (producer(3), producer(4));
        let mut got: ::std::vec::Vec<u32> = (0..4).filter_map(|_| queue.pop()).collect();
        ::std::assert_eq!(
            (first.join().unwrap(), second.join().unwrap()),
            (Ok(()), Ok(())),
            "the queue stayed open: both pushes must go through once there is room"
        );
        queue.close();
        ::std::assert_eq!(queue.pop(), None, "everything was taken before the queue closed");
        ::std::assert_eq!(&got[..2], &[1, 2], "jobs 1 and 2 were queued first");
        got.sort();
        ::std::assert_eq!(got, ::std::vec![1, 2, 3, 4], "every job is taken once");
    });
}
