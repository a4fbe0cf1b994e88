// verdict: pass
// Right, and it imports nothing: channels, locks and threads are written in full. The tests
// must bring their own `Arc` and `thread`, not borrow the learner's imports.

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct WorkerPool {
    jobs: std::sync::mpsc::Sender<Job>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl WorkerPool {
    pub fn new(size: usize) -> WorkerPool {
        assert!(size > 0, "a pool needs at least one worker");
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        let workers = (0..size)
            .map(|_| {
                let queue = std::sync::Arc::clone(&queue);
                std::thread::spawn(move || {
                    loop {
                        // The guard is a temporary of this statement: the lock is free while
                        // the job runs.
                        let Ok(job) = queue.lock().unwrap().recv() else {
                            break;
                        };
                        job();
                    }
                })
            })
            .collect();
        WorkerPool { jobs, workers }
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.jobs.send(Box::new(job)).expect("every worker has stopped");
    }

    pub fn shutdown(self) {
        drop(self.jobs);
        for worker in self.workers {
            worker.join().expect("a worker thread panicked");
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
