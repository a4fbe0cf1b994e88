// Grader-owned tests for my_condvar: notifies with nobody waiting and a condition that is
// already false, on one thread; then real threads hand over many items through the Mutex and
// the Condvar. The loom models (loom.rs) check every interleaving of a few threads.
use super::{Condvar, Mutex, MutexGuard};

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    let _: fn(u64) -> Mutex<u64> = Mutex::new;
    let _: for<'a> fn(&'a Mutex<u64>) -> MutexGuard<'a, u64> = Mutex::lock;
    let _: fn() -> Condvar = Condvar::new;
    let _: for<'a> fn(&Condvar, MutexGuard<'a, u64>, fn(&mut u64) -> bool) -> MutexGuard<'a, u64> =
        Condvar::wait_while;
    let _: fn(&Condvar) = Condvar::notify_one;
    let _: fn(&Condvar) = Condvar::notify_all;
}

#[test]
fn notifies_with_nobody_waiting_and_a_condition_already_false() {
    let value = crate::__checks::Rng::new(0xc0d7).range(1, 1_000_000);
    let m = Mutex::new(value);
    let cv = Condvar::new();
    cv.notify_one();
    cv.notify_all();
    // The condition is false from the start: no wait, the guard comes back at once.
    let mut guard = cv.wait_while(m.lock(), |n| *n == 0);
    ::std::assert_eq!(*guard, value, "wait_while gives back the guard of the same data");
    *guard += 1;
    ::core::mem::drop(guard);
    ::std::assert_eq!(*m.lock(), value + 1, "a change through the guard stays");
}

/// Real threads: a producer adds items one by one and notifies; takers wait for them. Every
/// item is taken exactly once, and nobody sleeps through the last one.
#[test]
fn stress_every_item_is_taken_exactly_once() {
    const TAKERS: u64 = 3;
    const EACH: u64 = 50;
    crate::__checks::rounds(|_| {
        let s = ::std::sync::Arc::new((Mutex::new(0u64), Condvar::new()));
        let taken = ::std::sync::Arc::new(::std::sync::atomic::AtomicU64::new(0));
        let takers: ::std::vec::Vec<_> = (0..TAKERS)
            .map(|_| {
                let (s, taken) = (s.clone(), taken.clone());
                ::std::thread::spawn(move || {
                    for _ in 0..EACH {
                        let (m, cv) = &*s;
                        let mut guard = cv.wait_while(m.lock(), |n| *n == 0);
                        ::std::assert!(*guard > 0, "a taker went on with no item there");
                        *guard -= 1;
                        ::core::mem::drop(guard);
                        taken.fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
                    }
                })
            })
            .collect();
        for i in 0..TAKERS * EACH {
            *s.0.lock() += 1;
            if i % 7 == 0 {
                s.1.notify_all();
            } else {
                s.1.notify_one();
            }
        }
        for taker in takers {
            taker.join().unwrap();
        }
        ::std::assert_eq!(
            taken.load(::std::sync::atomic::Ordering::SeqCst),
            TAKERS * EACH,
            "every item was taken"
        );
        ::std::assert_eq!(*s.0.lock(), 0, "no item was left or taken twice");
    });
}
