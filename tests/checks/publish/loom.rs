// Grader-owned loom models for publish.
use super::{Calibration, CalibrationSlot};
use crate::std::sync::Arc;
use crate::std::thread;

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

/// What the models compare: the fields themselves, with std's `==`, never the learner's own
/// `PartialEq` for `Calibration` (an `eq` that is always true would hide a torn read).
fn fields(c: &Calibration) -> (i64, u64) {
    (c.offset, c.scale)
}

/// The calibration a model publishes: drawn per run (never zero, the slot's initial value),
/// so that `get` cannot return a value it knows in advance.
fn calibration(salt: u64) -> Calibration {
    let mut rng = crate::__checks::Rng::new(salt);
    Calibration {
        offset: -(rng.range(1, 1_000_000) as i64),
        scale: rng.range(1, 1 << 40),
    }
}

#[test]
fn a_reader_never_sees_the_flag_without_the_data() {
    let published = calibration(0x0b11_5bed);
    crate::std::__workbook::model(move || {
        let slot = Arc::new(CalibrationSlot::new());
        let device = Arc::clone(&slot);
        let publisher = thread::spawn(move || device.publish(published));
        if let Some(seen) = slot.get() {
            ::std::assert_eq!(
                fields(&seen),
                fields(&published),
                "the reader saw `ready`, and `get` returned offset {} and scale {}, not the \
                 calibration written before it",
                seen.offset,
                seen.scale
            );
        }
        publisher.join().unwrap();
    });
}

#[test]
fn a_reader_waiting_for_the_flag_gets_the_data() {
    let published = calibration(0x0b11_5bed ^ 1);
    crate::std::__workbook::model(move || {
        let slot = Arc::new(CalibrationSlot::new());
        let device = Arc::clone(&slot);
        let publisher = thread::spawn(move || device.publish(published));
        let seen = loop {
            match slot.get() {
                Some(c) => break c,
                None => thread::yield_now(),
            }
        };
        ::std::assert_eq!(
            fields(&seen),
            fields(&published),
            "the reader saw `ready`, and `get` returned offset {} and scale {}, not the \
             calibration written before it",
            seen.offset,
            seen.scale
        );
        publisher.join().unwrap();
        ::std::assert_eq!(
            slot.get().as_ref().map(fields),
            Some(fields(&published)),
            "after the publisher was joined, `get` must return what was published"
        );
    });
}
