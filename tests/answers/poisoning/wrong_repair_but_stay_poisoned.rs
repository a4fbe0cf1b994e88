// verdict: test-failed
// Wrong: repairs the balance, but leaves the mutex poisoned: every plain `lock().unwrap()`
// elsewhere in the program still panics.
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
    match ledger.lock() {
        Ok(book) => book,
        Err(poisoned) => {
            let mut book = poisoned.into_inner();
            book.balance = book.entries.iter().sum();
            book
        }
    }
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
