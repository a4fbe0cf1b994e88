// verdict: test-failed
// Wrong: the usual one-liner to ignore poisoning. It no longer panics, but the half-posted
// entry is never added to the balance: the invariant stays broken.
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
    ledger.lock().unwrap_or_else(PoisonError::into_inner)
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
