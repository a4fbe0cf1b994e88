// Grader-owned tests for my_arc: the value is reachable through every owner and dropped exactly
// once, after the last owner is gone, on one thread and on real threads. The loom models
// (loom.rs) check that the drop is ordered after every other owner's use of the value.
use super::Arc;
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Arc::new` must keep this signature.
    let _: fn(u64) -> Arc<u64> = Arc::new;
    // `Arc` must be Clone and Deref to its value.
    let _: fn(&Arc<u64>) -> Arc<u64> = <Arc<u64> as ::core::clone::Clone>::clone;
    let _: fn(&Arc<u64>) -> &u64 = <Arc<u64> as ::core::ops::Deref>::deref;
}

/// A value that counts its drops.
struct Counted {
    value: u64,
    drops: &'static AtomicUsize,
}

impl ::core::ops::Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

fn counted(value: u64, drops: &'static AtomicUsize) -> Counted {
    Counted { value, drops }
}

#[test]
fn one_owner_drops_the_value_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let a = Arc::new(counted(7, &DROPS));
    ::std::assert_eq!(a.value, 7, "Deref must reach the value");
    ::core::mem::drop(a);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the only owner is gone: drop the value once"
    );
}

#[test]
fn the_value_lives_until_the_last_clone_is_dropped() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let a = Arc::new(counted(7, &DROPS));
    let b = a.clone();
    let c = b.clone();
    ::core::mem::drop(a);
    ::core::mem::drop(c);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        0,
        "one owner is left: the value must still be there"
    );
    ::std::assert_eq!(b.value, 7, "the last owner still reaches the value");
    ::std::assert!(
        ::core::ptr::eq(&*b, &*b.clone()),
        "every clone must point to the same value, not a copy"
    );
    ::core::mem::drop(b);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the last owner is gone: drop the value once"
    );
}

/// Waits (spinning, then yielding) until `threads` threads have each arrived `turn + 1` times:
/// so that real threads do their `turn`th operation together.
fn gate(arrived: &AtomicUsize, threads: usize, turn: usize) {
    arrived.fetch_add(1, SeqCst);
    let mut spins = 0u32;
    while arrived.load(SeqCst) < threads * (turn + 1) {
        spins += 1;
        if spins % 64 == 0 {
            ::std::thread::yield_now();
        } else {
            ::std::hint::spin_loop();
        }
    }
}

/// Owners dropped on real threads at the same moment: exactly one of them drops the value.
/// Each round has many values, each owned once by every thread; the threads drop their
/// owners of one value together (a spin gate before each). On a busy machine the OS may
/// still run them one after another: the rounds go on until enough drops overlapped another
/// thread's (`Overlap`), and if that never happens the test says so (it does not pass).
#[test]
fn stress_owners_on_real_threads_drop_the_value_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    const THREADS: usize = 3;
    const VALUES: usize = 32;
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the owners' drops", &overlap, |round| {
        let before = DROPS.load(SeqCst);
        let values: ::std::vec::Vec<Arc<Counted>> = (0..VALUES)
            .map(|v| Arc::new(counted((round * VALUES + v) as u64, &DROPS)))
            .collect();
        let arrived = ::std::sync::Arc::new(AtomicUsize::new(0));
        let owners: ::std::vec::Vec<_> = (0..THREADS)
            .map(|_| {
                let mine: ::std::vec::Vec<Arc<Counted>> =
                    values.iter().map(|a| a.clone()).collect();
                let arrived = ::std::sync::Arc::clone(&arrived);
                let witness = ::std::sync::Arc::clone(&overlap);
                ::std::thread::spawn(move || {
                    let mut seen = ::std::vec::Vec::with_capacity(VALUES);
                    for (v, owner) in mine.into_iter().enumerate() {
                        seen.push(owner.value);
                        gate(&arrived, THREADS, v);
                        // A short wait inside the operation, so that owners released
                        // together are seen to overlap whenever they run at the same time
                        // (a drop alone is over before another thread's starts).
                        witness.op(move || {
                            for _ in 0..500 {
                                ::std::hint::spin_loop();
                            }
                            ::core::mem::drop(owner)
                        });
                    }
                    seen
                })
            })
            .collect();
        ::core::mem::drop(values);
        for owner in owners {
            let seen = owner.join().unwrap();
            for (v, value) in seen.into_iter().enumerate() {
                ::std::assert_eq!(
                    value,
                    (round * VALUES + v) as u64,
                    "every owner sees the value"
                );
            }
        }
        ::std::assert_eq!(
            DROPS.load(SeqCst) - before,
            VALUES,
            "round {round}: {VALUES} values, each with {THREADS} owners dropped on their threads \
             at the same moment: each value must be dropped exactly once, by its last owner"
        );
    });
}
