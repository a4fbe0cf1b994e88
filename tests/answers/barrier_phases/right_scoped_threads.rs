// verdict: pass
// Right: scoped threads borrow the closures and the barrier, so no `Arc` is needed.
use std::sync::Barrier;
use std::thread;

pub fn simulate<W, E>(workers: usize, steps: usize, work: W, end_of_step: E)
where
    W: Fn(usize, usize) + Send + Sync + 'static,
    E: Fn(usize) + Send + Sync + 'static,
{
    let barrier = Barrier::new(workers);
    let (work, end_of_step, barrier) = (&work, &end_of_step, &barrier);
    thread::scope(|s| {
        for id in 0..workers {
            s.spawn(move || {
                for step in 0..steps {
                    work(id, step);
                    if barrier.wait().is_leader() {
                        end_of_step(step);
                    }
                    barrier.wait();
                }
            });
        }
    });
}

fn main() {
    simulate(2, 2, |id, step| println!("worker {id}, step {step}"), |step| println!("end {step}"));
}
