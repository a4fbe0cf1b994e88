// Grader-owned loom models for atomic_counter.
use super::HitCounter;
use crate::std::sync::Arc;
use crate::std::thread;

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
fn two_handlers_lose_no_hit() {
    crate::std::__workbook::model(|| {
        let counter = Arc::new(HitCounter::new());
        let other = Arc::clone(&counter);
        let handler = thread::spawn(move || other.record());
        counter.record();
        handler.join().unwrap();
        ::std::assert_eq!(
            counter.total(),
            2,
            "two hits were recorded at the same time; one was lost"
        );
    });
}

#[test]
fn three_handlers_two_hits_each() {
    crate::std::__workbook::model(|| {
        let counter = Arc::new(HitCounter::new());
        let handlers: Vec<_> = (0..2)
            .map(|_| {
                let c = Arc::clone(&counter);
                thread::spawn(move || {
                    c.record();
                    c.record();
                })
            })
            .collect();
        counter.record();
        counter.record();
        for h in handlers {
            h.join().unwrap();
        }
        ::std::assert_eq!(
            counter.total(),
            6,
            "three threads recorded two hits each; some were lost"
        );
    });
}
