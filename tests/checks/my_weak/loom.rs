// Grader-owned loom models for my_weak: an upgrade on one thread while the last Arc is dropped
// on another. The value holds a tracked cell, read after a successful upgrade and written by
// the value's Drop: an upgrade that resurrects a dropped value reads it unordered with that
// write (a data race), or drops it a second time. Then two threads cloning at once (no
// increment may be lost), and the last Arc and the last Weak dropped at once: the allocation
// is watched (`crate::__checks::heap`) and must be freed exactly once, and its free must be
// ordered after the value's drop on the other thread: the value's Drop writes a tracked cell
// standing for the allocation's memory, and so does the thread whose drop freed it.
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
    /// Stands for the allocation's memory (step3): written by the Drop and after the free.
    memory: ::std::option::Option<crate::std::sync::Arc<Memory>>,
}

/// A tracked cell that stands for the allocation's memory (step3).
struct Memory(UnsafeCell<()>);

// SAFETY: written by the value's Drop and by the thread that freed the allocation: whether
// those two are ordered is what step3 checks.
unsafe impl Sync for Memory {}
// SAFETY: as above.
unsafe impl Send for Memory {}

// SAFETY: read only through a live Arc, written only by the Drop: what the models check.
unsafe impl Sync for Reading {}
// SAFETY: as above; the cell moves with the value.
unsafe impl Send for Reading {}

impl Reading {
    fn read(&self) -> u64 {
        // Checked as a read: two owners may read at once (step2), only the Drop writes.
        // SAFETY: see the Sync impl.
        crate::std::__workbook::cell_read(&self.cell, |p| unsafe { *p })
    }
}

impl ::core::ops::Drop for Reading {
    fn drop(&mut self) {
        *self.cell.get_mut() = 0;
        self.drops.fetch_add(1, SeqCst);
        if let ::std::option::Option::Some(memory) = &self.memory {
            // The value's last use of the allocation's memory.
            crate::std::__workbook::cell_write(&memory.0, |_| ());
        }
    }
}

fn reading(value: u64, drops: &crate::std::sync::Arc<AtomicUsize>) -> Reading {
    Reading {
        cell: UnsafeCell::new(value),
        drops: crate::std::sync::Arc::clone(drops),
        memory: ::std::option::Option::None,
    }
}

#[test]
fn step1_upgrade_races_with_the_last_drop() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let a = Arc::new(reading(7, &drops));
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

/// Two threads clone at the same time, each from its own Arc, while a third Arc stays on the
/// main thread: the count must take both increments. If one is lost (a load and a store
/// instead of one `fetch_add`), the threads' drops bring the count to zero while the main
/// thread's Arc still lives: the value is dropped under it.
#[test]
fn step2_two_threads_clone_at_the_same_time() {
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

/// What a thread does right after a drop that may have freed the allocation: if it did (the
/// watch says so once, to the first thread that asks: loom switches threads only at its own
/// operations, so that is this one), it writes the cell standing for the allocation's memory,
/// as the allocator handing the memory out again would.
fn after_drop(watch: &crate::__checks::heap::Watch, memory: &Memory) {
    if watch.take_free() {
        crate::std::__workbook::cell_write(&memory.0, |_| ());
    }
}

/// The last Arc dropped on one thread while the last Weak is dropped on another: whichever
/// brings the weak count to zero frees the allocation, exactly once, and (if it is the Weak's
/// thread) only after the value's drop on the Arc's thread: a data race on the memory cell
/// otherwise.
#[test]
fn step3_the_last_arc_and_the_last_weak_go_at_once() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let memory = crate::std::sync::Arc::new(Memory(UnsafeCell::new(())));
        let mut value = reading(7, &drops);
        value.memory = ::std::option::Option::Some(crate::std::sync::Arc::clone(&memory));
        let recording = crate::__checks::heap::Recording::start();
        let a = Arc::new(value);
        let address = &*a as *const Reading as usize;
        let watch = crate::std::sync::Arc::new(recording.holding(address).expect(
            "Arc::new must put the value in a heap allocation (a Box): none of the allocations it made holds it",
        ));
        let w = Arc::downgrade(&a);
        let other = {
            let watch = crate::std::sync::Arc::clone(&watch);
            let memory = crate::std::sync::Arc::clone(&memory);
            thread::spawn(move || {
                ::core::mem::drop(w);
                after_drop(&watch, &memory);
            })
        };
        ::core::mem::drop(a);
        after_drop(&watch, &memory);
        other.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
        match watch.frees() {
            1 => {}
            0 => ::std::panic!(
                "the last Arc and the last Weak are gone, but the allocation was never freed (a leak): whichever brings the weak count to zero frees it"
            ),
            n => ::std::panic!("the allocation was freed {n} times: exactly once"),
        }
    });
}

/// Two Weaks upgraded on two threads while the last Arc is dropped on the main thread: each
/// upgrade gets the live value or None, never a value already dropped. An upgrade that counts
/// up from zero and takes it back looks right alone, but the other upgrade can see its
/// increment in between and bring the dropped value back.
#[test]
fn step4_two_upgrades_race_with_the_last_drop() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let a = Arc::new(reading(7, &drops));
        let upgrader = |w: Weak<Reading>| {
            move || {
                if let ::std::option::Option::Some(x) = w.upgrade() {
                    ::std::assert_eq!(x.read(), 7, "an upgrade must give the live value");
                }
            }
        };
        let one = thread::spawn(upgrader(Arc::downgrade(&a)));
        let two = thread::spawn(upgrader(Arc::downgrade(&a)));
        ::core::mem::drop(a);
        one.join().unwrap();
        two.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}

/// Two upgrades at once while the main thread holds an Arc: the value is alive all along, so
/// both must get it. An upgrade that tries one compare-exchange and says None when it fails
/// (the other upgrade changed the count in between) reports a live value as gone.
#[test]
fn step5_two_upgrades_while_an_arc_lives_both_get_the_value() {
    crate::std::__workbook::model(|| {
        let drops = crate::std::sync::Arc::new(AtomicUsize::new(0));
        let a = Arc::new(reading(7, &drops));
        let upgrader = |w: Weak<Reading>| {
            move || match w.upgrade() {
                ::std::option::Option::Some(x) => x.read(),
                ::std::option::Option::None => ::std::panic!(
                    "upgrade gave None while an Arc still held the value: two upgrades ran at \
                     once, and the one whose compare-exchange failed gave up. A failed \
                     exchange only means the count changed: look at it again and retry, until \
                     it is 0"
                ),
            }
        };
        let one = thread::spawn(upgrader(Arc::downgrade(&a)));
        let two = thread::spawn(upgrader(Arc::downgrade(&a)));
        let (one, two) = (one.join().unwrap(), two.join().unwrap());
        ::std::assert_eq!((one, two), (7, 7), "an upgrade must give the live value");
        ::std::assert_eq!(a.read(), 7, "the Arc still alive sees the value");
        ::core::mem::drop(a);
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the value must be dropped exactly once"
        );
    });
}
