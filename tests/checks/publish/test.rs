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

/// Before anything is published, `get` answers at once, with None: readers poll it, and must
/// not be held up until the publisher gets round to it. (Asked on a thread of its own, so that
/// a `get` that waits fails with this message, not with the time limit.)
#[test]
fn a_slot_with_nothing_published_answers_none_at_once() {
    let (tx, rx) = ::std::sync::mpsc::channel();
    ::std::thread::spawn(move || {
        let slot = CalibrationSlot::new();
        let _ = tx.send(slot.get().map(|c| (c.offset, c.scale)));
    });
    match rx.recv_timeout(::std::time::Duration::from_secs(5)) {
        ::std::result::Result::Ok(got) => ::std::assert_eq!(
            got,
            ::std::option::Option::None,
            "nothing was published yet: `get` must return None"
        ),
        ::std::result::Result::Err(_) => ::std::panic!(
            "`get` on a slot where nothing was published had not returned after 5 s: it must \
             return None at once, not wait for a calibration"
        ),
    }
}

/// Slots per round: the publisher and the readers go through them in order.
const SLOTS: usize = 500;

/// `a_reader_never_sees_the_flag_without_the_data` and
/// `a_reader_waiting_for_the_flag_gets_the_data` on real threads: readers poll each slot until
/// it is published; whatever they see must be the whole calibration.
#[test]
fn stress_readers_never_see_the_flag_without_the_data() {
    crate::__checks::rounds(|round| {
        let slots: ::std::sync::Arc<::std::vec::Vec<CalibrationSlot>> =
            ::std::sync::Arc::new((0..SLOTS).map(|_| CalibrationSlot::new()).collect());
        let shared = ::std::sync::Arc::clone(&slots);
        // The calibrations, drawn per round: nothing the reader returns can be guessed.
        let mut rng = crate::__checks::Rng::new(0x0b11_5bed ^ 0x5eed ^ round as u64);
        let published: ::std::sync::Arc<::std::vec::Vec<(i64, u64)>> = ::std::sync::Arc::new(
            (0..SLOTS)
                .map(|_| (-(rng.range(1, 1_000_000) as i64), rng.range(1, 1 << 40)))
                .collect(),
        );
        let expected = ::std::sync::Arc::clone(&published);
        let seen = crate::__checks::together(3, move |i| {
            let mut seen = ::std::vec::Vec::new();
            for (k, slot) in shared.iter().enumerate() {
                if i == 0 {
                    let (offset, scale) = published[k];
                    slot.publish(Calibration { offset, scale });
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
                expected[k],
                "a reader on real threads (round {round}) saw `ready` but not the calibration \
                 written before it"
            );
        }
    });
}
