// Grader-owned tests for poisoning.
use super::*;
use std::sync::{Arc, Mutex, PoisonError};

fn ledger_with(amounts: &[i64]) -> Arc<Mutex<Ledger>> {
    let balance = amounts.iter().sum();
    Arc::new(Mutex::new(Ledger { entries: amounts.to_vec(), balance }))
}

/// A worker records `amount`, then panics before updating the balance. It panics with
/// `resume_unwind`, which unwinds (and so poisons the lock) like `panic!` but prints nothing:
/// a failing test then shows the learner's panic, not this expected one.
fn crash_while_posting(ledger: &Arc<Mutex<Ledger>>, amount: i64) {
    let ledger2 = Arc::clone(ledger);
    let result = std::thread::spawn(move || {
        let mut book = ledger2.lock().unwrap_or_else(PoisonError::into_inner);
        book.entries.push(amount);
        std::panic::resume_unwind(Box::new(format!(
            "worker crashed halfway through posting {amount}"
        )));
    })
    .join();
    assert!(result.is_err());
    assert!(ledger.is_poisoned(), "test setup: the ledger must now be poisoned");
}

#[test]
fn posting_without_panics() {
    let ledger = ledger_with(&[]);
    post(&ledger, 100);
    post(&ledger, -30);
    assert_eq!(balance(&ledger), 70);
    assert!(lock_ledger(&ledger).is_consistent());
}

#[test]
fn lock_ledger_does_not_panic_on_a_poisoned_lock() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    let book = lock_ledger(&ledger);
    assert_eq!(book.entries, [100, 50], "the entries are the record of truth: keep them all");
}

#[test]
fn the_balance_is_repaired() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    let book = lock_ledger(&ledger);
    assert!(
        book.is_consistent(),
        "after a worker panicked halfway, the balance ({}) must be recomputed from the entries {:?}",
        book.balance,
        book.entries
    );
    assert_eq!(book.balance, 150);
}

#[test]
fn posting_and_reading_after_a_crash() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    post(&ledger, 20);
    assert_eq!(balance(&ledger), 170, "100 + 50 (recorded before the crash) + 20");
}

#[test]
fn the_poison_is_cleared() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    drop(lock_ledger(&ledger));
    assert!(
        !ledger.is_poisoned(),
        "once repaired, the ledger must not stay poisoned: other code calls `lock().unwrap()`"
    );
    assert_eq!(ledger.lock().unwrap().balance, 150);
}

#[test]
fn two_crashes() {
    let ledger = ledger_with(&[]);
    post(&ledger, 10);
    crash_while_posting(&ledger, 5);
    post(&ledger, 1);
    crash_while_posting(&ledger, 7);
    assert_eq!(
        balance(&ledger),
        23,
        "10 + 5 + 1 + 7: every recorded entry counts, even after two crashes"
    );
    assert!(lock_ledger(&ledger).is_consistent());
    assert!(!ledger.is_poisoned(), "once repaired, the ledger must not stay poisoned");
}
