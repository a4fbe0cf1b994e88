// thread_local_sum: add up in each thread's own variable, then merge once.
//
// Solution: each worker keeps a plain local `u64` (nothing else can see it, so it needs no
// lock and no atomic), and locks the shared total once, at the end, to add its subtotal.
// Workers now take the lock as many times as there are workers, not as there are lines.
//
// A log analyser adds up the bytes served in a web server's access log. The log is split
// into one chunk per worker thread, and the grand total lives behind a lock (`Total`). Taking
// that lock for every line makes every worker wait in line for it, over and over: the threads
// spend their time handing the lock around instead of counting, and the program can get
// slower as workers are added.
//
// How it is checked: the tests pass in their own `Total`, which counts how often it is
// called, and check the sum, that each worker adds to it at most once, and that the workers
// add at the same time, each from its own thread (one `add` waits until every worker is
// inside it at once, so work done one chunk after another, or by the caller, fails). They also
// pass their own `size`, which waits until every worker is reading a line at once: lines read
// one chunk after another, or by the caller before the workers start, fail too.

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
    line.rsplit(' ').next().and_then(|field| field.parse().ok()).unwrap_or(0)
}

/// Adds the bytes of every line (`size` reads one line's) to `total`, using up to `workers`
/// threads.
pub fn sum_bytes(lines: &[&str], workers: usize, total: &impl Total, size: fn(&str) -> u64) {
    let chunk = lines.len().div_ceil(workers.max(1)).max(1);
    thread::scope(|s| {
        for part in lines.chunks(chunk) {
            s.spawn(move || {
                // This thread's own subtotal: a local variable, seen by no other thread.
                let mut subtotal = 0;
                for line in part {
                    subtotal += size(line);
                }
                // One lock per worker, to merge.
                total.add(subtotal);
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
    sum_bytes(&log, 2, &total, bytes_of);
    println!("bytes served: {}", *total.0.lock().unwrap());
}
