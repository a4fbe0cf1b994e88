// Grader-owned real-thread stress tests for spsc_ring (std build): the models' property on
// real threads with std's own atomics, so code that is right only while model-checked fails.
use super::{Consumer, Producer, ring};

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

/// Waits for the other side of the ring: a short spin, then a yield, so that on a busy machine
/// (the two threads taking turns on one core) the other side runs now, not at the end of this
/// thread's time slice: each handover of a small ring needs it.
fn wait_a_little(tries: &mut u32) {
    *tries += 1;
    if *tries % 64 == 0 {
        ::std::thread::yield_now();
    } else {
        ::std::hint::spin_loop();
    }
}

#[test]
fn stress_real_threads_hand_over_every_reading_in_order() {
    let mut rng = crate::__checks::Rng::new(0x5b5c);
    crate::__checks::rounds(|round| {
        let capacity = rng.range(1, 5) as usize;
        let n = rng.range(200, 1000);
        let first = rng.next_u64() >> 16;
        let readings: ::std::vec::Vec<u64> = (0..n).map(|i| first + i * 7).collect();
        let (producer, consumer): (Producer, Consumer) = ring(capacity);
        let sent = readings.clone();
        let producer = ::std::sync::Mutex::new(::std::option::Option::Some(producer));
        let consumer = ::std::sync::Mutex::new(::std::option::Option::Some(consumer));
        let mut out = crate::__checks::together(2, move |i| {
            if i == 0 {
                let mut producer = producer.lock().unwrap().take().unwrap();
                for &r in &sent {
                    let mut tries = 0u32;
                    while producer.push(r).is_err() {
                        wait_a_little(&mut tries);
                    }
                }
                ::std::vec::Vec::new()
            } else {
                let mut consumer = consumer.lock().unwrap().take().unwrap();
                let mut got = ::std::vec::Vec::with_capacity(sent.len());
                let mut tries = 0u32;
                while got.len() < sent.len() {
                    match consumer.pop() {
                        ::std::option::Option::Some(r) => got.push(r),
                        ::std::option::Option::None => wait_a_little(&mut tries),
                    }
                }
                got
            }
        });
        let got = out.pop().unwrap();
        if let ::std::option::Option::Some(at) =
            (0..readings.len()).find(|&i| got[i] != readings[i])
        {
            ::std::panic!(
                "round {round}: a ring of {capacity} slots, {n} readings from a sensor thread \
                 to a logger thread: reading {at} was {} but the sensor pushed {} (the logger \
                 must get each reading whole and in order)",
                got[at],
                readings[at]
            );
        }
    });
}
