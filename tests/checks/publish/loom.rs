// Grader-owned loom models for publish.
use super::*;

const CALIBRATION: Calibration = Calibration { offset: -40, scale: 1024 };

#[test]
fn a_reader_never_sees_the_flag_without_the_data() {
    crate::std::__workbook::model(|| {
        let slot = Arc::new(CalibrationSlot::new());
        let device = Arc::clone(&slot);
        let publisher = thread::spawn(move || device.publish(CALIBRATION));
        if let Some(seen) = slot.get() {
            assert_eq!(
                seen, CALIBRATION,
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
        assert_eq!(
            seen, CALIBRATION,
            "the reader saw `ready` but not the calibration written before it"
        );
        publisher.join().unwrap();
        assert_eq!(slot.get(), Some(CALIBRATION), "after the publisher was joined");
    });
}
