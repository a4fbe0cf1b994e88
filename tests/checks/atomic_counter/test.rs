// Grader-owned tests for atomic_counter: the counter's behaviour, one thread at a time, then
// concurrent hits on real threads. The loom model (loom.rs) checks every interleaving under the
// model checker; the stress test checks the same property with std's own atomics, so that code
// which behaves differently under the model checker (e.g. branching on `std::any::type_name`)
// cannot pass.
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

/// Concurrent hits on real threads, the property of the loom model `two_handlers_lose_no_hit`:
/// rounds of handlers started together by a barrier, until a hit is lost or the time is up.
/// A lost update needs the OS to switch threads between a load and a store, so one short round
/// catches it only sometimes; many rounds catch it almost always. On a busy machine the OS may
/// run a round's handlers one after another: the rounds go on until enough hits overlapped
/// another handler's (`Overlap`), and if that never happens the test says so (it does not pass).
#[test]
fn stress_handlers_on_real_threads_lose_no_hit() {
    const HANDLERS: usize = 4;
    const EACH: u64 = 1_000;
    let overlap = Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the hits", &overlap, |round| {
        let counter = Arc::new(HitCounter::new());
        let (shared, witness) = (Arc::clone(&counter), Arc::clone(&overlap));
        let counts = crate::__checks::together(HANDLERS, move |_| {
            let began = ::std::time::Instant::now();
            let mut i = 0;
            while witness.more(i, EACH, began) {
                witness.op(|| shared.record());
                i += 1;
            }
            i
        });
        let hits: u64 = counts.iter().sum();
        ::std::assert_eq!(
            counter.total(),
            hits,
            "{HANDLERS} handlers on real threads recorded {counts:?} hits at the same time \
             (round {round}); some hits were lost"
        );
    });
}
