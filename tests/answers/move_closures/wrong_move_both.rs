// verdict: compile-error
// Wrong: `move` on both closures. The first closure takes the readings, so the second one
// uses a moved value (E0382).
use std::thread;

/// The mean and the maximum of a series of readings.
#[derive(Debug, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

/// Computes the mean and the maximum on two threads.
pub fn summarize(readings: Vec<f64>) -> Summary {
    let mean = thread::spawn(move || readings.iter().sum::<f64>() / readings.len() as f64);
    let max = thread::spawn(move || readings.iter().copied().fold(f64::NEG_INFINITY, f64::max));

    Summary {
        mean: mean.join().unwrap(),
        max: max.join().unwrap(),
    }
}

fn main() {}
