// graceful_shutdown: stop worker threads with a flag, let them finish, and join them.
//
// Solution: `shutdown` stores the flag with Release and then joins every exporter, in shard
// order, collecting what each returns. Each exporter loads the flag with Acquire *before* it
// reads its counter for the last time, so that last read sees every event counted before the
// flag was set, ships it, and then leaves its loop. A join returns only once its thread has
// ended: after the last join, every shipment is done, and the exporters' clones of the shared
// state (and so the backend) are dropped with `self` before `shutdown` returns.
//
// A metrics service counts events (requests served, say) in shards, one counter per shard.
// Each shard has an exporter thread that wakes up every millisecond, reads its counter and
// ships what is new to a metrics backend (`Backend::ship`). Shutting down gracefully means
// losing nothing: every event counted before `shutdown` is called must be shipped before
// `shutdown` returns, no exporter may still be running (or shipping) once it has returned,
// and `shutdown` must report how many events each exporter shipped in all.
//
// How it is checked: the checks bring a backend of their own, which records every shipment
// (and answers slowly while shutting down, as a remote backend may). Tests start exporters,
// record events and shut down (many times, so that a lost event or a hang shows up); when
// `shutdown` returns, every event must have been shipped, every exporter thread must have
// ended (the state they share, backend included, is dropped), and no shipment may come after
// it. Then loom runs an exporter and the thread that stops it under every interleaving; then a
// stress test does the same on real threads, with four threads recording on one shard at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long an exporter sleeps between two rounds.
const INTERVAL: Duration = Duration::from_millis(1);

/// Where the exporters ship their events: a metrics service's client, say.
pub trait Backend: Send + Sync {
    /// Ships `new_events` more events counted in `shard`.
    fn ship(&self, shard: usize, new_events: u64);
}

struct Shared {
    /// Set once, by `shutdown`.
    stop: AtomicBool,
    /// Events counted so far, one counter per shard.
    events: Vec<AtomicU64>,
    /// Where every exporter ships.
    backend: Box<dyn Backend>,
}

pub struct Exporters {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<u64>>,
}

impl Exporters {
    /// Starts one exporter thread per shard, each shipping to `backend`.
    pub fn start(shards: usize, backend: Box<dyn Backend>) -> Exporters {
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            events: (0..shards).map(|_| AtomicU64::new(0)).collect(),
            backend,
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
        // `fetch_add` is one atomic step: two threads recording on one shard at once both
        // count (a load and then a store could lose one of them).
        self.shared.events[shard].fetch_add(1, Ordering::Relaxed);
    }

    /// Stops every exporter once it has shipped everything recorded so far, and returns how
    /// many events each one shipped, in shard order. When it returns, every exporter thread
    /// has ended: nothing is shipped after that.
    pub fn shutdown(self) -> Vec<u64> {
        // Release: every event this thread recorded before now is published with the flag.
        // An exporter that sees the flag with Acquire sees those events too. With Relaxed, it
        // could see the flag and still read an old count, and exit without the last events.
        self.shared.stop.store(true, Ordering::Release);
        // Joining waits for each exporter to leave its loop (its last shipment included) and
        // end, and hands back its return value: every one of them, or one still shipping
        // would outlive `shutdown`. `unwrap` passes on an exporter's panic, if any.
        self.workers.into_iter().map(|w| w.join().unwrap()).collect()
    }
}

/// One exporter: ships its shard's new events every round, until it is told to stop.
fn export_loop(shared: &Shared, shard: usize) -> u64 {
    let mut shipped = 0;
    loop {
        // Read the flag first, then the counter: if the flag is set, everything recorded
        // before it was set is already in the counter we are about to read.
        // Acquire: pairs with the Release store in `shutdown`.
        let stopping = shared.stop.load(Ordering::Acquire);
        let counted = shared.events[shard].load(Ordering::Relaxed);
        shared.backend.ship(shard, counted - shipped);
        shipped = counted;
        if stopping {
            return shipped;
        }
        thread::sleep(INTERVAL);
    }
}

/// A backend that ships nowhere: enough for `main`.
struct Nowhere;

impl Backend for Nowhere {
    fn ship(&self, _shard: usize, _new_events: u64) {}
}

fn main() {
    let exporters = Exporters::start(2, Box::new(Nowhere));
    for i in 0..1000 {
        exporters.record(i % 2);
    }
    println!("shipped per shard: {:?}", exporters.shutdown());
}
