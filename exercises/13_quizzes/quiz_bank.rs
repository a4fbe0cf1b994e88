// quiz_bank: a bank with many accounts, transfers from many threads, and an audit counter.
//
// Quiz: this combines lock ordering (04_deadlocks) and atomic counters (08_atomics). Each
// account is a `Mutex<u64>`; a transfer locks both of its accounts, checks the payer's
// balance and moves the money. Beside the accounts, the bank counts completed transfers in
// an atomic for the auditors: every successful transfer must be counted exactly once, and
// refused ones not at all.
//
// `transfer` has two bugs. One shows when two transfers go opposite ways between the same
// accounts (or round a cycle of three accounts). The other shows when two transfers touch
// four different accounts: no lock is shared, so nothing keeps the two threads' updates of
// the counter apart. Find and fix both, without one big lock for the whole bank.
//
// How it is checked: loom runs crossing transfers, transfers on disjoint accounts, a cycle of
// three, two transfers from one payer who can afford only one, and an auditor holding both
// accounts while a transfer runs, under every interleaving (up to its bound), checking that
// no schedule deadlocks and that the balances and the audit count come out right (the money
// is never in neither account); then the same on real threads. And transfers on different accounts must run at once: the checks hold account 1's
// lock themselves while `transfer(0, 1)` waits for it, and `transfer(2, 3)` must still finish
// (so keep `accounts` as it is, one Mutex per account). Single transfers must keep their
// refusals (same account, no such account, too little money) and pay a payer's whole balance.

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
        // TODO (bug 1): which lock is taken first depends on the direction of the transfer.
        let mut source = self.accounts[from].lock().unwrap();
        let mut target = self.accounts[to].lock().unwrap();
        if *source < amount {
            return Err(TransferError::InsufficientFunds);
        }
        *source -= amount;
        *target += amount;
        // TODO (bug 2): two threads can both read the same count here, and both write n + 1.
        let done = self.completed.load(Ordering::Relaxed);
        self.completed.store(done + 1, Ordering::Relaxed);
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
