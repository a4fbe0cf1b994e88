// Grader-owned tests for atomic_counter: the counter's behaviour, one thread at a time.
// (Concurrent hits are checked by loom: a std run would catch a lost update only by luck.)
use super::HitCounter;
use ::std::sync::Arc;
use ::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `HitCounter::new` must keep this signature.
    let _: fn() -> HitCounter = HitCounter::new;
    // `HitCounter::record` must keep this signature.
    let _: fn(&HitCounter) = HitCounter::record;
    // `HitCounter::total` must keep this signature.
    let _: fn(&HitCounter) -> u64 = HitCounter::total;
}

#[test]
fn a_new_counter_is_zero() {
    ::std::assert_eq!(HitCounter::new().total(), 0, "no hits recorded yet");
}

#[test]
fn counts_every_hit() {
    let counter = HitCounter::new();
    for _ in 0..1000 {
        counter.record();
    }
    ::std::assert_eq!(
        counter.total(),
        1000,
        "1000 hits recorded one after another"
    );
}

#[test]
fn counts_hits_from_other_threads() {
    let counter = Arc::new(HitCounter::new());
    for _ in 0..3 {
        let c = Arc::clone(&counter);
        // One handler at a time: each is joined before the next starts.
        thread::spawn(move || {
            for _ in 0..10 {
                c.record();
            }
        })
        .join()
        .unwrap();
    }
    ::std::assert_eq!(
        counter.total(),
        30,
        "three handlers, one after another, 10 hits each"
    );
}
