// verdict: pass
// Right: takes the guard whether or not the mutex is poisoned, then asks `is_poisoned` while
// holding the lock (only the holder of the lock can poison it, so the answer cannot change
// under us), and repairs only when the invariant is actually broken.
use std::sync::{Mutex, MutexGuard, PoisonError};

#[derive(Debug, Default)]
pub struct Ledger {
    pub entries: Vec<i64>,
    pub balance: i64,
}

impl Ledger {
    pub fn is_consistent(&self) -> bool {
        self.balance == self.entries.iter().sum::<i64>()
    }
}

pub fn lock_ledger(ledger: &Mutex<Ledger>) -> MutexGuard<'_, Ledger> {
    let mut book = ledger.lock().unwrap_or_else(PoisonError::into_inner);
    if ledger.is_poisoned() {
        if !book.is_consistent() {
            book.balance = book.entries.iter().sum();
        }
        ledger.clear_poison();
    }
    book
}

pub fn post(ledger: &Mutex<Ledger>, amount: i64) {
    let mut book = lock_ledger(ledger);
    book.entries.push(amount);
    book.balance += amount;
}

pub fn balance(ledger: &Mutex<Ledger>) -> i64 {
    lock_ledger(ledger).balance
}

fn main() {}
