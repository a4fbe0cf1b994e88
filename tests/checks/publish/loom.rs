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

const CALIBRATION: Calibration = Calibration {
    offset: -40,
    scale: 1024,
};

#[test]
fn a_reader_never_sees_the_flag_without_the_data() {
    crate::std::__workbook::model(|| {
        let slot = Arc::new(CalibrationSlot::new());
        let device = Arc::clone(&slot);
        let publisher = thread::spawn(move || device.publish(CALIBRATION));
        if let Some(seen) = slot.get() {
            ::std::assert_eq!(
                fields(&seen),
                fields(&CALIBRATION),
                "the reader saw `ready` but not the calibration written before it"
            );
        }
        publisher.join().unwrap();
    });
}

#[test]
fn a_reader_waiting_for_the_flag_gets_the_data() {
    crate::std::__workbook::model(|| {
        let slot = Arc::new(CalibrationSlot::new());
        let device = Arc::clone(&slot);
        let publisher = thread::spawn(move || device.publish(CALIBRATION));
        let seen = loop {
            match slot.get() {
                Some(c) => break c,
                None => thread::yield_now(),
            }
        };
        ::std::assert_eq!(
            fields(&seen),
            fields(&CALIBRATION),
            "the reader saw `ready` but not the calibration written before it"
        );
        publisher.join().unwrap();
        ::std::assert_eq!(
            slot.get().as_ref().map(fields),
            Some(fields(&CALIBRATION)),
            "after the publisher was joined"
        );
    });
}
