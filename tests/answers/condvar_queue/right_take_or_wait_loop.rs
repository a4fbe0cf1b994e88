// verdict: pass
// Right: try to take a job first, sleep only when there was none, and loop.
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
        loop {
            if let Some(job) = jobs.pop_front() {
                return job;
            }
            jobs = self.job_ready.wait(jobs).unwrap();
        }
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
