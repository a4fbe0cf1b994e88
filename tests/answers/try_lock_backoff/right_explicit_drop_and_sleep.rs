// verdict: pass
// Right: matches on `try_lock` by hand and drops the first guard explicitly (returning would
// drop it anyway), and backs off with a short sleep that doubles on every failed attempt.
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
    let mut from_balance = match from.balance.try_lock() {
        Ok(guard) => guard,
        Err(_) => return Err(Busy),
    };
    let mut to_balance = match to.balance.try_lock() {
        Ok(guard) => guard,
        Err(_) => {
            drop(from_balance);
            return Err(Busy);
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
    let mut pause = std::time::Duration::from_micros(1);
    loop {
        match attempt_transfer(from, to, amount) {
            Ok(moved) => return moved,
            Err(Busy) => {
                thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(1));
            }
        }
    }
}

fn main() {}
