// Grader-owned loom models for quiz_bank. Model names sort in the order they run: the
// deadlock model comes first.
use super::{Bank, TransferError};
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Bank::new` must keep this signature.
    let _: fn(&[u64]) -> Bank = Bank::new;
    // `Bank::balance` must keep this signature.
    let _: fn(&Bank, usize) -> u64 = Bank::balance;
    // `Bank::completed` must keep this signature.
    let _: fn(&Bank) -> usize = Bank::completed;
    // `Bank::transfer` must keep this signature.
    let _: fn(&Bank, usize, usize, u64) -> ::std::result::Result<(), TransferError> =
        Bank::transfer;
    // `Bank::accounts` must keep this field: each account is a Mutex of its own (the checks
    // hold one to keep a transfer waiting inside).
    let _: fn(&Bank) -> &::std::vec::Vec<crate::std::sync::Mutex<u64>> = |b| &b.accounts;
}

/// Which refusal it is, told by `match`: the learner's own `PartialEq` for `TransferError` could
/// call any two errors equal.
fn refusal<T>(
    result: ::std::result::Result<T, TransferError>,
) -> ::std::result::Result<T, &'static str> {
    result.map_err(|e| match e {
        TransferError::SameAccount => "SameAccount",
        TransferError::NoSuchAccount => "NoSuchAccount",
        TransferError::InsufficientFunds => "InsufficientFunds",
    })
}

#[test]
fn crossing_transfers_do_not_deadlock() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[100, 100]));
        let other = Arc::clone(&bank);
        let t = thread::spawn(move || other.transfer(0, 1, 30));
        let back = bank.transfer(1, 0, 10);
        let there = t.join().unwrap();
        ::std::assert_eq!(
            (there, back),
            (Ok(()), Ok(())),
            "both accounts have enough money"
        );
        ::std::assert_eq!(
            (bank.balance(0), bank.balance(1)),
            (80, 120),
            "account 0 pays 30 and gets 10 back; account 1 the opposite"
        );
        ::std::assert_eq!(bank.completed(), 2, "two transfers succeeded");
    });
}

#[test]
fn disjoint_transfers_are_both_counted() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[50, 50, 50, 50]));
        ::std::assert_eq!(refusal(bank.transfer(0, 1, 500)), Err("InsufficientFunds"));
        ::std::assert_eq!(
            bank.completed(),
            0,
            "a refused transfer must not be counted"
        );
        let other = Arc::clone(&bank);
        let t = thread::spawn(move || other.transfer(0, 1, 10));
        let here = bank.transfer(3, 2, 20);
        let there = t.join().unwrap();
        ::std::assert_eq!((there, here), (Ok(()), Ok(())));
        ::std::assert_eq!(
            (
                bank.balance(0),
                bank.balance(1),
                bank.balance(2),
                bank.balance(3)
            ),
            (40, 60, 70, 30),
            "0 pays 10 to 1, 3 pays 20 to 2"
        );
        ::std::assert_eq!(
            bank.completed(),
            2,
            "two transfers on different accounts both succeeded, so the audit count must be 2"
        );
    });
}

#[test]
fn three_transfers_round_a_cycle() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[10, 10, 10]));
        let (b1, b2) = (Arc::clone(&bank), Arc::clone(&bank));
        let t1 = thread::spawn(move || b1.transfer(0, 1, 5));
        let t2 = thread::spawn(move || b2.transfer(1, 2, 5));
        let here = bank.transfer(2, 0, 5);
        let (r1, r2) = (t1.join().unwrap(), t2.join().unwrap());
        ::std::assert_eq!(
            (r1, r2, here),
            (Ok(()), Ok(()), Ok(())),
            "every account can pay 5"
        );
        ::std::assert_eq!(
            (bank.balance(0), bank.balance(1), bank.balance(2)),
            (10, 10, 10)
        );
        ::std::assert_eq!(bank.completed(), 3);
    });
}

/// Two transfers on four different accounts must be able to run at once (no lock for the
/// whole bank). The main thread holds account 1 itself, so `transfer(0, 1)` stops inside,
/// waiting for it; `transfer(2, 3)` shares no account with it and must still finish before
/// main lets account 1 go. If it waits for the first transfer (one lock for all transfers),
/// the model reports a deadlock: main waits for it, it waits for the first transfer, and the
/// first transfer waits for main's account 1.
#[test]
fn disjoint_transfers_do_not_wait_for_each_other() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[50, 50, 50, 50]));
        let held = bank.accounts[1].lock().unwrap();
        let (b1, b2) = (Arc::clone(&bank), Arc::clone(&bank));
        let t1 = thread::spawn(move || b1.transfer(0, 1, 10));
        let t2 = thread::spawn(move || b2.transfer(2, 3, 20));
        // Account 1 is still held here: only a transfer that needs no lock of 0 -> 1 can end.
        let other = t2.join().unwrap();
        drop(held);
        let first = t1.join().unwrap();
        ::std::assert_eq!(
            (first, other),
            (Ok(()), Ok(())),
            "both payers have enough money"
        );
        ::std::assert_eq!(
            (
                bank.balance(0),
                bank.balance(1),
                bank.balance(2),
                bank.balance(3)
            ),
            (40, 60, 30, 70),
            "0 pays 10 to 1, 2 pays 20 to 3"
        );
        ::std::assert_eq!(bank.completed(), 2, "two transfers succeeded");
    });
}

/// A transfer moves the money while it holds both accounts: someone who holds both accounts
/// at once (an auditor, here the main thread) never finds money in neither. Debiting the payer
/// under its lock, letting it go and only then crediting the payee (no two locks held, so no
/// deadlock) leaves the money in flight where the auditor sees it missing. The auditor takes
/// the second account with `try_lock`, letting the first go when it is busy, so that this model
/// never deadlocks whatever order the transfer locks in.
#[test]
fn an_audit_of_both_accounts_finds_all_the_money() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[10, 10]));
        let other = Arc::clone(&bank);
        let t = thread::spawn(move || other.transfer(0, 1, 4));
        let (first, second) = loop {
            let first = bank.accounts[0].lock().unwrap();
            match bank.accounts[1].try_lock() {
                ::std::result::Result::Ok(second) => break (*first, *second),
                ::std::result::Result::Err(_) => {
                    drop(first);
                    thread::yield_now();
                }
            }
        };
        ::std::assert_eq!(
            first + second,
            20,
            "an auditor holding both accounts found {first} + {second}: while a transfer of 4 \
             was under way, money was in neither account. Hold both accounts' locks from the \
             balance check until the money has moved"
        );
        ::std::assert_eq!(refusal(t.join().unwrap()), Ok(()), "account 0 can pay 4");
        ::std::assert_eq!((bank.balance(0), bank.balance(1)), (6, 14));
    });
}

/// Two transfers from one payer who can afford only one of them: exactly one succeeds. A
/// balance checked before both locks are held (or under a lock let go before the debit) lets
/// both pass the check on the same balance, and the second debit takes money already gone.
#[test]
fn two_debits_from_one_payer_cannot_both_spend_its_money() {
    crate::std::__workbook::model(|| {
        let bank = Arc::new(Bank::new(&[10, 0, 0]));
        let other = Arc::clone(&bank);
        let t = thread::spawn(move || other.transfer(0, 1, 7));
        let here = refusal(bank.transfer(0, 2, 7));
        let there = refusal(t.join().unwrap());
        ::std::assert!(
            ::std::matches!(
                (there, here),
                (Ok(()), Err("InsufficientFunds")) | (Err("InsufficientFunds"), Ok(()))
            ),
            "account 0 holds 10 and two transfers of 7 from it ran at once: exactly one must \
             succeed and the other be refused with InsufficientFunds, got {there:?} and \
             {here:?}. Check the balance while holding both locks, then debit"
        );
        ::std::assert_eq!(
            (bank.balance(0), bank.balance(1) + bank.balance(2)),
            (3, 7),
            "one transfer of 7 from 10"
        );
        ::std::assert_eq!(bank.completed(), 1, "one transfer succeeded");
    });
}
