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
        // Checked as a read: two owners may read at once (step3), only the Drop writes.
        // SAFETY: see the Sync impl.
        crate::std::__workbook::cell_read(&self.cell, |p| unsafe { *p })
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

/// Two threads clone at the same time, each from its own Arc, while a third Arc stays on the
/// main thread: the count must take both increments. If one is lost (a load and a store
/// instead of one `fetch_add`), the threads' drops bring the count to zero while the main
/// thread's Arc still lives: the value is dropped under it.
#[test]
fn step3_two_threads_clone_at_the_same_time() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        // Watched so that its memory stays readable if it is freed too early (a wrong answer
        // reads a dropped value instead of memory handed out again); never dropped on a
        // failure, when it may be freed already.
        let recording = crate::__checks::heap::Recording::start();
        let kept = Arc::new(reading(7, &drops));
        let _watch = recording.holding(&*kept as *const Reading as usize);
        let kept = ::core::mem::ManuallyDrop::new(kept);
        let owner = |mine: Arc<Reading>| {
            move || {
                let copy = mine.clone();
                ::core::mem::drop(mine);
                ::std::assert_eq!(copy.read(), 7, "a clone must keep the value alive");
                ::core::mem::drop(copy);
            }
        };
        let one = thread::spawn(owner(Arc::clone(&kept)));
        let two = thread::spawn(owner(Arc::clone(&kept)));
        one.join().unwrap();
        two.join().unwrap();
        if drops.load(SeqCst) != 0 {
            ::std::panic!(
                "two threads cloned at once and dropped their Arcs, but one Arc still lives: the value must not be dropped yet (an increment was lost)"
            );
        }
        ::std::assert_eq!(kept.read(), 7, "the Arc still alive sees the value");
        ::core::mem::drop(::core::mem::ManuallyDrop::into_inner(kept));
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}
