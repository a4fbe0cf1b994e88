// condvar_queue: a job queue whose workers sleep until there is work.
//
// A build server hands jobs to a pool of worker threads. The jobs wait in a
// `Mutex<VecDeque<u32>>`; a worker that finds the queue empty must not spin: it sleeps on a
// `Condvar` and the producer wakes one sleeper with `notify_one` after each push.
//
// Being woken is only a hint. Between the notify and the moment the woken worker gets the
// lock back, another worker can take the lock and the job first. (std's `wait` may also
// return with nobody having called notify at all: a spurious wakeup.) So after every wait,
// the condition has to be checked again.
//
// What to do: fix `pop` so that a worker only takes a job when there really is one, however
// the threads are scheduled. Keep `push` as it is.
//
// How it is checked: loom runs two workers and one producer pushing two jobs (also with one
// job queued before the workers start), under every interleaving (up to its preemption
// bound). Each worker must get exactly one job. One worker taking three jobs must get them
// oldest first. Then the same on real threads.

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
        self.job_ready.notify_one();
    }

    /// Takes the oldest job, sleeping until there is one.
    pub fn pop(&self) -> u32 {
        let mut jobs = self.jobs.lock().unwrap();
        // TODO: `if` checks the queue once. After the wait returns, another worker may
        // already have taken the job this worker was woken for.
        if jobs.is_empty() {
            jobs = self.job_ready.wait(jobs).unwrap();
        }
        jobs.pop_front().expect("a worker woke up and found the queue empty")
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
