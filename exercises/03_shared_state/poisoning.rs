// poisoning: a worker panicked while holding the lock; recover and repair.
//
// A payment service keeps its ledger behind a Mutex: the posted entries, and the running
// balance, which must always equal the sum of the entries. Posting takes two steps (record
// the entry, then add it to the balance). If a thread panics between the two while it holds
// the lock, the guard is dropped during the unwinding, and the ledger is left half-updated.
// The Mutex remembers this: it is "poisoned", and every later `lock()` returns
// `Err(PoisonError)` to warn that the data may break its invariant. With `lock().unwrap()`
// everywhere, one panic in one worker becomes a panic in every thread that touches the ledger.
//
// The entries are the record of truth; the balance is derived from them, so it can be rebuilt.
//
// What to do: write `lock_ledger` so that it survives a poisoned lock: get the guard out of
// the error (`PoisonError::into_inner`), restore the invariant (recompute the balance from the
// entries), and clear the poison (`Mutex::clear_poison`) so that the rest of the program,
// which calls `lock().unwrap()`, can use the ledger again.
//
// How it is checked: tests (under a time limit) poison the ledger with a worker thread that
// panics halfway through posting (or, in ledgers drawn per run, after recording any number of
// entries and adding any number of them to the balance), then post and read through
// `lock_ledger`; and while one
// thread repairs, another locks as the rest of the program does: it must never find the poison
// cleared before the balance is repaired; and one thread calls `lock_ledger` while a worker
// holds the lock and then panics: the lock is poisoned while it waits.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;

#[derive(Debug, Default)]
pub struct Ledger {
    pub entries: Vec<i64>,
    pub balance: i64,
}

impl Ledger {
    /// The invariant: the balance is the sum of the entries.
    pub fn is_consistent(&self) -> bool {
        self.balance == self.entries.iter().sum::<i64>()
    }
}

/// Locks the ledger. If a thread panicked while holding the lock, repairs the ledger first
/// and clears the poison, so that the caller always gets a consistent ledger.
pub fn lock_ledger(ledger: &Mutex<Ledger>) -> MutexGuard<'_, Ledger> {
    // TODO: `unwrap` panics as soon as the mutex is poisoned. Take the guard out of the
    // `PoisonError` instead, recompute the balance from the entries, and clear the poison.
    ledger.lock().unwrap()
}

/// Posts one entry: first the record, then the balance.
pub fn post(ledger: &Mutex<Ledger>, amount: i64) {
    let mut book = lock_ledger(ledger);
    book.entries.push(amount);
    book.balance += amount;
}

pub fn balance(ledger: &Mutex<Ledger>) -> i64 {
    lock_ledger(ledger).balance
}

fn main() {
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    post(&ledger, 100);
    let worker = {
        let ledger = Arc::clone(&ledger);
        thread::spawn(move || {
            let mut book = ledger.lock().unwrap();
            book.entries.push(50);
            panic!("audit log unreachable"); // the balance is never updated
        })
    };
    assert!(worker.join().is_err(), "the worker panicked");
    post(&ledger, 20);
    println!("balance: {} (expected 170)", balance(&ledger));
}
