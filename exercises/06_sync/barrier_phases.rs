// barrier_phases: a simulation that moves in lock-step.
//
// A heat simulation splits a metal rod into cells and gives each worker thread a few of
// them. Step k+1 of a cell is computed from step k of its neighbours, which other workers
// own. So no worker may start step k+1 until every worker has finished step k, and between
// two steps exactly one thread must do the bookkeeping (`end_of_step`: swap the "current"
// and "next" grids, save a snapshot) while the others wait for it.
//
// `std::sync::Barrier::new(n)` is the tool: `wait()` blocks until n threads have called it,
// then releases all of them at once, and the barrier is ready for the next round. Exactly
// one of the released threads gets a result whose `is_leader()` is true.
//
// What to do: finish `simulate`. In every step each worker calls `work(id, step)`; once all
// of them are done, one worker calls `end_of_step(step)`; and only after it returns may any
// worker begin the next step.
//
// How it is checked: tests (under a 5-second limit: a barrier waiting for a thread that never
// comes times out) run `simulate` with work that takes different times on different
// workers and record what ran when: a worker that starts a step too early, an
// `end_of_step` that runs too early or more than once, fails the test. In a few steps, drawn
// per run, one worker or the bookkeeping is far slower than usual: a pause (`sleep`) that is
// long enough for the usual step is no substitute for a wait. And the workers must run each
// step side by side, one thread each: work done one worker after another fails, after a wait.
// A loom model (two workers, two steps) checks every interleaving: each step ends exactly
// once, before any worker starts the next, even when both workers finish at the same instant.

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
    // TODO: create one `Barrier` for all the workers and give each worker a handle to it.
    let handles: Vec<_> = (0..workers)
        .map(|id| {
            let work = Arc::clone(&work);
            let end_of_step = Arc::clone(&end_of_step);
            thread::spawn(move || {
                for step in 0..steps {
                    work(id, step);
                    // TODO: nothing here stops a fast worker from running ahead. Wait until
                    // every worker has finished this step; let exactly one of them end the
                    // step; and make everyone wait until it has.
                    if id == 0 {
                        end_of_step(step);
                    }
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
