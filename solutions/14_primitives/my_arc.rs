// my_arc: an `Arc` from scratch, one allocation and one atomic count.
//
// `Arc<T>` puts the value and a count of owners in one heap allocation. Each `clone` adds one
// owner, each drop removes one, and the owner that removes the last one frees the value. The
// count is an `AtomicUsize` because owners on different threads change it at the same time.
//
// Two of its orderings are easy, one is the point of this exercise:
// - `clone` can use Relaxed: the thread that clones already owns an `Arc`, so the value cannot
//   go away under it, and the new owner is handed over by whatever moves the clone to its
//   thread (a spawn, a channel), which orders things on its own. The count must never wrap
//   around, though: a program that leaks clones in a loop could bring it back to zero and free
//   a value still in use. `clone` refuses (panics) long before that.
// - the drop that frees the value must happen after every other owner's last use of it: a
//   thread reading the value must not find it dropped under it. Every owner's decrement
//   releases its uses of the value (Release), and the last owner acquires them all before it
//   drops the value (Acquire). Taking that Acquire only when the count reached zero, with a
//   `fence`, costs nothing on the other drops.
// - `Arc<T>` hands a `&T` to several threads at once (so T must be Sync) and may drop the T on
//   any of them (so T must be Send): it is Send and Sync only when T is both.
//
// What to do: finish `Drop` where it says TODO.
//
// How it is checked: tests count how many times the value is dropped (one owner or many, on
// one thread or on real threads); compile cases check that `Arc<Cell<u64>>` cannot be shared
// with another thread while `Arc<Mutex<u64>>` can; loom models read the value on one thread
// while another drops it and report a data race when the drop is not ordered after the read,
// and two threads clone at once (both increments must count).

use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering, fence};
use std::thread;

struct Inner<T> {
    /// How many `Arc`s point here.
    owners: AtomicUsize,
    value: T,
}

pub struct Arc<T> {
    inner: NonNull<Inner<T>>,
}

// SAFETY: every owner can get a `&T` (shared across threads: T: Sync), and the last owner,
// on whichever thread, drops the T (moved there: T: Send).
unsafe impl<T: Send + Sync> Send for Arc<T> {}
unsafe impl<T: Send + Sync> Sync for Arc<T> {}

impl<T> Arc<T> {
    pub fn new(value: T) -> Arc<T> {
        let inner = Box::new(Inner { owners: AtomicUsize::new(1), value });
        Arc { inner: NonNull::from(Box::leak(inner)) }
    }

    fn inner(&self) -> &Inner<T> {
        // SAFETY: the allocation lives as long as any Arc points to it, and this one does.
        unsafe { self.inner.as_ref() }
    }
}

impl<T> Deref for Arc<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner().value
    }
}

impl<T> Clone for Arc<T> {
    fn clone(&self) -> Arc<T> {
        // Relaxed: we own an Arc already, so the value stays; nothing else is published.
        // The guard: far below the wrap-around, even if other threads clone at the same time.
        // (std's Arc aborts the process here; a panic, after taking our +1 back, is enough.)
        if self.inner().owners.fetch_add(1, Ordering::Relaxed) > usize::MAX / 2 {
            self.inner().owners.fetch_sub(1, Ordering::Relaxed);
            panic!("too many clones of one Arc: the count would wrap around");
        }
        Arc { inner: self.inner }
    }
}

impl<T> Drop for Arc<T> {
    fn drop(&mut self) {
        // Release: this owner's uses of the value happen before its decrement.
        if self.inner().owners.fetch_sub(1, Ordering::Release) == 1 {
            // Acquire: we were the last owner; the fence makes every other owner's uses of
            // the value (released by their decrements, which we have read) happen before the
            // drop below.
            fence(Ordering::Acquire);
            // SAFETY: the count reached zero: no other Arc points here, and none can appear.
            unsafe { drop(Box::from_raw(self.inner.as_ptr())) };
        }
    }
}

fn main() {
    let greeting = Arc::new(String::from("hello from the heap"));
    let workers: Vec<_> = (0..3)
        .map(|i| {
            let greeting = greeting.clone();
            thread::spawn(move || println!("worker {i}: {}", *greeting))
        })
        .collect();
    drop(greeting);
    for worker in workers {
        worker.join().unwrap();
    }
}
