// verdict: pass
// Right: `wait_while` is the re-checking loop, written by the standard library.
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
        let jobs = self.jobs.lock().unwrap();
        let mut jobs = self.job_ready.wait_while(jobs, |jobs| jobs.is_empty()).unwrap();
        jobs.pop_front().expect("wait_while returns only when the queue has a job")
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
