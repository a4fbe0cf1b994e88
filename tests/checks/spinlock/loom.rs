// Grader-owned loom models for spinlock.
//
// loom cannot see inside `std::cell::UnsafeCell` (the learner's data cell), so the data the
// lock protects is itself something loom tracks: a counter that is read and written back
// with Relaxed accesses (each holder sees the previous holder's count only if the lock orders
// memory), and loom's own `UnsafeCell`, which reports any two accesses that the lock failed
// to order.
use super::{SpinGuard, SpinLock};
use crate::std::sync::Arc;
use crate::std::thread;
use ::loom::cell::UnsafeCell as TrackedCell;
use ::loom::sync::atomic::{AtomicUsize as Count, Ordering::Relaxed};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `SpinLock::new` must keep this signature.
    let _: fn(Count) -> SpinLock<Count> = SpinLock::new;
    // `SpinLock::lock` must keep this signature.
    let _: fn(&SpinLock<Count>) -> SpinGuard<'_, Count> = SpinLock::lock;
    // `SpinGuard` must deref (mutably too) to the value it guards.
    fn _derefs<'a>(guard: &'a mut SpinGuard<'_, Count>) -> &'a mut Count {
        &mut **guard
    }
}

/// Inside the lock: read the count and write it back plus one (no read-modify-write: the
/// lock must be what keeps updates from being lost).
fn add_one(lock: &SpinLock<Count>) {
    let guard = lock.lock();
    let seen = guard.load(Relaxed);
    guard.store(seen + 1, Relaxed);
}

#[test]
fn each_holder_sees_the_previous_holders_update() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(SpinLock::new(Count::new(0)));
        let other = Arc::clone(&lock);
        let t = thread::spawn(move || add_one(&other));
        add_one(&lock);
        t.join().unwrap();
        let total = lock.lock().load(Relaxed);
        ::std::assert_eq!(
            total,
            2,
            "two threads each added one inside the lock, but one of them read the count \
             without the other's update: both were inside at once, or taking the lock did not \
             make the previous holder's writes visible"
        );
    });
}

#[test]
fn holders_never_touch_the_data_at_the_same_time() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(SpinLock::new(TrackedCell::new(0u64)));
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let lock = Arc::clone(&lock);
                thread::spawn(move || lock.lock().with_mut(|n| unsafe { *n += 1 }))
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        let total = lock.lock().with(|n| unsafe { *n });
        ::std::assert_eq!(total, 2, "two threads each added one inside the lock");
    });
}
