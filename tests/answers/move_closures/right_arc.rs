// verdict: pass
// Right: one vector behind an `Arc`; each thread owns a reference-counted handle to it, so
// nothing is copied.
use std::sync::Arc;
use std::thread;

/// The mean and the maximum of a series of readings.
#[derive(Debug, PartialEq)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

/// Computes the mean and the maximum on two threads.
pub fn summarize(readings: Vec<f64>) -> Summary {
    let readings = Arc::new(readings);
    let for_max = Arc::clone(&readings);
    let mean = thread::spawn(move || readings.iter().sum::<f64>() / readings.len() as f64);
    let max = thread::spawn(move || for_max.iter().copied().fold(f64::NEG_INFINITY, f64::max));

    Summary {
        mean: mean.join().unwrap(),
        max: max.join().unwrap(),
    }
}

fn main() {}
