// verdict: pass
// Right: the copy is made in a block around the spawn, so its name does not leak into the
// rest of the function; the original moves into the second thread.
use std::thread;

/// The mean and the maximum of a series of readings.
#[derive(Debug, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

/// Computes the mean and the maximum on two threads.
pub fn summarize(readings: Vec<f64>) -> Summary {
    let mean = {
        let readings = readings.clone();
        thread::spawn(move || readings.iter().sum::<f64>() / readings.len() as f64)
    };
    let max = thread::spawn(move || readings.iter().copied().fold(f64::NEG_INFINITY, f64::max));

    Summary {
        mean: mean.join().unwrap(),
        max: max.join().unwrap(),
    }
}

fn main() {}
