// Grader-owned tests for atomic_counter: the counter's behaviour, one thread at a time.
// (Concurrent hits are checked by loom: a std run would catch a lost update only by luck.)
use super::*;

#[test]
fn a_new_counter_is_zero() {
    assert_eq!(HitCounter::new().total(), 0, "no hits recorded yet");
}

#[test]
fn counts_every_hit() {
    let counter = HitCounter::new();
    for _ in 0..1000 {
        counter.record();
    }
    assert_eq!(counter.total(), 1000, "1000 hits recorded one after another");
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
    assert_eq!(counter.total(), 30, "three handlers, one after another, 10 hits each");
}
