// verdict: timed-out
// Wrong: `shutdown` sets the flag and joins, but the exporters never read the flag: join
// waits for a loop that never ends.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long an exporter sleeps between two rounds.
const INTERVAL: Duration = Duration::from_millis(1);

struct Shared {
    /// Set once, by `shutdown`.
    stop: AtomicBool,
    /// Events counted so far, one counter per shard.
    events: Vec<AtomicU64>,
}

pub struct Exporters {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<u64>>,
}

impl Exporters {
    /// Starts one exporter thread per shard.
    pub fn start(shards: usize) -> Exporters {
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            events: (0..shards).map(|_| AtomicU64::new(0)).collect(),
        });
        let workers = (0..shards)
            .map(|shard| {
                let shared = Arc::clone(&shared);
                thread::spawn(move || export_loop(&shared, shard))
            })
            .collect();
        Exporters { shared, workers }
    }

    /// Counts one event in `shard`.
    pub fn record(&self, shard: usize) {
        // Relaxed: a counter. What publishes the count to the exporter is the Release store
        // of the stop flag that comes after it (or a later round of the exporter).
        self.shared.events[shard].fetch_add(1, Ordering::Relaxed);
    }

    /// Stops every exporter once it has shipped everything recorded so far, and returns how
    /// many events each one shipped, in shard order.
    pub fn shutdown(self) -> Vec<u64> {
        // Release: every event this thread recorded before now is published with the flag.
        // An exporter that sees the flag with Acquire sees those events too. With Relaxed, it
        // could see the flag and still read an old count, and exit without the last events.
        self.shared.stop.store(true, Ordering::Release);
        // Joining waits for each exporter to leave its loop and hands back its return value.
        // `unwrap` passes on an exporter's panic, if any.
        self.workers
            .into_iter()
            .map(|w| w.join().unwrap())
            .collect()
    }
}

/// Sends `new_events` to the metrics backend (in this exercise: nowhere).
fn ship(new_events: u64) {
    let _ = new_events;
}

/// One exporter: ships its shard's new events every round, until it is told to stop.
fn export_loop(shared: &Shared, shard: usize) -> u64 {
    let mut shipped = 0;
    loop {
        let counted = shared.events[shard].load(Ordering::Relaxed);
        ship(counted - shipped);
        shipped = counted;
        thread::sleep(INTERVAL);
    }
}

fn main() {
    let exporters = Exporters::start(2);
    for i in 0..1000 {
        exporters.record(i % 2);
    }
    println!("shipped per shard: {:?}", exporters.shutdown());
}
