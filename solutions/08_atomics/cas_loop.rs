// cas_loop: update an atomic with a compare_exchange_weak loop.
//
// Solution: read the peak once, then loop. Each turn checks the new time against the value
// the exchange will compare with, so a time is only ever written over the very peak it was
// compared to. A failed exchange returns the value it found: the loop uses that instead of
// loading again. `compare_exchange_weak` may fail even when the value matched (on processors
// with load-linked/store-conditional instructions, such as ARM, that makes it cheaper); the
// loop simply takes another turn. Use the strong `compare_exchange` when a failure is
// final, i.e. when you do not loop.
//
// Orderings: `Relaxed`. The exchange is atomic whatever its ordering; orderings only decide
// what other memory is visible along with the value. The peak is the whole state: no thread
// reads anything else because of the peak it saw, so nothing needs to be published.

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
        let mut current = self.peak_micros.load(Ordering::Relaxed);
        // Checked again on every turn, against the peak the exchange compares with.
        while micros > current {
            // Relaxed on success and on failure: the peak publishes no other data.
            match self.peak_micros.compare_exchange_weak(
                current,
                micros,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                // Another thread changed the peak (or a spurious failure): retry with
                // the value found, without a second load.
                Err(actual) => current = actual,
            }
        }
        false
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
