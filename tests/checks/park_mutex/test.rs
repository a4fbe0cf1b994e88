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

/// Real threads call `lock` on a free mutex two at a time, at the same instant, many times
/// (`SameInstant`: the first of two spins at a barrier until a second has come, so both are
/// running, each on a core, then both lock; one left alone for long does not lock, and comes
/// again). A lock that is taken with a load and then a store (or any way that is exclusive
/// only while model-checked) lets both in when both load before either stores: each holder
/// counts itself in and out, and a second one inside fails the test. Timing decides which
/// calls were made at the same instant (within `SAME_INSTANT_NS` of each other, after a small
/// random delay of the later one, so that the two meet in every order): the rounds go on until
/// `OVERLAPS` such pairs were seen, and if they never are (a busy machine that never runs two
/// at once) the test says so, and does not pass.
#[test]
fn stress_threads_locking_at_the_same_instant_never_both_get_in() {
    use ::std::sync::Arc;
    use ::std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst};
    const EACH: u64 = 200;
    /// Threads, paired at the barrier in the order they come: more than two, so that two of
    /// them are often on different cores (a thread woken from a park is often put on its
    /// waker's core, where the two take turns and never call `lock` at once).
    const THREADS: usize = 4;
    /// How long a round goes on at most (while fewer than `EACH` pairs met, say).
    const ROUND_MOST: ::std::time::Duration = ::std::time::Duration::from_secs(2);
    let overlap = Arc::new(crate::__checks::Overlap::new());
    let mut rng = crate::__checks::Rng::new(0x5a4e);
    crate::__checks::rounds_overlapping(
        "the `lock` calls made two at a time (within 150 ns of each other)",
        &overlap,
        |round| {
            let m = Arc::new(Mutex::new(0u64));
            // Threads inside the lock now, and how often a second one came in.
            let inside = Arc::new(AtomicUsize::new(0));
            let doubled = Arc::new(AtomicU64::new(0));
            let pairs = Arc::new(crate::__checks::SameInstant::new(&overlap));
            let seeds: [u64; THREADS] = ::core::array::from_fn(|_| rng.next_u64());
            let (shared, ins, dbl, witness) = (
                Arc::clone(&m),
                Arc::clone(&inside),
                Arc::clone(&doubled),
                Arc::clone(&overlap),
            );
            let counts = crate::__checks::together(THREADS, move |i| {
                let began = ::std::time::Instant::now();
                let mut caller = pairs.caller(i, seeds[i]);
                let mut n = 0;
                while witness.more(n, EACH, began) && began.elapsed() < ROUND_MOST {
                    let ::core::option::Option::Some(pair) = caller.meet() else {
                        continue;
                    };
                    pair.call(|| {
                        let mut guard = shared.lock();
                        if ins.fetch_add(1, SeqCst) != 0 {
                            dbl.fetch_add(1, SeqCst);
                        }
                        *guard += 1;
                        for _ in 0..8 {
                            ::std::hint::spin_loop();
                        }
                        ins.fetch_sub(1, SeqCst);
                    });
                    n += 1;
                }
                n
            });
            let twice = doubled.load(SeqCst);
            ::std::assert!(
                twice == 0,
                "round {round}: {THREADS} threads called lock two at a time, at the same \
                 instant, on a free mutex ({counts:?} times each), and {twice} times both got \
                 in: a second thread was inside while the first still held the lock. Taking the lock must be one atomic \
                 step that only one thread can win (a compare-exchange or a swap that returns \
                 UNLOCKED to one of them), not a load and then a store"
            );
            let added: u64 = counts.iter().sum();
            ::std::assert_eq!(
                *m.lock(),
                added,
                "round {round}: {THREADS} threads added one {counts:?} times under the lock, but \
                 increments were lost"
            );
        },
    );
}
