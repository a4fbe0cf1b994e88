// verdict: compile-error
// Wrong: moves a reference to the readings into each closure. The closures now own a
// borrow, but the borrow still points into `summarize`, which the thread may outlive (E0597).
use std::thread;

/// The mean and the maximum of a series of readings.
#[derive(Debug, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

/// Computes the mean and the maximum on two threads.
pub fn summarize(readings: Vec<f64>) -> Summary {
    let shared = &readings;
    let mean = thread::spawn(move || shared.iter().sum::<f64>() / shared.len() as f64);
    let max = thread::spawn(move || shared.iter().copied().fold(f64::NEG_INFINITY, f64::max));

    Summary {
        mean: mean.join().unwrap(),
        max: max.join().unwrap(),
    }
}

fn main() {}
