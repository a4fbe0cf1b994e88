// condvar_queue: a job queue whose workers sleep until there is work.
//
// Solution: the worker waits in a `while` loop, so it re-checks the queue every time it
// wakes up. Whoever holds the lock when the queue is non-empty takes the job; a worker that
// was woken but lost the race simply goes back to sleep. (`wait_while` is the same loop.)
//
// A build server hands jobs to a pool of worker threads. The jobs wait in a
// `Mutex<VecDeque<u32>>`; a worker that finds the queue empty must not spin: it sleeps on a
// `Condvar` and the producer wakes one sleeper with `notify_one` after each push.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct JobQueue {
    jobs: Mutex<VecDeque<u32>>,
    job_ready: Condvar,
}

impl JobQueue {
    pub fn new() -> JobQueue {
        JobQueue { jobs: Mutex::new(VecDeque::new()), job_ready: Condvar::new() }
    }

    /// Adds a job and wakes one sleeping worker, if any.
    pub fn push(&self, job: u32) {
        self.jobs.lock().unwrap().push_back(job);
        // One job, one worker: waking all of them would only make the others re-check and
        // go back to sleep.
        self.job_ready.notify_one();
    }

    /// Takes the oldest job, sleeping until there is one.
    pub fn pop(&self) -> u32 {
        let mut jobs = self.jobs.lock().unwrap();
        // `wait` gives the lock back while sleeping and takes it again before returning, so
        // the check below always runs under the lock. Loop: a wakeup proves nothing.
        while jobs.is_empty() {
            jobs = self.job_ready.wait(jobs).unwrap();
        }
        jobs.pop_front().expect("the loop only ends when the queue has a job")
    }
}

fn main() {
    let queue = Arc::new(JobQueue::new());
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let queue = Arc::clone(&queue);
            thread::spawn(move || queue.pop())
        })
        .collect();
    queue.push(1);
    queue.push(2);
    for worker in workers {
        println!("a worker ran job {}", worker.join().unwrap());
    }
}
