// verdict: pass
// Right: a helper owns the lock order, so no caller can get it wrong; it hands the guards back
// in the order the caller passed the accounts.
use std::sync::{Arc, Mutex, MutexGuard};
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

/// Locks both accounts, smaller id first; returns the guards as (first, second) argument order.
fn lock_both<'a>(
    first: &'a Account,
    second: &'a Account,
) -> (MutexGuard<'a, i64>, MutexGuard<'a, i64>) {
    if first.id < second.id {
        let a = first.balance.lock().unwrap();
        let b = second.balance.lock().unwrap();
        (a, b)
    } else {
        let b = second.balance.lock().unwrap();
        let a = first.balance.lock().unwrap();
        (a, b)
    }
}

pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    let (mut from_balance, mut to_balance) = lock_both(from, to);
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
}

fn main() {}
