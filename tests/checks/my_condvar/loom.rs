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
fn step3_a_taker_woken_for_an_item_taken_back() {
    // The main thread adds an item and notifies, takes the item back if it is still there,
    // then adds another and notifies. The taker may be woken for the first item after it is
    // gone: it must wait again, for the second.
    crate::std::__workbook::model(|| {
        let s = shared();
        let taker = {
            let s = Arc::clone(&s);
            thread::spawn(move || take_one(&s))
        };
        *s.0.lock() += 1;
        s.1.notify_one();
        let taken_back = {
            let mut items = s.0.lock();
            let there = *items > 0;
            if there {
                *items -= 1;
            }
            there
        };
        // If the taker was faster, it has its item: nothing more to add.
        if taken_back {
            *s.0.lock() += 1;
            s.1.notify_one();
        }
        taker.join().unwrap();
        ::std::assert_eq!(*s.0.lock(), 0, "the taker took one item");
    });
}

#[test]
fn step4_notifies_from_two_threads_while_a_waiter_goes_to_sleep() {
    // The main thread notifies with nothing changed (as any thread may), then sets the value
    // and notifies; another thread notifies with nothing changed. Whatever the two notifies
    // with nothing changed do to the count of notifies, the one after the change must wake
    // the waiter.
    crate::std::__workbook::model(|| {
        let s = shared();
        let other = {
            let s = Arc::clone(&s);
            thread::spawn(move || s.1.notify_one())
        };
        let waiter = {
            let s = Arc::clone(&s);
            thread::spawn(move || wait_for_nonzero(&s))
        };
        s.1.notify_one();
        *s.0.lock() = 1;
        s.1.notify_one();
        waiter.join().unwrap();
        other.join().unwrap();
    });
}
