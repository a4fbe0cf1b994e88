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
        ::std::assert_eq!(
            *guard,
            start,
            "the guard reads the value the mutex was made with"
        );
        *guard += 5;
        ::std::assert_eq!(*guard, start + 5, "the guard reads back what it wrote");
    }
    ::std::assert_eq!(
        m.into_inner(),
        start + 5,
        "a change made through the guard stays in the mutex"
    );
}

/// Many real threads increment through the lock; not one increment may be lost. On a busy
/// machine the OS may run a round's threads one after another: the rounds go on until enough
/// critical sections overlapped another thread's (`Overlap`), and if that never happens the
/// test says so (it does not pass).
#[test]
fn stress_many_threads_count_exactly() {
    const THREADS: usize = 4;
    const EACH: u64 = 2_000;
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the lock holders", &overlap, |round| {
        let m = ::std::sync::Arc::new(Mutex::new(0u64));
        let shared = ::std::sync::Arc::clone(&m);
        let witness = ::std::sync::Arc::clone(&overlap);
        let counts = crate::__checks::together(THREADS, move |_| {
            let began = ::std::time::Instant::now();
            let mut n = 0;
            while witness.more(n, EACH, began) {
                witness.op(|| {
                    let mut guard = shared.lock();
                    let seen = *guard;
                    *guard = ::std::hint::black_box(seen) + 1;
                });
                n += 1;
            }
            n
        });
        let total = *m.lock();
        let added: u64 = counts.iter().sum();
        ::std::assert_eq!(
            total,
            added,
            "round {round}: {THREADS} threads added one {counts:?} times under the lock on real \
             threads, but increments were lost: two threads were inside the lock at once"
        );
    });
}
