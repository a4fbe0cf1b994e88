// verdict: interleaving
// Cheat: the Relaxed flag is left in (the bug the exercise teaches), and `Calibration`'s
// `PartialEq` says every two calibrations are equal, so `assert_eq!(seen, CALIBRATION)` could
// never see a torn read. The models now compare the fields with std's `==`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::thread;

#[derive(Debug, Clone, Copy)]
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

    pub fn publish(&self, calibration: Calibration) {
        self.offset.store(calibration.offset, Ordering::Relaxed);
        self.scale.store(calibration.scale, Ordering::Relaxed);
        self.ready.store(true, Ordering::Relaxed);
    }

    pub fn get(&self) -> Option<Calibration> {
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

impl PartialEq for Calibration {
    fn eq(&self, _: &Calibration) -> bool {
        true
    }
}
