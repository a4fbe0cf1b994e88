// verdict: pass
// Right: fetch_max is this loop, done by the library (on some processors, by one
// instruction). It returns the previous peak.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

pub struct LatencyMonitor {
    peak_micros: AtomicU64,
}

impl LatencyMonitor {
    pub fn new() -> LatencyMonitor {
        LatencyMonitor { peak_micros: AtomicU64::new(0) }
    }

    /// Records one response time. Returns true if it is a new peak (higher than every time
    /// recorded before it).
    pub fn record(&self, micros: u64) -> bool {
        self.peak_micros.fetch_max(micros, Ordering::Relaxed) < micros
    }

    /// The slowest response time recorded so far.
    pub fn peak(&self) -> u64 {
        self.peak_micros.load(Ordering::Relaxed)
    }
}

fn main() {
    let monitor = Arc::new(LatencyMonitor::new());
    let requests: Vec<_> = [1200, 50_000, 30_000, 800]
        .into_iter()
        .map(|micros| {
            let monitor = Arc::clone(&monitor);
            thread::spawn(move || monitor.record(micros))
        })
        .collect();
    for request in requests {
        request.join().unwrap();
    }
    println!("slowest response: {} us (expected 50000)", monitor.peak());
}
