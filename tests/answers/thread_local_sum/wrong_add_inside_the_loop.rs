// verdict: test-failed
// Wrong: keeps a local subtotal, but still calls `add` inside the loop, with the running
// subtotal each time: one lock per line again, and every line counted many times.
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
    thread::scope(|s| {
        for part in lines.chunks(chunk) {
            s.spawn(move || {
                let mut subtotal = 0;
                for line in part {
                    subtotal += bytes_of(line);
                    total.add(subtotal);
                }
            });
        }
    });
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
