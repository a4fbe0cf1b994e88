// publish: hand data to another thread with a Release store and an Acquire load.
//
// A sensor gateway reads its calibration from the device once, on a background thread, and
// publishes it: it writes the two values, then sets a `ready` flag. Request threads call
// `get()`: `None` until the flag is set, then the calibration. (std's `OnceLock` does this
// job for you; here you build it by hand to see what makes it work.)
//
// As shipped, every access is `Relaxed`. A Relaxed operation is atomic, but it promises
// nothing about any *other* memory: a reader can see `ready == true` and still read the
// old, zero calibration, because nothing orders the writer's data stores before its flag
// store as far as the reader is concerned. (Processors and compilers really do reorder such
// accesses; loom explores every result the memory model allows.)
//
// What to do: choose the orderings on the flag so that a reader that sees `ready == true`
// also sees both values written before it. The data accesses can stay `Relaxed`: they are
// atomics only so that safe code can share them; the flag is what must carry the ordering.
//
// How it is checked: `get` on a new slot must return None at once (readers poll; they do not
// wait). Then loom runs a publisher and a reader under every interleaving and every value
// each load may legally return; the reader must never see `ready` without the data (the
// values published are drawn per run). Then the same on real threads.

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
        self.offset.store(calibration.offset, Ordering::Relaxed);
        self.scale.store(calibration.scale, Ordering::Relaxed);
        // TODO: with Relaxed, a reader can see this flag before the two stores above.
        // Which ordering makes every write before this store visible to whoever sees it?
        self.ready.store(true, Ordering::Relaxed);
    }

    /// The calibration, once it has been published.
    pub fn get(&self) -> Option<Calibration> {
        // TODO: the store's ordering only helps a load that pairs with it. Which ordering
        // must this load have?
        if !self.ready.load(Ordering::Relaxed) {
            return None;
        }
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
