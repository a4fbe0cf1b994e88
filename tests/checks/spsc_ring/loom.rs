// Grader-owned loom models for spsc_ring.
use super::{Consumer, Producer, ring};
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `ring` must keep this signature.
    let _: fn(usize) -> (Producer, Consumer) = ring;
    // `Producer::push` must keep this signature.
    let _: fn(&mut Producer, u64) -> ::std::result::Result<(), u64> = Producer::push;
    // `Consumer::pop` must keep this signature.
    let _: fn(&mut Consumer) -> ::std::option::Option<u64> = Consumer::pop;
}

/// Pushes every reading in order, waiting (with a yield) while the ring is full.
fn produce(mut producer: Producer, readings: &[u64]) {
    for &r in readings {
        while producer.push(r).is_err() {
            thread::yield_now();
        }
    }
}

/// Pops `n` readings, waiting (with a yield) while the ring is empty.
fn consume(consumer: &mut Consumer, n: usize) -> Vec<u64> {
    let mut got = Vec::new();
    while got.len() < n {
        match consumer.pop() {
            Some(r) => got.push(r),
            None => thread::yield_now(),
        }
    }
    got
}

#[test]
fn step1_one_thread_fills_empties_and_wraps_around() {
    crate::std::__workbook::model(|| {
        let (mut p, mut c) = ring(2);
        ::std::assert_eq!(c.pop(), None, "a new ring is empty");
        ::std::assert_eq!(p.push(11), Ok(()));
        ::std::assert_eq!(p.push(22), Ok(()));
        ::std::assert_eq!(
            p.push(33),
            Err(33),
            "a ring of 2 slots holding 2 readings is full"
        );
        ::std::assert_eq!(c.pop(), Some(11), "the oldest reading comes out first");
        ::std::assert_eq!(p.push(33), Ok(()), "popping one reading frees one slot");
        ::std::assert_eq!(c.pop(), Some(22));
        ::std::assert_eq!(
            c.pop(),
            Some(33),
            "the third reading went into the first slot again"
        );
        ::std::assert_eq!(c.pop(), None, "every reading was taken");
        // Every size from 1 to 5 slots, filled to the brim twice, the second time across the
        // end of the slots: a ring asked for `capacity` readings takes exactly that many
        // before it is full (not one less, not a rounded-up number more).
        for capacity in 1..=5usize {
            let (mut p, mut c) = ring(capacity);
            let base = 1000 * capacity as u64;
            for turn in 0..2u64 {
                let first = base + turn * 100;
                for i in 0..capacity as u64 {
                    ::std::assert_eq!(
                        p.push(first + i),
                        Ok(()),
                        "ring({}) holding {} readings refused another: it has room for {}",
                        capacity,
                        i,
                        capacity
                    );
                }
                let extra = first + capacity as u64;
                ::std::assert_eq!(
                    p.push(extra),
                    Err(extra),
                    "ring({}) holding {} readings took one more: it is full at {}",
                    capacity,
                    capacity,
                    capacity
                );
                for i in 0..capacity as u64 {
                    ::std::assert_eq!(
                        c.pop(),
                        Some(first + i),
                        "ring({}): the oldest reading comes out first",
                        capacity
                    );
                }
                ::std::assert_eq!(c.pop(), None, "ring({}): every reading was taken", capacity);
                // One more through, so that the second fill wraps around the end of the slots.
                ::std::assert_eq!(p.push(first + 50), Ok(()));
                ::std::assert_eq!(c.pop(), Some(first + 50));
            }
        }
    });
}

#[test]
fn step2_readings_cross_threads_whole_and_in_order() {
    crate::std::__workbook::model(|| {
        let (p, mut c) = ring(2);
        let sensor = thread::spawn(move || produce(p, &[11, 22, 33]));
        let got = consume(&mut c, 3);
        sensor.join().unwrap();
        ::std::assert_eq!(
            got,
            ::std::vec![11, 22, 33],
            "the logger must get each reading as it was written, in order"
        );
    });
}

#[test]
fn step3_a_one_slot_ring_hands_over_each_reading() {
    crate::std::__workbook::model(|| {
        let (p, mut c) = ring(1);
        let sensor = thread::spawn(move || produce(p, &[11, 22]));
        let got = consume(&mut c, 2);
        sensor.join().unwrap();
        ::std::assert_eq!(
            got,
            ::std::vec![11, 22],
            "the logger must get each reading as it was written, in order"
        );
    });
}
