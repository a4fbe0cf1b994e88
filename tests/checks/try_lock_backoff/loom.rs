// Grader-owned loom models for try_lock_backoff.
use super::{Account, Busy, attempt_transfer, transfer};
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
    // `attempt_transfer` must keep this signature.
    let _: fn(&Account, &Account, i64) -> ::std::result::Result<bool, Busy> = attempt_transfer;
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
        let pays = {
            let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
            thread::spawn(move || transfer(&a, &b, 30))
        };
        let back = transfer(&bob, &alice, 10);
        let there = pays.join().unwrap();
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

#[test]
fn while_an_account_is_held_an_attempt_gives_up() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(1, 100));
        let bob = Arc::new(Account::new(2, 100));
        // Another part of the bank holds bob's account for as long as this model runs.
        let held = bob.balance.lock().unwrap();
        let attempt = {
            let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
            thread::spawn(move || {
                let result = attempt_transfer(&a, &b, 30);
                // Nothing may stay locked after a failed attempt.
                let alice_free = a.balance.try_lock().is_ok();
                (result, alice_free)
            })
        };
        let (result, alice_free) = attempt.join().unwrap();
        ::std::assert!(
            ::core::matches!(result, Err(Busy)),
            "bob's account is locked: the attempt must give up with Busy"
        );
        ::std::assert!(
            alice_free,
            "after giving up, the attempt must not keep alice's account locked"
        );
        drop(held);
        ::std::assert_eq!(
            *alice.balance.lock().unwrap(),
            100,
            "a failed attempt moves nothing"
        );
    });
}

/// Two debits from one payer that each fit the balance but not together: exactly one goes
/// through. The balance must be checked while both accounts are held, in the same attempt as
/// the debit: a check made under `from`'s lock alone, released before both are taken, lets the
/// other debit run in between, and both pass it.
#[test]
fn two_debits_from_one_payer_never_overdraw() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(1, 50));
        let bob = Arc::new(Account::new(2, 0));
        let first = {
            let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
            thread::spawn(move || transfer(&a, &b, 30))
        };
        let second = transfer(&alice, &bob, 30);
        let first = first.join().unwrap();
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        ::std::assert!(
            a >= 0,
            "alice had 50 and two transfers of 30 each checked it: alice ends with {a}, overdrawn \
             (check the balance while both accounts are held, in the attempt that debits)"
        );
        ::std::assert!(
            first != second,
            "alice has 50: exactly one of two transfers of 30 must succeed (the first returned \
             {first}, the second {second})"
        );
        ::std::assert_eq!(
            (a, b),
            (20, 30),
            "one transfer of 30 moved: alice 20, bob 30"
        );
    });
}

/// A transfer to an account that another part of the bank holds for a while: the attempts
/// keep finding it busy until it is let go, and the transfer must go on retrying (backing
/// off) until then, however many attempts that takes: `Busy` is never a reason to give up.
#[test]
fn a_transfer_waits_out_a_long_hold() {
    crate::std::__workbook::model(|| {
        let alice = Arc::new(Account::new(1, 100));
        let bob = Arc::new(Account::new(2, 100));
        let held = bob.balance.lock().unwrap();
        let pays = {
            let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
            thread::spawn(move || transfer(&a, &b, 30))
        };
        // Hold bob's account while the transfer gets several turns.
        for _ in 0..6 {
            thread::yield_now();
        }
        drop(held);
        ::std::assert!(
            pays.join().unwrap(),
            "alice has the money: a transfer that finds bob's account busy must retry until it \
             is free, not give up"
        );
        ::std::assert_eq!(
            (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap()),
            (70, 130),
            "alice paid bob 30"
        );
    });
}
