// Grader-owned loom models for my_arc. The value holds a tracked UnsafeCell: one owner reads it
// through Deref on its thread, then drops its Arc; the value's Drop writes the cell. If the
// last owner's drop is not ordered after that read (a Release decrement, and an Acquire by the
// last owner), loom reports a data race on the cell: the value was dropped while, as far as
// the memory model is concerned, another thread may still be reading it.
use super::Arc;
use crate::std::cell::UnsafeCell;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Arc::new` must keep this signature.
    let _: fn(u64) -> Arc<u64> = Arc::new;
    // `Arc` must be Clone and Deref to its value.
    let _: fn(&Arc<u64>) -> Arc<u64> = <Arc<u64> as ::core::clone::Clone>::clone;
    let _: fn(&Arc<u64>) -> &u64 = <Arc<u64> as ::core::ops::Deref>::deref;
}

/// A value that is read through a tracked cell, written by its Drop, and counts its drops.
struct Reading {
    cell: UnsafeCell<u64>,
    drops: crate::std::sync::Arc<AtomicUsize>,
}

// SAFETY: the checks read the cell only while they own an Arc, and the Drop writes it only
// once no Arc is left: that is what the model checks.
unsafe impl Sync for Reading {}

impl Reading {
    fn read(&self) -> u64 {
        // SAFETY: see the Sync impl.
        unsafe { *self.cell.get() }
    }
}

impl ::core::ops::Drop for Reading {
    fn drop(&mut self) {
        // The last use of the value: overwrite it, as a Drop freeing a buffer would.
        *self.cell.get_mut() = 0;
        self.drops.fetch_add(1, SeqCst);
    }
}

fn reading(value: u64, drops: &crate::std::sync::Arc<AtomicUsize>) -> Reading {
    Reading {
        cell: UnsafeCell::new(value),
        drops: crate::std::sync::Arc::clone(drops),
    }
}

#[test]
fn step1_a_reader_on_another_thread_finishes_before_the_drop() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let mine = Arc::new(reading(7, &drops));
        let theirs = mine.clone();
        let reader = thread::spawn(move || {
            ::std::assert_eq!(
                theirs.read(),
                7,
                "the owner on the other thread sees the value"
            );
            ::core::mem::drop(theirs);
        });
        ::core::mem::drop(mine);
        reader.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}

#[test]
fn step2_two_readers_and_the_main_thread_drop_in_any_order() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let mine = Arc::new(reading(7, &drops));
        let first = mine.clone();
        let second = mine.clone();
        let reader = thread::spawn(move || {
            ::std::assert_eq!(
                first.read(),
                7,
                "the owner on the other thread sees the value"
            );
            ::core::mem::drop(first);
        });
        // Another owner, dropped here without reading, may be the last or not.
        let dropper = thread::spawn(move || ::core::mem::drop(second));
        ::core::mem::drop(mine);
        reader.join().unwrap();
        dropper.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}
