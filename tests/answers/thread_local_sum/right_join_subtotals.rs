// verdict: pass
// Right: workers return their subtotals through `join`, and the caller adds them up and
// locks the total once.
use std::sync::Mutex;
use std::thread;

/// A shared running total. Every `add` takes a lock.
pub trait Total: Sync {
    fn add(&self, bytes: u64);
}

/// The total the analyser uses: a number behind a Mutex.
pub struct LockedTotal(pub Mutex<u64>);

impl Total for LockedTotal {
    fn add(&self, bytes: u64) {
        *self.0.lock().unwrap() += bytes;
    }
}

/// The size field of an access-log line: its last field, or 0 when it is `-` (no body).
pub fn bytes_of(line: &str) -> u64 {
    line.rsplit(' ')
        .next()
        .and_then(|field| field.parse().ok())
        .unwrap_or(0)
}

/// Adds the bytes of every line to `total`, using up to `workers` threads.
pub fn sum_bytes(lines: &[&str], workers: usize, total: &impl Total) {
    let chunk = lines.len().div_ceil(workers.max(1)).max(1);
    // Each worker returns its subtotal; the caller merges them with a single `add`.
    let sum: u64 = thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|line| bytes_of(line)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total.add(sum);
}

fn main() {
    let log = [
        "10.0.0.1 GET /index.html 200 5120",
        "10.0.0.2 GET /logo.png 200 20480",
        "10.0.0.1 GET /missing 404 -",
        "10.0.0.3 POST /login 302 512",
    ];
    let total = LockedTotal(Mutex::new(0));
    sum_bytes(&log, 2, &total);
    println!("bytes served: {}", *total.0.lock().unwrap());
}
