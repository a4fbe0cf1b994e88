// Grader-owned loom models for relock: the check and the update must not be split.
use super::*;
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

#[test]
fn two_deliveries_near_capacity() {
    crate::std::__workbook::model(|| {
        let w = Arc::new(Warehouse::new());
        assert!(w.receive("bolts", 40) && w.receive("nuts", 40), "model setup: 80 units stored");
        let truck = {
            let w = Arc::clone(&w);
            thread::spawn(move || w.receive("screws", 15))
        };
        let washers = w.receive("washers", 15);
        let screws = truck.join().unwrap();
        assert!(
            w.total() <= CAPACITY,
            "the warehouse holds {} units, more than its capacity of {CAPACITY}: both deliveries \
             passed the check before either was stored",
            w.total()
        );
        assert!(
            screws != washers,
            "80 + 15 fits, 80 + 15 + 15 does not: exactly one delivery must be stored"
        );
    });
}

#[test]
fn two_deliveries_of_one_item() {
    crate::std::__workbook::model(|| {
        let w = Arc::new(Warehouse::new());
        let truck = {
            let w = Arc::clone(&w);
            thread::spawn(move || w.receive("bolts", 30))
        };
        let mine = w.receive("bolts", 30);
        let theirs = truck.join().unwrap();
        assert!(
            w.count("bolts") <= MAX_PER_ITEM,
            "{} bolts stored, more than the limit of {MAX_PER_ITEM} per item",
            w.count("bolts")
        );
        assert!(mine != theirs, "30 bolts fit, 60 do not: exactly one delivery must be stored");
    });
}
