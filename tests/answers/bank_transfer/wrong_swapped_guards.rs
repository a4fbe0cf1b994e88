// verdict: interleaving
// Wrong: the lock order is right (smaller id first), but in the second branch the guards come
// back in lock order, not in (from, to) order: that transfer moves money the wrong way.
use std::sync::{Arc, Mutex};
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

pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    let (mut from_balance, mut to_balance) = if from.id < to.id {
        (from.balance.lock().unwrap(), to.balance.lock().unwrap())
    } else {
        (to.balance.lock().unwrap(), from.balance.lock().unwrap())
    };
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
}

fn main() {}
