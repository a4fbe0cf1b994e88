// Grader-owned tests for park_mutex: the value in and out on one thread, then real threads
// incrementing through the lock (the count must be exact). The loom models (loom.rs) check
// every interleaving of two and three threads.
use super::{Mutex, MutexGuard};

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Mutex::new` must keep this signature.
    let _: fn(u64) -> Mutex<u64> = Mutex::new;
    // `Mutex::lock` must keep this signature.
    let _: for<'a> fn(&'a Mutex<u64>) -> MutexGuard<'a, u64> = Mutex::lock;
    // `Mutex::into_inner` must keep this signature.
    let _: fn(Mutex<u64>) -> u64 = Mutex::into_inner;
}

#[test]
fn the_guard_gives_the_value_and_keeps_changes() {
    let start = crate::__checks::Rng::new(0x9a4c).below(1_000_000);
    let m = Mutex::new(start);
    {
        let mut guard = m.lock();
        ::std::assert_eq!(*guard, start, "the guard reads the value the mutex was made with");
        *guard += 5;
        ::std::assert_eq!(*guard, start + 5, "the guard reads back what it wrote");
    }
    ::std::assert_eq!(
        m.into_inner(),
        start + 5,
        "a change made through the guard stays in the mutex"
    );
}

/// Many real threads increment through the lock; not one increment may be lost.
#[test]
fn stress_many_threads_count_exactly() {
    const THREADS: usize = 4;
    const EACH: u64 = 2_000;
    crate::__checks::rounds(|_| {
        let m = ::std::sync::Arc::new(Mutex::new(0u64));
        let shared = ::std::sync::Arc::clone(&m);
        crate::__checks::together(THREADS, move |_| {
            for _ in 0..EACH {
                let mut guard = shared.lock();
                let seen = *guard;
                *guard = seen + 1;
            }
        });
        let total = *m.lock();
        ::std::assert_eq!(
            total,
            THREADS as u64 * EACH,
            "increments under the lock were lost"
        );
    });
}
