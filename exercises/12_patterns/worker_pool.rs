// worker_pool: a fixed set of threads that run jobs from a queue, and a clean shutdown.
//
// A thumbnail service gets far more jobs than it should start threads for, so it starts a
// few workers once and feeds them jobs through an mpsc channel. A channel has one receiver,
// so the workers share it as `Arc<Mutex<Receiver<Job>>>`: a worker locks it only long
// enough to take one job, then runs the job with the lock released.
//
// Shutting down is where pools go wrong. A worker blocked in `recv()` wakes up with `Err`
// only when the channel is closed, and the channel closes when its last `Sender` is dropped.
// The pool holds that Sender. Join the workers while still holding it, and they wait for a
// job that never comes while you wait for them: the service never exits.
//
// What to do: in `shutdown`, close the channel before joining, so the workers finish the
// jobs already queued and then stop. In `worker_loop`, stop when `recv()` says the channel
// is closed, instead of treating that as a crash.
//
// How it is checked: tests run jobs through pools (also after a pool has sat idle for a
// while, and jobs that can only finish together: a worker that holds the queue's lock while
// it runs a job hangs them), check that every job ran on one of the pool's own workers, and
// shut the pools down, with a 5-second limit: a pool that never shuts down gets a "timed
// out" verdict. `shutdown` must wait for the jobs still running, however long they take (a
// job runs for longer than any fixed wait could be sure of), on every worker (each worker in
// turn is the last one still running a job). A loom model queues a job while
// the worker waits: there a timed wait (`recv_timeout`) may time out at any point, as it may
// on real threads whatever its length, so a worker must wait for jobs until the channel
// closes, not stop after a quiet spell.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct WorkerPool {
    jobs: Sender<Job>,
    workers: Vec<JoinHandle<()>>,
}

impl WorkerPool {
    /// Starts `size` worker threads (at least one).
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
        WorkerPool { jobs, workers }
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    /// Queues a job; some idle worker will run it.
    pub fn execute<F>(&self, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.jobs.send(Box::new(job)).expect("every worker has stopped");
    }

    /// Runs every job queued so far, then stops the workers and waits for them.
    pub fn shutdown(self) {
        // TODO: the workers stop only when the channel is closed, and it closes when
        // `self.jobs`, the last Sender, is dropped. Here it is still alive while we join,
        // so the joins wait forever. Drop it first.
        for worker in self.workers {
            worker.join().expect("a worker thread panicked");
        }
    }
}

fn worker_loop(queue: &Mutex<Receiver<Job>>) {
    loop {
        // The guard is a temporary of this `let` statement: it is released at the `;`,
        // before the job runs, so other workers can take jobs meanwhile.
        let next = queue.lock().unwrap().recv();
        // TODO: `recv` returns Err when the channel is closed and empty: there will be no
        // more jobs, so leave the loop instead of panicking.
        let job = next.unwrap();
        job();
    }
}

fn main() {
    let pool = WorkerPool::new(3);
    for n in 1..=6 {
        pool.execute(move || println!("thumbnail {n} done on {:?}", thread::current().id()));
    }
    pool.shutdown();
    println!("all workers stopped");
}
