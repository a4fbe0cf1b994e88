// Grader-owned loom models for my_condvar: waiters and notifiers on the exercise's Mutex and
// Condvar, every interleaving. A notify that the waiter sleeps through is a deadlock (the
// waiter is never woken, and the main thread waits for it forever); a waiter that goes on
// without its condition takes an item that is not there, and the model's assertion fails.
use super::{Condvar, Mutex, MutexGuard};
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Mutex::new` and `Mutex::lock` must keep these signatures.
    let _: fn(u64) -> Mutex<u64> = Mutex::new;
    let _: for<'a> fn(&'a Mutex<u64>) -> MutexGuard<'a, u64> = Mutex::lock;
    // `Condvar::new` must keep this signature.
    let _: fn() -> Condvar = Condvar::new;
    // `Condvar::wait` must keep this signature.
    let _: for<'a> fn(&Condvar, MutexGuard<'a, u64>) -> MutexGuard<'a, u64> = Condvar::wait;
    // `Condvar::wait_while` must keep this signature.
    let _: for<'a> fn(&Condvar, MutexGuard<'a, u64>, fn(&mut u64) -> bool) -> MutexGuard<'a, u64> =
        Condvar::wait_while;
    // `Condvar::notify_one` and `Condvar::notify_all` must keep these signatures.
    let _: fn(&Condvar) = Condvar::notify_one;
    let _: fn(&Condvar) = Condvar::notify_all;
}

type Shared = Arc<(Mutex<u64>, Condvar)>;

fn shared() -> Shared {
    Arc::new((Mutex::new(0), Condvar::new()))
}

/// Waits, with the check's own loop around `wait`, until the value is not zero.
fn wait_for_nonzero(s: &Shared) {
    let (m, cv) = &**s;
    let mut guard = m.lock();
    while *guard == 0 {
        guard = cv.wait(guard);
    }
}

/// Waits with `wait_while` until the value is not zero, then takes one from it.
fn take_one(s: &Shared) {
    let (m, cv) = &**s;
    let mut guard = cv.wait_while(m.lock(), |n| *n == 0);
    ::std::assert!(
        *guard > 0,
        "wait_while returned while its condition still held: it takes an item that is not there"
    );
    *guard -= 1;
}

#[test]
fn step1_a_notify_after_the_change_wakes_the_waiter() {
    crate::std::__workbook::model(|| {
        let s = shared();
        let waiter = {
            let s = Arc::clone(&s);
            thread::spawn(move || wait_for_nonzero(&s))
        };
        *s.0.lock() = 1;
        s.1.notify_one();
        waiter.join().unwrap();
    });
}

#[test]
fn step2_notify_all_wakes_both_waiters() {
    crate::std::__workbook::model(|| {
        let s = shared();
        let waiters: ::std::vec::Vec<_> = (0..2)
            .map(|_| {
                let s = Arc::clone(&s);
                thread::spawn(move || {
                    let (m, cv) = &*s;
                    let guard = cv.wait_while(m.lock(), |n| *n == 0);
                    ::core::mem::drop(guard);
                })
            })
            .collect();
        *s.0.lock() = 1;
        s.1.notify_all();
        for waiter in waiters {
            waiter.join().unwrap();
        }
    });
}

#[test]
fn step3_two_takers_one_item_at_a_time() {
    // One taker may be woken for an item that the other took first: it must wait again.
    crate::std::__workbook::model(|| {
        let s = shared();
        let takers: ::std::vec::Vec<_> = (0..2)
            .map(|_| {
                let s = Arc::clone(&s);
                thread::spawn(move || take_one(&s))
            })
            .collect();
        for _ in 0..2 {
            *s.0.lock() += 1;
            s.1.notify_one();
        }
        for taker in takers {
            taker.join().unwrap();
        }
        ::std::assert_eq!(*s.0.lock(), 0, "each taker took one item");
    });
}
