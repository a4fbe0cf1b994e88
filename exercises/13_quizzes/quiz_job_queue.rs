// quiz_job_queue: a bounded job queue that can be closed, and workers that drain it.
//
// Quiz: this combines condition variables (05_condvar) with a clean shutdown (12_patterns).
// A build server queues compile jobs for a few worker threads. The queue holds at most
// `capacity` jobs: `push` blocks while it is full, `pop` blocks while it is empty. Two
// condvars say which of those changed: `not_empty` wakes workers, `not_full` wakes producers.
//
// Shutting down: `close` marks the queue closed. From then on `push` refuses new jobs, but
// jobs already queued are still handed out; `pop` returns None only once the queue is
// closed AND empty. Workers loop `while let Some(job) = queue.pop()`, so they finish the
// backlog and exit, and the server can join them.
//
// What is wrong: `pop` waits for a job even on a closed queue, and `close` wakes nobody, so
// at shutdown the workers (and any producer blocked on a full queue) sleep forever. Fix
// `pop` and `close`. Remember: a thread waiting on a condvar must re-check its condition
// when it wakes, another thread may have been faster; and `close` changes what every
// waiter is waiting for.
//
// How it is checked: loom runs a producer and two workers (and one, then two producers
// blocked on a full queue, closed or drained by a worker) under every interleaving up to its
// bound, checking that nothing deadlocks, no job is lost, and `pop` returns None only on a
// closed queue; then the same on real threads, closing the queue while producers and workers
// are busy, and a worker that must still be waiting after quiet spells of 600 ms (no timeout
// makes a queue closed).

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

/// `push` on a closed queue gives the job back.
#[derive(Debug, PartialEq, Eq)]
pub struct Closed<T>(pub T);

struct State<T> {
    jobs: VecDeque<T>,
    closed: bool,
}

pub struct JobQueue<T> {
    state: Mutex<State<T>>,
    not_empty: Condvar,
    not_full: Condvar,
    capacity: usize,
}

impl<T> JobQueue<T> {
    pub fn new(capacity: usize) -> JobQueue<T> {
        assert!(capacity > 0, "a queue needs room for at least one job");
        JobQueue {
            state: Mutex::new(State { jobs: VecDeque::new(), closed: false }),
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
            capacity,
        }
    }

    /// Adds a job, waiting while the queue is full. Refused once the queue is closed.
    pub fn push(&self, job: T) -> Result<(), Closed<T>> {
        let mut state = self.state.lock().unwrap();
        while state.jobs.len() == self.capacity && !state.closed {
            state = self.not_full.wait(state).unwrap();
        }
        if state.closed {
            return Err(Closed(job));
        }
        state.jobs.push_back(job);
        self.not_empty.notify_one();
        Ok(())
    }

    /// Takes the oldest job, waiting while the queue is empty. None once the queue is
    /// closed and every queued job has been taken.
    pub fn pop(&self) -> Option<T> {
        let mut state = self.state.lock().unwrap();
        // TODO: on a closed queue no job will ever come, so this must stop waiting then.
        // Keep it a loop: when a waiter wakes, another worker may have taken the job first.
        while state.jobs.is_empty() {
            state = self.not_empty.wait(state).unwrap();
        }
        let job = state.jobs.pop_front();
        if job.is_some() {
            self.not_full.notify_one();
        }
        job
    }

    /// Refuses new jobs from now on; queued jobs are still handed out.
    pub fn close(&self) {
        self.state.lock().unwrap().closed = true;
        // TODO: threads already waiting will not look at `closed` until someone wakes them.
        // Which threads can be waiting, on which condvar, and how many of them?
    }

    pub fn is_closed(&self) -> bool {
        self.state.lock().unwrap().closed
    }

    pub fn len(&self) -> usize {
        self.state.lock().unwrap().jobs.len()
    }
}

fn main() {
    let queue = Arc::new(JobQueue::new(2));
    let workers: Vec<_> = (0..3)
        .map(|w| {
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                let mut built = 0;
                while let Some(job) = queue.pop() {
                    println!("worker {w} compiles {job}");
                    built += 1;
                }
                built
            })
        })
        .collect();
    for file in ["main.rs", "lib.rs", "net.rs", "db.rs", "ui.rs"] {
        queue.push(file).unwrap();
    }
    queue.close();
    println!("push after close: {:?}", queue.push("late.rs"));
    let built: i32 = workers.into_iter().map(|w| w.join().unwrap()).sum();
    println!("{built} files compiled");
}
