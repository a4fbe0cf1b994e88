// Grader-owned loom models for condvar_queue.
use super::JobQueue;
use crate::std::sync::Arc;
use crate::std::thread;

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

#[test]
fn two_workers_one_producer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new());
        let worker = |queue: &Arc<JobQueue>| {
            let queue = Arc::clone(queue);
            thread::spawn(move || queue.pop())
        };
        let first = worker(&queue);
        let second = worker(&queue);
        queue.push(1);
        queue.push(2);
        let mut got = ::std::vec![first.join().unwrap(), second.join().unwrap()];
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2],
            "each job must be taken by exactly one worker"
        );
    });
}

/// "Takes the oldest job": a producer pushes three jobs while one worker (the main thread)
/// takes them; they must come out in the order they went in.
#[test]
fn worker_takes_the_oldest_job_first() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new());
        let producer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || (1..=3).for_each(|job| queue.push(job)))
        };
        let got: ::std::vec::Vec<u32> = (0..3).map(|_| queue.pop()).collect();
        producer.join().unwrap();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2, 3],
            "jobs 1, 2, 3 were pushed in that order: `pop` takes the oldest, so they must come \
             out in that order"
        );
    });
}

/// A job already queued when two workers start (the main thread is one of them), and a second
/// one pushed by a third thread while they run: a worker that sees a job must take that job
/// under the same lock. One that checks under one guard and takes under a second `lock()` can
/// be beaten to it in between (the other worker finds the job without waiting and takes it),
/// and then pops an empty queue.
#[test]
fn two_workers_and_a_job_already_queued() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new());
        queue.push(1);
        let worker = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || queue.pop())
        };
        let producer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || queue.push(2))
        };
        let mine = queue.pop();
        let mut got = ::std::vec![mine, worker.join().unwrap()];
        producer.join().unwrap();
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2],
            "one job was queued before the workers started and one after: each must be taken \
             by exactly one worker"
        );
    });
}
