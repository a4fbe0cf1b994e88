// poisoning: a worker panicked while holding the lock; recover and repair.
//
// Solution: a poisoned lock still hands out its guard (`PoisonError::into_inner`); poisoning
// is a warning, not a lock-out. The repair is specific to the data: here the balance is
// derived from the entries, so it is recomputed. Then `clear_poison` tells every later
// `lock()` that the data is sound again. Whoever repairs must hold the guard while doing so,
// so that no other thread sees the ledger between the panic and the repair.
//
// A payment service keeps its ledger behind a Mutex: the posted entries, and the running
// balance, which must always equal the sum of the entries.
//
// How it is checked: tests (under a time limit) poison the ledger with a worker thread that
// panics halfway through posting (or, in ledgers drawn per run, after recording any number of
// entries and adding any number of them to the balance), then post and read through
// `lock_ledger`; and while one
// thread repairs, another locks as the rest of the program does: it must never find the poison
// cleared before the balance is repaired, nor the lock free and still poisoned once it is; and
// one thread calls `lock_ledger` while a worker holds the lock and then panics: the lock is
// poisoned while it waits.

use std::sync::{Arc, Mutex, MutexGuard};
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
    match ledger.lock() {
        Ok(book) => book,
        Err(poisoned) => {
            // The lock is ours either way; only the data may be half-updated.
            let mut book = poisoned.into_inner();
            book.balance = book.entries.iter().sum();
            // Safe to clear only now: the invariant holds again, and we still hold the lock.
            ledger.clear_poison();
            book
        }
    }
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
