// my_weak: `Weak` for the Arc of `my_arc`: a pointer that does not keep the value alive.
//
// A cache keeps a `Weak` to each document that readers hold as `Arc`s: while some reader
// holds the document, the cache can hand it out again; once the last reader drops it, it is
// gone, and the cache must say so instead of handing out a dropped value.
//
// The allocation now holds two counts:
// - `strong`: how many `Arc`s there are. The last Arc drops the value (but not the allocation).
// - `weak`: how many `Weak`s there are, plus one for all the Arcs together while there is any.
//   Whoever brings it to zero frees the allocation: the last Weak, or the last Arc if there is
//   no Weak left.
// The value is in a `ManuallyDrop`, so that dropping the value and freeing the allocation are
// two separate steps.
//
// `Weak::upgrade` turns a Weak back into an Arc, if the value is still there. The check "is
// there still an Arc?" and the increment "now there is one more" must be one atomic step:
// between a load that sees 1 and a `fetch_add`, the last Arc can be dropped, and the
// increment would bring a dropped value back to life (a resurrection: a use after drop, and
// a second drop later). A compare-exchange loop does both at once: increment only from the
// value just seen, never from zero.
//
// What to do: write `upgrade` where it says TODO. Everything else is done.
//
// How it is checked: tests of upgrade before and after the last Arc is gone, with counted
// drops; loom models of an upgrade on one thread (or two upgrades on two) while the last Arc
// is dropped on another: upgrade gets either the live value or None, and the value is dropped
// exactly once; two upgrades at once while an Arc holds the value (both must get it); two
// threads cloning at once; and the allocation itself is watched: freed exactly once, by the
// last Arc or the last Weak, whichever goes last, and only after the value's drop.

use std::cell::UnsafeCell;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering, fence};
use std::thread;

struct Inner<T> {
    /// Arcs.
    strong: AtomicUsize,
    /// Weaks, plus one while there is any Arc.
    weak: AtomicUsize,
    /// Dropped by the last Arc; the allocation is freed by the last `weak`.
    value: UnsafeCell<ManuallyDrop<T>>,
}

pub struct Arc<T> {
    inner: NonNull<Inner<T>>,
}

pub struct Weak<T> {
    inner: NonNull<Inner<T>>,
}

// SAFETY: as for std's Arc and Weak: a `&T` reaches several threads (T: Sync) and the T is
// dropped on whichever thread drops the last Arc (T: Send).
unsafe impl<T: Send + Sync> Send for Arc<T> {}
unsafe impl<T: Send + Sync> Sync for Arc<T> {}
unsafe impl<T: Send + Sync> Send for Weak<T> {}
unsafe impl<T: Send + Sync> Sync for Weak<T> {}

fn inner<T>(ptr: &NonNull<Inner<T>>) -> &Inner<T> {
    // SAFETY: the allocation lives while any Arc or Weak points to it.
    unsafe { ptr.as_ref() }
}

/// Adds one to a count that the caller already holds one of, refusing before it could wrap.
fn add_one(count: &AtomicUsize) {
    if count.fetch_add(1, Ordering::Relaxed) > usize::MAX / 2 {
        count.fetch_sub(1, Ordering::Relaxed);
        panic!("too many clones: the count would wrap around");
    }
}

impl<T> Arc<T> {
    pub fn new(value: T) -> Arc<T> {
        let inner = Box::new(Inner {
            strong: AtomicUsize::new(1),
            weak: AtomicUsize::new(1),
            value: UnsafeCell::new(ManuallyDrop::new(value)),
        });
        Arc { inner: NonNull::from(Box::leak(inner)) }
    }

    /// A Weak to the same value.
    pub fn downgrade(arc: &Arc<T>) -> Weak<T> {
        add_one(&inner(&arc.inner).weak);
        Weak { inner: arc.inner }
    }
}

impl<T> Weak<T> {
    /// An Arc to the value, or None if the last Arc is already gone.
    pub fn upgrade(&self) -> Option<Arc<T>> {
        let strong = &inner(&self.inner).strong;
        // TODO: between this check and the increment, the last Arc can be dropped on another
        // thread. Make the check and the increment one atomic step, that never counts up from
        // zero.
        if strong.load(Ordering::Relaxed) == 0 {
            return None;
        }
        add_one(strong);
        Some(Arc { inner: self.inner })
    }
}

impl<T> Deref for Arc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the value lives while this Arc does.
        unsafe { &*inner(&self.inner).value.get() }
    }
}

impl<T> Clone for Arc<T> {
    fn clone(&self) -> Arc<T> {
        add_one(&inner(&self.inner).strong);
        Arc { inner: self.inner }
    }
}

impl<T> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        add_one(&inner(&self.inner).weak);
        Weak { inner: self.inner }
    }
}

impl<T> Drop for Arc<T> {
    fn drop(&mut self) {
        if inner(&self.inner).strong.fetch_sub(1, Ordering::Release) == 1 {
            // Every other Arc's uses of the value happen before this.
            fence(Ordering::Acquire);
            // SAFETY: the last Arc: nobody can reach the value any more, and upgrade never
            // brings the count back up from zero.
            unsafe { ManuallyDrop::drop(&mut *inner(&self.inner).value.get()) };
            // The Arcs' share of `weak`: the allocation goes when the last Weak does.
            drop(Weak { inner: self.inner });
        }
    }
}

impl<T> Drop for Weak<T> {
    fn drop(&mut self) {
        if inner(&self.inner).weak.fetch_sub(1, Ordering::Release) == 1 {
            fence(Ordering::Acquire);
            // SAFETY: no Arc and no Weak is left: free the allocation (the value is already
            // dropped, and ManuallyDrop does not drop it again).
            unsafe { drop(Box::from_raw(self.inner.as_ptr())) };
        }
    }
}

fn main() {
    let document = Arc::new(String::from("quarterly report"));
    let cached = Arc::downgrade(&document);
    let reader = thread::spawn(move || match cached.upgrade() {
        Some(doc) => println!("the cache still has: {}", *doc),
        None => println!("the document is gone"),
    });
    drop(document);
    reader.join().unwrap();
}
