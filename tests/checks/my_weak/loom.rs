// Grader-owned loom models for my_weak: an upgrade on one thread while the last Arc is dropped
// on another. The value holds a tracked cell, read after a successful upgrade and written by
// the value's Drop: an upgrade that resurrects a dropped value reads it unordered with that
// write (a data race), or drops it a second time.
use super::{Arc, Weak};
use crate::std::cell::UnsafeCell;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Arc::new`, `Arc::downgrade` and `Weak::upgrade` must keep these signatures.
    let _: fn(u64) -> Arc<u64> = Arc::new;
    let _: fn(&Arc<u64>) -> Weak<u64> = Arc::downgrade;
    let _: fn(&Weak<u64>) -> ::std::option::Option<Arc<u64>> = Weak::upgrade;
    let _: fn(&Arc<u64>) -> &u64 = <Arc<u64> as ::core::ops::Deref>::deref;
}

/// A value read through a tracked cell, written by its Drop, that counts its drops.
struct Reading {
    cell: UnsafeCell<u64>,
    drops: crate::std::sync::Arc<AtomicUsize>,
}

// SAFETY: read only through a live Arc, written only by the Drop: what the models check.
unsafe impl Sync for Reading {}
// SAFETY: as above; the cell moves with the value.
unsafe impl Send for Reading {}

impl Reading {
    fn read(&self) -> u64 {
        // SAFETY: see the Sync impl.
        unsafe { *self.cell.get() }
    }
}

impl ::core::ops::Drop for Reading {
    fn drop(&mut self) {
        *self.cell.get_mut() = 0;
        self.drops.fetch_add(1, SeqCst);
    }
}

#[test]
fn step1_upgrade_races_with_the_last_drop() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let a = Arc::new(Reading {
            cell: UnsafeCell::new(7),
            drops: crate::std::sync::Arc::clone(&drops),
        });
        let w = Arc::downgrade(&a);
        let reader = thread::spawn(move || {
            if let ::std::option::Option::Some(x) = w.upgrade() {
                ::std::assert_eq!(x.read(), 7, "an upgrade must give the live value");
            }
        });
        ::core::mem::drop(a);
        reader.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}
