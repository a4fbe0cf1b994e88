// barrier_phases: a simulation that moves in lock-step.
//
// Solution: one `Barrier` of `workers` threads, waited on twice per step. The first wait
// ends the work phase: no one gets past it before everyone has finished step k. Its leader
// (exactly one thread) runs `end_of_step`. The second wait holds everyone back until the
// leader is done, so step k+1 starts from the finished bookkeeping. A barrier resets itself
// after each round, so the same one serves every wait.
//
// A heat simulation splits a metal rod into cells and gives each worker thread a few of
// them. Step k+1 of a cell is computed from step k of its neighbours, which other workers
// own.

use std::sync::{Arc, Barrier, Mutex};
use std::thread;

/// Runs `steps` steps on `workers` threads, in lock-step (see the header).
pub fn simulate<W, E>(workers: usize, steps: usize, work: W, end_of_step: E)
where
    W: Fn(usize, usize) + Send + Sync + 'static,
    E: Fn(usize) + Send + Sync + 'static,
{
    let work = Arc::new(work);
    let end_of_step = Arc::new(end_of_step);
    // Counts only the workers: the thread calling `simulate` never waits on it.
    let barrier = Arc::new(Barrier::new(workers));
    let handles: Vec<_> = (0..workers)
        .map(|id| {
            let work = Arc::clone(&work);
            let end_of_step = Arc::clone(&end_of_step);
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                for step in 0..steps {
                    work(id, step);
                    // Everyone has finished step `step` once this returns.
                    if barrier.wait().is_leader() {
                        end_of_step(step);
                    }
                    // And once this returns, `end_of_step(step)` has finished too.
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
    // A rod of 8 cells, hot at the left end; 4 workers own 2 cells each.
    const CELLS: usize = 8;
    let mut start = vec![0.0; CELLS];
    start[0] = 100.0;
    let current = Arc::new(Mutex::new(start));
    let next = Arc::new(Mutex::new(vec![0.0; CELLS]));
    let (cur, nxt) = (Arc::clone(&current), Arc::clone(&next));
    let work = move |id: usize, _step: usize| {
        let old = cur.lock().unwrap().clone();
        let mut new = nxt.lock().unwrap();
        for i in id * 2..id * 2 + 2 {
            let left = if i == 0 { old[i] } else { old[i - 1] };
            let right = if i == CELLS - 1 { old[i] } else { old[i + 1] };
            new[i] = if i == 0 { 100.0 } else { (left + old[i] + right) / 3.0 };
        }
    };
    let (cur, nxt) = (Arc::clone(&current), Arc::clone(&next));
    let end_of_step = move |step: usize| {
        std::mem::swap(&mut *cur.lock().unwrap(), &mut *nxt.lock().unwrap());
        let cells: Vec<String> = cur.lock().unwrap().iter().map(|t| format!("{t:5.1}")).collect();
        println!("after step {step}: {}", cells.join(" "));
    };
    simulate(4, 5, work, end_of_step);
}
