// publish: hand data to another thread with a Release store and an Acquire load.
//
// Solution: the flag is stored with `Release` and loaded with `Acquire`. When an Acquire
// load reads the value a Release store wrote, the two *synchronize*: everything the writer
// did before the store happens-before everything the reader does after the load. So a
// reader that sees `ready == true` sees both values written before it.
//
// Why not weaker:
// - `Relaxed` on the store: the data stores may become visible after the flag. The reader
//   can see `ready == true` and the old, zero calibration.
// - `Relaxed` on the load: a Release store only synchronizes with a load that acquires.
//   A Relaxed load of the flag orders nothing, and the data loads after it may still
//   return stale values. Both halves of the pair are needed.
// - The data accesses themselves can be `Relaxed`: the flag orders them. (Putting Release
//   and Acquire on the data instead of the flag orders the wrong things.)
// Stronger would also be correct: `SeqCst` on both, or a `swap(true, AcqRel)` to set the
// flag. They add a single total order over all SeqCst operations, which publishing one
// value from one thread to another does not need.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::thread;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calibration {
    pub offset: i64,
    pub scale: u64,
}

pub struct CalibrationSlot {
    offset: AtomicI64,
    scale: AtomicU64,
    ready: AtomicBool,
}

impl CalibrationSlot {
    pub fn new() -> CalibrationSlot {
        CalibrationSlot {
            offset: AtomicI64::new(0),
            scale: AtomicU64::new(0),
            ready: AtomicBool::new(false),
        }
    }

    /// Publishes the calibration. Called once, by one thread.
    pub fn publish(&self, calibration: Calibration) {
        // Relaxed: these two stores are ordered by the Release store below.
        self.offset.store(calibration.offset, Ordering::Relaxed);
        self.scale.store(calibration.scale, Ordering::Relaxed);
        // Release: every write above is visible to a thread whose Acquire load reads `true`.
        self.ready.store(true, Ordering::Release);
    }

    /// The calibration, once it has been published.
    pub fn get(&self) -> Option<Calibration> {
        // Acquire: pairs with the Release store in `publish`. If this reads `true`, the
        // loads below see the values written before that store.
        if !self.ready.load(Ordering::Acquire) {
            return None;
        }
        // Relaxed: already ordered after the Acquire load above.
        Some(Calibration {
            offset: self.offset.load(Ordering::Relaxed),
            scale: self.scale.load(Ordering::Relaxed),
        })
    }
}

fn main() {
    let slot = Arc::new(CalibrationSlot::new());
    let device = Arc::clone(&slot);
    let publisher = thread::spawn(move || device.publish(Calibration { offset: -40, scale: 1024 }));
    let calibration = loop {
        match slot.get() {
            Some(c) => break c,
            None => std::hint::spin_loop(),
        }
    };
    publisher.join().unwrap();
    println!("calibration: {calibration:?}");
}
