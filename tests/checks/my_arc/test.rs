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

/// Owners dropped on real threads at the same moment: exactly one of them drops the value.
#[test]
fn stress_owners_on_real_threads_drop_the_value_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    const THREADS: usize = 4;
    const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(300);
    const MAX_ROUNDS: usize = 200;
    let began = ::std::time::Instant::now();
    let mut round = 0;
    while round < MAX_ROUNDS && began.elapsed() < FOR {
        round += 1;
        let value = Arc::new(counted(round as u64, &DROPS));
        let start = ::std::sync::Arc::new(::std::sync::Barrier::new(THREADS));
        let owners: ::std::vec::Vec<_> = (0..THREADS)
            .map(|_| {
                let mine = value.clone();
                let start = ::std::sync::Arc::clone(&start);
                ::std::thread::spawn(move || {
                    start.wait();
                    let seen = mine.value;
                    ::core::mem::drop(mine);
                    seen
                })
            })
            .collect();
        ::core::mem::drop(value);
        for owner in owners {
            ::std::assert_eq!(
                owner.join().unwrap(),
                round as u64,
                "every owner sees the value"
            );
        }
        ::std::assert_eq!(
            DROPS.load(SeqCst),
            round,
            "round {round}: {THREADS} owners dropped on their threads: the value must be \
             dropped exactly once, by the last"
        );
    }
}
