// Grader-owned loom models for cas_withdraw.
use super::*;

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
        assert!(
            a != b,
            "the card holds 100 and two machines each charge 60: exactly one may succeed, \
             but {} did",
            if a { "both" } else { "neither" }
        );
        assert_eq!(left, 40, "one fare of 60 was paid from 100");
    });
}

#[test]
fn both_fares_fit() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(100, 30, 50);
        assert!(a && b, "the card holds 100: fares of 30 and 50 must both succeed");
        assert_eq!(left, 20, "100 - 30 - 50");
    });
}

#[test]
fn fares_too_high_take_nothing() {
    crate::std::__workbook::model(|| {
        let (a, b, left) = two_machines(100, 150, 120);
        assert!(
            !a && !b,
            "the card never holds more than 100: fares of 150 and 120 must both be refused"
        );
        assert_eq!(left, 100, "nothing was paid");
    });
}
