// Grader-owned loom models for bank_transfer.
use super::{Account, transfer};
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Account::new` must keep this signature.
    let _: fn(u32, i64) -> Account = Account::new;
    // `transfer` must keep this signature.
    let _: fn(&Account, &Account, i64) -> bool = transfer;
    // `Account::balance` must keep this field.
    let _: fn(&Account) -> &crate::std::sync::Mutex<i64> = |a| &a.balance;
}

#[test]
fn opposite_transfers_finish_and_keep_the_total() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(1, 100));
        let bob = Arc::new(Account::new(2, 100));
        let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
        let t = thread::spawn(move || transfer(&a, &b, 30));
        let back = transfer(&bob, &alice, 10);
        let there = t.join().unwrap();
        ::std::assert!(
            there && back,
            "both transfers have enough money and must succeed"
        );
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        ::std::assert_eq!(
            (a, b),
            (80, 120),
            "alice pays 30 and gets 10 back; bob the opposite"
        );
    });
}

/// Sums both balances, each read under its lock, with both locks held at once. It never waits
/// while holding a lock (try_lock, let go, retry), so it cannot deadlock with any lock order
/// a transfer uses: only the transfer is under test.
fn audit(a: &Account, b: &Account) -> i64 {
    loop {
        if let Ok(x) = a.balance.try_lock() {
            if let Ok(y) = b.balance.try_lock() {
                return *x + *y;
            }
        }
        thread::yield_now();
    }
}

#[test]
fn an_audit_never_sees_money_in_flight() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(1, 100));
        let bob = Arc::new(Account::new(2, 100));
        let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
        let t = thread::spawn(move || transfer(&a, &b, 30));
        let total = audit(&alice, &bob);
        ::std::assert_eq!(
            total,
            200,
            "an audit during the transfer found {total} in total instead of 200: the money left one \
             account while the other was not locked yet (hold both locks for the whole transfer)"
        );
        ::std::assert!(
            t.join().unwrap(),
            "the transfer has enough money and must succeed"
        );
    });
}

/// Two debits from one payer at once: alice (100) pays bob 60 and carol 60. Only one can be
/// paid; a balance check made before both locks are held lets both pass it, and alice ends
/// at -20. Carol's id is below alice's and bob's above, so the two transfers take their locks
/// in different orders of argument.
#[test]
fn two_debits_from_one_payer_never_overdraw() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(2, 100));
        let bob = Arc::new(Account::new(3, 0));
        let carol = Arc::new(Account::new(1, 0));
        let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
        let t = thread::spawn(move || transfer(&a, &b, 60));
        let to_carol = transfer(&alice, &carol, 60);
        let to_bob = t.join().unwrap();
        let left = *alice.balance.lock().unwrap();
        ::std::assert!(
            left >= 0,
            "alice had 100 and two debits of 60 ran at once: both passed the balance check and \
             alice ended at {left}: check the balance while holding both locks, in the same \
             critical section as the debit"
        );
        ::std::assert!(
            to_bob != to_carol,
            "alice had 100 and two debits of 60 ran at once: exactly one must succeed"
        );
        let (b, c) = (*bob.balance.lock().unwrap(), *carol.balance.lock().unwrap());
        ::std::assert_eq!(
            (left, b + c),
            (40, 60),
            "one debit of 60 from alice's 100 succeeded: alice must have 40 and the payee 60"
        );
    });
}
