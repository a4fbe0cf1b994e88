// quiz_bank: a bank with many accounts, transfers from many threads, and an audit counter.
//
// Quiz: this combines lock ordering (04_deadlocks) and atomic counters (08_atomics). Each
// account is a `Mutex<u64>`; a transfer locks both of its accounts, checks the payer's
// balance and moves the money. Beside the accounts, the bank counts completed transfers in
// an atomic for the auditors: every successful transfer must be counted exactly once, and
// refused ones not at all.
//
// Solution: both locks are taken in one global order (lower index first), so no cycle of
// waiting threads can form; the counter is bumped with one atomic read-modify-write.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferError {
    SameAccount,
    NoSuchAccount,
    InsufficientFunds,
}

pub struct Bank {
    accounts: Vec<Mutex<u64>>,
    completed: AtomicUsize,
}

impl Bank {
    pub fn new(balances: &[u64]) -> Bank {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
            completed: AtomicUsize::new(0),
        }
    }

    pub fn balance(&self, account: usize) -> u64 {
        *self.accounts[account].lock().unwrap()
    }

    /// How many transfers have succeeded so far.
    pub fn completed(&self) -> usize {
        self.completed.load(Ordering::Relaxed)
    }

    /// Moves `amount` from account `from` to account `to`, all or nothing.
    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> Result<(), TransferError> {
        if from == to {
            // Locking the same Mutex twice on one thread would never return.
            return Err(TransferError::SameAccount);
        }
        if from >= self.accounts.len() || to >= self.accounts.len() {
            return Err(TransferError::NoSuchAccount);
        }
        // Lower index first, whichever way the money goes. Name the guards by role, not by
        // locking order, so the arithmetic below still debits the payer.
        let (mut source, mut target) = if from < to {
            let source = self.accounts[from].lock().unwrap();
            let target = self.accounts[to].lock().unwrap();
            (source, target)
        } else {
            let target = self.accounts[to].lock().unwrap();
            let source = self.accounts[from].lock().unwrap();
            (source, target)
        };
        if *source < amount {
            return Err(TransferError::InsufficientFunds);
        }
        *source -= amount;
        *target += amount;
        // One indivisible read-modify-write: no increment can be lost. Relaxed is enough:
        // the count is only a tally, nobody reads other data because of its value, and it is
        // read after the transfers' threads are joined (join orders everything before it).
        // A stronger ordering would be correct too, just not needed.
        self.completed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

fn main() {
    let bank = Arc::new(Bank::new(&[100, 100, 100]));
    let other = Arc::clone(&bank);
    let payer = thread::spawn(move || other.transfer(0, 1, 30));
    let back = bank.transfer(1, 0, 10);
    println!("0 -> 1: {:?}, 1 -> 0: {back:?}", payer.join().unwrap());
    println!("{:?}", bank.transfer(2, 0, 500));
    let balances: Vec<u64> = (0..3).map(|a| bank.balance(a)).collect();
    println!("balances {balances:?}, completed transfers: {}", bank.completed());
}
