// Grader-owned tests for publish, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
// (Real hardware shows some reorderings rarely or never, x86 a store buffer but no other: the
// model is what finds an ordering bug; these fail code that is right only while model-checked.)
use super::{Calibration, CalibrationSlot};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `CalibrationSlot::new` must keep this signature.
    let _: fn() -> CalibrationSlot = CalibrationSlot::new;
    // `CalibrationSlot::publish` must keep this signature.
    let _: fn(&CalibrationSlot, Calibration) = CalibrationSlot::publish;
    // `CalibrationSlot::get` must keep this signature.
    let _: fn(&CalibrationSlot) -> ::std::option::Option<Calibration> = CalibrationSlot::get;
    // `Calibration::offset` must keep this field.
    let _: fn(&Calibration) -> &i64 = |c| &c.offset;
    // `Calibration::scale` must keep this field.
    let _: fn(&Calibration) -> &u64 = |c| &c.scale;
}

/// How long, and at most how many rounds, each stress test runs (kept short: it runs on every passing save, after the models): a race shows on real threads
/// only when the OS switches threads inside it, so one round catches it only sometimes.
const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(400);
const MAX_ROUNDS: usize = 10_000;

/// Runs `round(1)`, `round(2)`, ... until the time or the rounds are up.
fn rounds(mut round: impl ::core::ops::FnMut(usize)) {
    let began = ::std::time::Instant::now();
    let mut n = 0;
    while n < MAX_ROUNDS && began.elapsed() < FOR {
        n += 1;
        round(n);
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

/// Slots per round: the publisher and the readers go through them in order.
const SLOTS: usize = 500;

/// `a_reader_never_sees_the_flag_without_the_data` and
/// `a_reader_waiting_for_the_flag_gets_the_data` on real threads: readers poll each slot until
/// it is published; whatever they see must be the whole calibration.
#[test]
fn stress_readers_never_see_the_flag_without_the_data() {
    rounds(|round| {
        let slots: ::std::sync::Arc<::std::vec::Vec<CalibrationSlot>> =
            ::std::sync::Arc::new((0..SLOTS).map(|_| CalibrationSlot::new()).collect());
        let shared = ::std::sync::Arc::clone(&slots);
        let seen = together(3, move |i| {
            let mut seen = ::std::vec::Vec::new();
            for (k, slot) in shared.iter().enumerate() {
                if i == 0 {
                    slot.publish(Calibration {
                        offset: -(k as i64),
                        scale: k as u64 * 3 + 1,
                    });
                    continue;
                }
                let c = loop {
                    match slot.get() {
                        ::std::option::Option::Some(c) => break c,
                        ::std::option::Option::None => ::std::hint::spin_loop(),
                    }
                };
                seen.push((k, c.offset, c.scale));
            }
            seen
        });
        for &(k, offset, scale) in seen.iter().flatten() {
            ::std::assert_eq!(
                (offset, scale),
                (-(k as i64), k as u64 * 3 + 1),
                "a reader on real threads (round {round}) saw `ready` but not the calibration \
                 written before it"
            );
        }
    });
}
