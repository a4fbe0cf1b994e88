// Grader-owned tests for my_weak: upgrade while an Arc lives and after the last one is gone,
// with counted drops, on one thread and on real threads. The allocation is watched too
// (`crate::__checks::heap`: the binary's allocator counts its frees): freed exactly once,
// by the last Arc or the last Weak, whichever goes last. The loom models (loom.rs) check an
// upgrade racing with the last Arc's drop under every interleaving.
use super::{Arc, Weak};
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Arc::new`, `Arc::downgrade` and `Weak::upgrade` must keep these signatures.
    let _: fn(u64) -> Arc<u64> = Arc::new;
    let _: fn(&Arc<u64>) -> Weak<u64> = Arc::downgrade;
    let _: fn(&Weak<u64>) -> ::std::option::Option<Arc<u64>> = Weak::upgrade;
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

/// `Arc::new(counted(..))`, and a watch on the heap allocation that holds the value.
fn watched(
    value: u64,
    drops: &'static AtomicUsize,
) -> (Arc<Counted>, crate::__checks::heap::Watch) {
    let recording = crate::__checks::heap::Recording::start();
    let a = Arc::new(counted(value, drops));
    let address = &*a as *const Counted as usize;
    let watch = recording.holding(address).expect(
        "Arc::new must put the value in a heap allocation (a Box): none of the allocations it made holds it",
    );
    (a, watch)
}

fn assert_freed_once(watch: &crate::__checks::heap::Watch, when: &str) {
    match watch.frees() {
        1 => {}
        0 => ::std::panic!(
            "{when}: the allocation is never freed (a leak): the last of all the Arcs and Weaks must free it"
        ),
        n => ::std::panic!("{when}: the allocation is freed {n} times: exactly once"),
    }
}

#[test]
fn the_allocation_is_freed_once_by_whoever_goes_last() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    // No Weak ever: the last Arc frees it.
    let (a, watch) = watched(1, &DROPS);
    let b = a.clone();
    ::core::mem::drop(a);
    ::std::assert_eq!(
        watch.frees(),
        0,
        "an Arc still lives: the allocation must stay"
    );
    ::core::mem::drop(b);
    assert_freed_once(&watch, "one Arc cloned, both dropped, no Weak");
    // The Arcs go first: the last Weak frees it.
    let (a, watch) = watched(2, &DROPS);
    let w = Arc::downgrade(&a);
    let w2 = w.clone();
    ::core::mem::drop(a);
    ::core::mem::drop(w);
    ::std::assert_eq!(
        watch.frees(),
        0,
        "a Weak still lives: the allocation (its counts) must stay"
    );
    ::core::mem::drop(w2);
    assert_freed_once(&watch, "the Arc dropped, then both Weaks");
    // The Weaks go first: the last Arc frees it.
    let (a, watch) = watched(3, &DROPS);
    let w = Arc::downgrade(&a);
    let b = w
        .upgrade()
        .expect("an Arc still lives: upgrade must give the value");
    ::core::mem::drop(w);
    ::core::mem::drop(a);
    ::std::assert_eq!(
        watch.frees(),
        0,
        "an Arc still lives: the allocation must stay"
    );
    ::core::mem::drop(b);
    assert_freed_once(&watch, "the Weak dropped, then both Arcs");
    ::std::assert_eq!(DROPS.load(SeqCst), 3, "each value is dropped exactly once");
}

#[test]
fn upgrade_gives_the_value_while_an_arc_lives() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let a = Arc::new(counted(7, &DROPS));
    let w = Arc::downgrade(&a);
    let b = w
        .upgrade()
        .expect("an Arc still lives: upgrade must give the value");
    ::std::assert_eq!(b.value, 7, "the upgraded Arc reaches the value");
    ::std::assert!(::core::ptr::eq(&*a, &*b), "the same value, not a copy");
    ::core::mem::drop(a);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        0,
        "the upgraded Arc keeps the value alive"
    );
    ::core::mem::drop(b);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the last Arc is gone: the value is dropped once"
    );
    ::std::assert!(
        w.upgrade().is_none(),
        "after the last Arc, upgrade must give None"
    );
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a failed upgrade must not drop the value again"
    );
}

#[test]
fn a_weak_does_not_keep_the_value_alive() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let a = Arc::new(counted(7, &DROPS));
    let w = Arc::downgrade(&a);
    let w2 = w.clone();
    ::core::mem::drop(a);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "only Weaks are left: the value is dropped"
    );
    ::std::assert!(
        w.upgrade().is_none(),
        "no Arc is left: upgrade must give None"
    );
    ::std::assert!(
        w2.upgrade().is_none(),
        "no Arc is left: upgrade must give None"
    );
    ::std::assert!(
        w.upgrade().is_none(),
        "upgrade must never bring the value back"
    );
    ::core::mem::drop(w);
    ::core::mem::drop(w2);
    ::std::assert_eq!(DROPS.load(SeqCst), 1, "the value is dropped exactly once");
}

/// An upgrade on a real thread while the last Arc is dropped: Some with the live value, or
/// None, and the value dropped exactly once.
#[test]
fn stress_upgrade_races_with_the_last_drop() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(300);
    const MAX_ROUNDS: usize = 300;
    let began = ::std::time::Instant::now();
    let mut round = 0;
    while round < MAX_ROUNDS && began.elapsed() < FOR {
        round += 1;
        let (a, watch) = watched(round as u64, &DROPS);
        let w = Arc::downgrade(&a);
        let reader = ::std::thread::spawn(move || w.upgrade().map(|x| x.value));
        ::core::mem::drop(a);
        if let ::std::option::Option::Some(v) = reader.join().unwrap() {
            ::std::assert_eq!(v, round as u64, "an upgrade must give the live value");
        }
        ::std::assert_eq!(
            DROPS.load(SeqCst),
            round,
            "round {round}: the value must be dropped exactly once"
        );
        assert_freed_once(&watch, &::std::format!("round {round}"));
    }
}
