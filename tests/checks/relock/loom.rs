// Grader-owned loom models for relock: the check and the update must not be split.
use super::{CAPACITY, MAX_PER_ITEM, Warehouse};
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `CAPACITY` must keep this value.
    let _: u32 = CAPACITY;
    // `MAX_PER_ITEM` must keep this value.
    let _: u32 = MAX_PER_ITEM;
    // `Warehouse::new` must keep this signature.
    let _: fn() -> Warehouse = Warehouse::new;
    // `Warehouse::count` must keep this signature.
    let _: fn(&Warehouse, &str) -> u32 = Warehouse::count;
    // `Warehouse::total` must keep this signature.
    let _: fn(&Warehouse) -> u32 = Warehouse::total;
    // `Warehouse::receive` must keep this signature.
    let _: fn(&Warehouse, &str, u32) -> bool = Warehouse::receive;
}

#[test]
fn two_deliveries_near_capacity() {
    crate::std::__workbook::model(|| {
        let w = Arc::new(Warehouse::new());
        ::std::assert!(
            w.receive("bolts", 40) && w.receive("nuts", 40),
            "model setup: 80 units stored"
        );
        let truck = {
            let w = Arc::clone(&w);
            thread::spawn(move || w.receive("screws", 15))
        };
        let washers = w.receive("washers", 15);
        let screws = truck.join().unwrap();
        ::std::assert!(
            w.total() <= CAPACITY,
            "the warehouse holds {} units, more than its capacity of {CAPACITY}: both deliveries \
             passed the check before either was stored",
            w.total()
        );
        ::std::assert!(
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
        ::std::assert!(
            w.count("bolts") <= MAX_PER_ITEM,
            "{} bolts stored, more than the limit of {MAX_PER_ITEM} per item",
            w.count("bolts")
        );
        ::std::assert!(
            mine != theirs,
            "30 bolts fit, 60 do not: exactly one delivery must be stored"
        );
    });
}

#[test]
fn two_deliveries_that_both_fit() {
    crate::std::__workbook::model(|| {
        let w = Arc::new(Warehouse::new());
        let truck = {
            let w = Arc::clone(&w);
            thread::spawn(move || w.receive("bolts", 10))
        };
        let nuts = w.receive("nuts", 10);
        let bolts = truck.join().unwrap();
        ::std::assert!(
            bolts && nuts,
            "10 bolts and 10 nuts both fit, but {} refused while the other delivery held the \
             stock: `receive` must wait for the lock, not give up",
            if bolts {
                "the nuts were"
            } else {
                "the bolts were"
            }
        );
        ::std::assert_eq!(w.total(), 20, "both deliveries stored: 20 units in stock");
    });
}
