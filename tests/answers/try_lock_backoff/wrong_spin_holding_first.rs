// verdict: loom-limit
// Wrong: uses `try_lock` for the second account, but keeps trying while it holds the first:
// a thread still waits (actively) while holding a lock. Two opposite transfers each hold one
// account and retry forever (a livelock), and an attempt next to a held account never returns.
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
    let mut to_balance = loop {
        match try_take(to) {
            Ok(guard) => break guard,
            Err(Busy) => thread::yield_now(),
        }
    };
    if *from_balance < amount {
        return Ok(false);
    }
    *from_balance -= amount;
    *to_balance += amount;
    Ok(true)
}

pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    loop {
        match attempt_transfer(from, to, amount) {
            Ok(moved) => return moved,
            Err(Busy) => thread::yield_now(),
        }
    }
}

fn main() {}
