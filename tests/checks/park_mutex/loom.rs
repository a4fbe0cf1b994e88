// Grader-owned loom models for park_mutex: threads incrementing a number through the lock,
// every interleaving. The number is in the exercise's UnsafeCell, which is the tracked cell
// in a loom build: two holders at once, or a holder whose writes are not ordered before the
// next holder's reads (a Release unlock read by an Acquire lock), are a data race on it. A
// thread asleep in `lock` that nobody wakes is a deadlock.
use super::{Mutex, MutexGuard};
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Mutex::new` must keep this signature.
    let _: fn(u64) -> Mutex<u64> = Mutex::new;
    // `Mutex::lock` must keep this signature.
    let _: for<'a> fn(&'a Mutex<u64>) -> MutexGuard<'a, u64> = Mutex::lock;
    // `Mutex::into_inner` must keep this signature.
    let _: fn(Mutex<u64>) -> u64 = Mutex::into_inner;
    // The guard gives the value (Deref, DerefMut).
    fn _guard_gives_the_value(guard: &mut MutexGuard<'_, u64>) {
        let _: &u64 = ::core::ops::Deref::deref(guard);
        let _: &mut u64 = ::core::ops::DerefMut::deref_mut(guard);
    }
}

/// Adds one through the lock, `times` times, reading the value and writing it back as two
/// steps (a holder that is not alone loses an update, and loom sees the race on the cell).
fn add(m: &Mutex<u64>, times: usize) {
    for _ in 0..times {
        let mut guard = m.lock();
        let seen = *guard;
        *guard = seen + 1;
        ::core::mem::drop(guard);
    }
}

/// Runs `add(times[i])` on one thread each (the first on the model's main thread) and checks
/// the sum, read through one more lock.
fn threads_add(times: &'static [usize]) {
    crate::std::__workbook::model(move || {
        let m = Arc::new(Mutex::new(0));
        let others: ::std::vec::Vec<_> = times[1..]
            .iter()
            .map(|&n| {
                let m = Arc::clone(&m);
                thread::spawn(move || add(&m, n))
            })
            .collect();
        add(&m, times[0]);
        for other in others {
            other.join().unwrap();
        }
        let total: usize = times.iter().sum();
        ::std::assert_eq!(
            *m.lock() as usize,
            total,
            "every increment under the lock counts"
        );
    });
}

#[test]
fn step1_two_threads_take_turns() {
    threads_add(&[1, 1]);
}

#[test]
fn step2_two_threads_lock_twice_each() {
    // A thread woken from its sleep must take the lock for real before it goes in: a second
    // lock on the other thread may come first.
    threads_add(&[2, 2]);
}

#[test]
fn step3_three_threads_one_asleep_behind_another() {
    // Two waiters at once: an unlock wakes one, and that one's unlock must wake the other.
    threads_add(&[1, 1, 1]);
}
