// Grader-owned loom models for bank_transfer.
use super::*;

#[test]
fn opposite_transfers_finish_and_keep_the_total() {
    loom::model(|| {
        let alice = Arc::new(Account::new(1, 100));
        let bob = Arc::new(Account::new(2, 100));
        let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
        let t = thread::spawn(move || transfer(&a, &b, 30));
        let back = transfer(&bob, &alice, 10);
        let there = t.join().unwrap();
        assert!(there && back, "both transfers have enough money and must succeed");
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        assert_eq!((a, b), (80, 120), "alice pays 30 and gets 10 back; bob the opposite");
    });
}
