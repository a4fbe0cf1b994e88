// graceful_shutdown: stop worker threads with a flag, let them finish, and join them.
//
// A metrics service counts events (requests served, say) in shards, one counter per shard.
// Each shard has an exporter thread that wakes up every millisecond, reads its counter and
// ships what is new to a metrics backend (`Backend::ship`). Shutting down gracefully means
// losing nothing: every event counted before `shutdown` is called must be shipped before
// `shutdown` returns, no exporter may still be running (or shipping) once it has returned,
// and `shutdown` must report how many events each exporter shipped in all.
//
// Right now the exporters never look at the stop flag, and `shutdown` never waits for them:
// they run on after it returns, and what they shipped never reaches the caller.
//
// What to do: make each exporter check the stop flag every round and, once it is set, ship
// one last time and return its total; make `shutdown` wait for every exporter and return
// their totals. Choose the orderings of the flag's store and load so that an exporter that
// sees the flag also sees every event recorded before it was set.
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
        // A counter: Relaxed. How the count reaches the exporter at shutdown is up to the flag.
        self.shared.events[shard].fetch_add(1, Ordering::Relaxed);
    }

    /// Stops every exporter once it has shipped everything recorded so far, and returns how
    /// many events each one shipped, in shard order. When it returns, every exporter thread
    /// has ended: nothing is shipped after that.
    pub fn shutdown(self) -> Vec<u64> {
        // TODO: which ordering makes the events recorded so far visible along with the flag?
        self.shared.stop.store(true, Ordering::Relaxed);
        // TODO: nobody waits for the exporters, so what they shipped is lost. Wait for every
        // one of them and return what each one returned, in shard order.
        Vec::new()
    }
}

/// One exporter: ships its shard's new events every round, until it is told to stop.
fn export_loop(shared: &Shared, shard: usize) -> u64 {
    let mut shipped = 0;
    // TODO: this loop never looks at `shared.stop`, so it never ends. Check the flag every
    // round; once it is set, ship what is new one last time and return `shipped`.
    loop {
        let counted = shared.events[shard].load(Ordering::Relaxed);
        shared.backend.ship(shard, counted - shipped);
        shipped = counted;
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
