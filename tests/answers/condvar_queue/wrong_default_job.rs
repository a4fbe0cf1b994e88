// verdict: interleaving
// Wrong: hides the panic instead of re-checking: a worker that lost the race returns a
// made-up job 0, and the job it was woken for is never run by it.
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

    pub fn push(&self, job: u32) {
        self.jobs.lock().unwrap().push_back(job);
        self.job_ready.notify_one();
    }

    pub fn pop(&self) -> u32 {
        let mut jobs = self.jobs.lock().unwrap();
        if jobs.is_empty() {
            jobs = self.job_ready.wait(jobs).unwrap();
        }
        jobs.pop_front().unwrap_or(0)
    }
}

fn main() {
    let queue = Arc::new(JobQueue::new());
    let worker = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || queue.pop())
    };
    queue.push(1);
    println!("job {}", worker.join().unwrap());
}
