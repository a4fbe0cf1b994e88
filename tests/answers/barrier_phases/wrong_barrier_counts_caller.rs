// verdict: timed-out
// Wrong: the barrier counts the calling thread too, but that thread never waits on it:
// the workers wait for one more thread that never comes.
use std::sync::{Arc, Barrier};
use std::thread;

pub fn simulate<W, E>(workers: usize, steps: usize, work: W, end_of_step: E)
where
    W: Fn(usize, usize) + Send + Sync + 'static,
    E: Fn(usize) + Send + Sync + 'static,
{
    let work = Arc::new(work);
    let end_of_step = Arc::new(end_of_step);
    let barrier = Arc::new(Barrier::new(workers + 1));
    let handles: Vec<_> = (0..workers)
        .map(|id| {
            let work = Arc::clone(&work);
            let end_of_step = Arc::clone(&end_of_step);
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                for step in 0..steps {
                    work(id, step);
                    if barrier.wait().is_leader() {
                        end_of_step(step);
                    }
                    barrier.wait();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

fn main() {
    simulate(2, 2, |id, step| println!("worker {id}, step {step}"), |step| println!("end {step}"));
}
