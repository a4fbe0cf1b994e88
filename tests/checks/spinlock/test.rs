// Grader-owned tests for spinlock, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; this stress test (run after the models pass) checks
// the same property with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
// (x86 keeps most reorderings from showing: the model is what finds an ordering bug; this
// fails a lock that excludes nothing on real threads.)
use super::{SpinGuard, SpinLock};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `SpinLock::new` must keep this signature.
    let _: fn(u64) -> SpinLock<u64> = SpinLock::new;
    // `SpinLock::lock` must keep this signature.
    let _: fn(&SpinLock<u64>) -> SpinGuard<'_, u64> = SpinLock::lock;
    // `SpinGuard` must deref (mutably too) to the value it guards.
    fn _derefs<'a>(guard: &'a mut SpinGuard<'_, u64>) -> &'a mut u64 {
        &mut **guard
    }
}

/// Runs `work(0)` .. `work(n - 1)` on `n` real threads started together by a barrier, and
/// returns what each returned, in order.
fn together<T, F>(n: usize, work: F) -> ::std::vec::Vec<T>
where
    T: ::core::marker::Send + 'static,
    F: ::core::ops::Fn(usize) -> T + ::core::marker::Send + ::core::marker::Sync + 'static,
{
    let work = ::std::sync::Arc::new(work);
    let start = ::std::sync::Arc::new(::std::sync::Barrier::new(n));
    let threads: ::std::vec::Vec<_> = (0..n)
        .map(|i| {
            let work = ::std::sync::Arc::clone(&work);
            let start = ::std::sync::Arc::clone(&start);
            ::std::thread::spawn(move || {
                start.wait();
                work(i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

const THREADS: usize = 3;
const ADDS: u64 = 2_000;

/// `each_holder_sees_the_previous_holders_update` on real threads: each thread adds one to a
/// plain `u64` inside the lock, read and written back in two steps (`*guard += 1`), many
/// times; a lock that lets two threads in at once loses updates.
#[test]
fn stress_holders_never_lose_an_update() {
    // On a busy machine the OS may run a round's threads one after another: the rounds go
    // on until enough critical sections overlapped another thread's (`Overlap`), and if that
    // never happens the test says so (it does not pass).
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the lock holders", &overlap, |round| {
        let lock = ::std::sync::Arc::new(SpinLock::new(0u64));
        let shared = ::std::sync::Arc::clone(&lock);
        let witness = ::std::sync::Arc::clone(&overlap);
        let counts = together(THREADS, move |_| {
            let began = ::std::time::Instant::now();
            let mut i = 0;
            while witness.more(i, ADDS, began) {
                witness.op(|| {
                    let mut guard = shared.lock();
                    let seen = *guard;
                    *guard = ::std::hint::black_box(seen) + 1;
                });
                i += 1;
            }
            i
        });
        let total = *lock.lock();
        let added: u64 = counts.iter().sum();
        ::std::assert_eq!(
            total,
            added,
            "round {round}: {THREADS} threads added one {counts:?} times inside the lock on \
             real threads, but updates were lost: two threads were inside the lock at once"
        );
    });
}

/// A holder that keeps the lock a long time (100 ms, on this thread) while another thread is
/// already waiting for it: the waiter must get in only after the holder let go, however many
/// times it spins. (A lock that gives up after so many tries passes the models, where the
/// holder always runs while a waiter yields, and overlaps rarely in the stress test above.)
#[test]
fn stress_a_waiter_waits_as_long_as_the_holder_holds() {
    use ::std::sync::atomic::{AtomicBool, Ordering::SeqCst};
    let lock = ::std::sync::Arc::new(SpinLock::new(0u64));
    let released = ::std::sync::Arc::new(AtomicBool::new(false));
    let waiting = ::std::sync::Arc::new(AtomicBool::new(false));
    let mut guard = lock.lock();
    let waiter = {
        let (lock, released, waiting) = (
            ::std::sync::Arc::clone(&lock),
            ::std::sync::Arc::clone(&released),
            ::std::sync::Arc::clone(&waiting),
        );
        ::std::thread::spawn(move || {
            waiting.store(true, SeqCst);
            let guard = lock.lock();
            (released.load(SeqCst), *guard)
        })
    };
    while !waiting.load(SeqCst) {
        ::std::thread::yield_now();
    }
    ::std::thread::sleep(::std::time::Duration::from_millis(100));
    *guard = 1;
    released.store(true, SeqCst);
    drop(guard);
    let (after_release, seen) = waiter.join().unwrap();
    ::std::assert!(
        after_release,
        "one thread held the lock for 100 ms on real threads while another called `lock()`: \
         the other got the lock before the holder let go (does `lock` stop spinning after a \
         while?)"
    );
    ::std::assert_eq!(
        seen,
        1,
        "the holder wrote 1 inside the lock before letting go: the next holder must see it"
    );
}
