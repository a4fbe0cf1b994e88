// verdict: loom-limit
// Wrong: `attempt_transfer` is right, but `transfer` retries at once, in a loop that never
// yields: the retrying thread can keep the CPU from the thread that holds the account.
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::thread;

pub struct Account {
    pub id: u32,
    pub balance: Mutex<i64>,
}

impl Account {
    pub fn new(id: u32, balance: i64) -> Account {
        Account { id, balance: Mutex::new(balance) }
    }
}

/// An account was locked by someone else: nothing was moved and no lock is held.
#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

/// Locks `account` if it is free right now; never waits.
fn try_take(account: &Account) -> Result<MutexGuard<'_, i64>, Busy> {
    match account.balance.try_lock() {
        Ok(guard) => Ok(guard),
        Err(TryLockError::WouldBlock) => Err(Busy),
        Err(TryLockError::Poisoned(_)) => panic!("account {} was poisoned by a panic", account.id),
    }
}

pub fn attempt_transfer(from: &Account, to: &Account, amount: i64) -> Result<bool, Busy> {
    let mut from_balance = try_take(from)?;
    let mut to_balance = try_take(to)?;
    if *from_balance < amount {
        return Ok(false);
    }
    *from_balance -= amount;
    *to_balance += amount;
    Ok(true)
}

pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    loop {
        if let Ok(moved) = attempt_transfer(from, to, amount) {
            return moved;
        }
    }
}

fn main() {}
