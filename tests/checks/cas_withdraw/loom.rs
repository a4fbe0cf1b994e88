// Grader-owned loom models for cas_withdraw.
use super::Card;
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Card::new` must keep this signature.
    let _: fn(u64) -> Card = Card::new;
    // `Card::withdraw` must keep this signature.
    let _: fn(&Card, u64) -> bool = Card::withdraw;
    // `Card::balance` must keep this signature.
    let _: fn(&Card) -> u64 = Card::balance;
}

/// Runs `withdraw(first)` on a second thread and `withdraw(second)` on this one.
fn two_machines(start: u64, first: u64, second: u64) -> (bool, bool, u64) {
    let card = Arc::new(Card::new(start));
    let other = Arc::clone(&card);
    let machine = thread::spawn(move || other.withdraw(first));
    let b = card.withdraw(second);
    let a = machine.join().unwrap();
    (a, b, card.balance())
}

#[test]
fn only_one_of_two_fares_fits() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(100, 60, 60);
        ::std::assert!(
            a != b,
            "the card holds 100 and two machines each charge 60: exactly one may succeed, \
             but {} did",
            if a { "both" } else { "neither" }
        );
        ::std::assert_eq!(left, 40, "one fare of 60 was paid from 100");
    });
}

#[test]
fn both_fares_fit() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(100, 30, 50);
        ::std::assert!(
            a && b,
            "the card holds 100: fares of 30 and 50 must both succeed"
        );
        ::std::assert_eq!(left, 20, "100 - 30 - 50");
    });
}

#[test]
fn fares_too_high_take_nothing() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(100, 150, 120);
        ::std::assert!(
            !a && !b,
            "the card never holds more than 100: fares of 150 and 120 must both be refused"
        );
        ::std::assert_eq!(left, 100, "nothing was paid");
    });
}

#[test]
fn fares_that_use_up_the_whole_balance() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(90, 30, 60);
        ::std::assert!(
            a && b,
            "the card holds 90: fares of 30 and 60 must both succeed, the second one taking \
             exactly what is left"
        );
        ::std::assert_eq!(left, 0, "90 - 30 - 60");
    });
}
