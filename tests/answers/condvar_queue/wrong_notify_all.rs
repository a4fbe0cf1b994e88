// verdict: interleaving
// Wrong: waking every worker instead of one does not help: the check is still an `if`,
// so a woken worker can still find the queue already emptied by another one.
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
        self.job_ready.notify_all();
    }

    pub fn pop(&self) -> u32 {
        let mut jobs = self.jobs.lock().unwrap();
        if jobs.is_empty() {
            jobs = self.job_ready.wait(jobs).unwrap();
        }
        jobs.pop_front().expect("a worker woke up and found the queue empty")
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
