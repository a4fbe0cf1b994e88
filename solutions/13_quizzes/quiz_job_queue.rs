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
// Solution: `pop` waits only while the queue is empty AND open, in a loop; `close` wakes
// every waiter on both condvars with `notify_all`, since every one of them must re-check.

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
        // A loop, not an `if`: between the notify and this thread getting the lock back,
        // another worker may have taken the job. And an `if` would also be wrong with std's
        // condvar alone, which may wake a thread for no reason at all.
        while state.jobs.is_empty() && !state.closed {
            state = self.not_empty.wait(state).unwrap();
        }
        // Closed or not, queued jobs come first: None only when closed and empty.
        let job = state.jobs.pop_front();
        if job.is_some() {
            self.not_full.notify_one();
        }
        job
    }

    /// Refuses new jobs from now on; queued jobs are still handed out.
    pub fn close(&self) {
        // The flag changes under the mutex, so a thread that checks it and then waits
        // cannot miss the wakeup below (it is either before our lock or already waiting).
        self.state.lock().unwrap().closed = true;
        // Every waiter must see the change, not one: all idle workers must return None, and
        // all producers blocked on a full queue must get their job back. `notify_one` would
        // leave the rest asleep forever.
        self.not_empty.notify_all();
        self.not_full.notify_all();
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
