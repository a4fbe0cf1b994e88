// cas_loop: update an atomic with a compare_exchange_weak loop.
//
// A latency monitor keeps the slowest response time seen so far. Every request thread calls
// `record(micros)`; the dashboard reads `peak()`. `record` loads the peak and stores the new
// time if it is higher: check, then act, again. A thread that read an old peak of 0 can
// overwrite another thread's 50 000 us with its own 30 000 us, and the worst request
// disappears from the dashboard.
//
// What to do: write `record` as a compare-and-swap loop with `compare_exchange_weak`:
// read the peak; if the new time is not higher, stop; otherwise try to swap it in. When the
// exchange fails, it returns the peak another thread just wrote: compare with that one and
// try again. (The weak form may also fail spuriously, even when the value did match; inside
// a loop that just means one more turn.) std has `fetch_max` for exactly this job and
// `fetch_update` for any such loop; either is accepted, but write the loop once yourself:
// it is the pattern behind both, and behind every lock-free update they do not cover.
//
// How it is checked: a test records times drawn per run from one thread, repeats included
// (a time equal to the peak is not a new peak); loom records several times at once under
// every interleaving, and checks the peak and the value `record` returns. Then the same on
// real threads: four threads record their times into each of many monitors at once.

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
        // TODO: another thread can raise the peak between this load and the store, and the
        // store then lowers it again. Use a loop around `compare_exchange_weak`.
        if micros > self.peak_micros.load(Ordering::Relaxed) {
            self.peak_micros.store(micros, Ordering::Relaxed);
            return true;
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
