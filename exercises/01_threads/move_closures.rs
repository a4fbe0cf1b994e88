// move_closures: a spawned thread must own what it uses.
//
// A weather station summarises a day of temperature readings. Two threads work on the same
// readings at once: one computes the mean, the other the maximum. `thread::spawn` accepts
// only closures that own everything they use (the closure must be `'static`): the new thread
// may run longer than the function that started it, so it must not hold a borrow of that
// function's local variables. The compiler cannot see that `summarize` joins both threads
// before it returns; it judges the closure by its type alone.
//
// What to do: make this file compile. Each closure must own the readings it works on: `move`
// makes a closure take ownership of what it captures, and a value can be moved only once.
// `readings` is never empty.
//
// How it is checked: it must compile; then tests (under a time limit) call `summarize`, and
// one of them passes readings that record which threads read them: the work must run inside
// the threads `summarize` spawns, on the readings it was given (`readings` itself, or a clone
// of it, moved into each closure), not on the calling thread before (or instead of) spawning
// them. A copy made there (`readings.to_vec()`) is read there, and fails that test. Those
// readings also wait, when first read on a thread, until another thread reads them too: the
// two threads must run at the same time (a thread joined before the other one is spawned
// reads them alone, and fails after a wait).

use std::ops::Deref;
use std::thread;

/// The mean and the maximum of a series of readings.
#[derive(Debug, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

/// Computes the mean and the maximum on two threads. `R` is the series of readings: a
/// `Vec<f64>` in `main`; whatever it is, it derefs to a slice of readings (so
/// `readings.iter()` and `readings.len()` work), it can be cloned, and it may be sent to and
/// shared with other threads.
pub fn summarize<R>(readings: R) -> Summary
where
    R: Deref<Target = [f64]> + Clone + Send + Sync + 'static,
{
    // TODO: these closures borrow `readings`, a local variable of `summarize`: the compiler
    // rejects them (E0373). Give each thread readings of its own.
    let mean = thread::spawn(|| readings.iter().sum::<f64>() / readings.len() as f64);
    let max = thread::spawn(|| readings.iter().copied().fold(f64::NEG_INFINITY, f64::max));

    Summary { mean: mean.join().unwrap(), max: max.join().unwrap() }
}

fn main() {
    let day = vec![-2.5, 1.0, 6.5, 3.0];
    let summary = summarize(day);
    println!("mean {:.2}, max {:.1}", summary.mean, summary.max);
}
