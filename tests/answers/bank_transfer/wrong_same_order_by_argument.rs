// verdict: deadlock
// Wrong: locks `to` first, then `from`: still argument order, so opposite transfers still
// take the locks in opposite orders.
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
    let mut to_balance = to.balance.lock().unwrap();
    let mut from_balance = from.balance.lock().unwrap();
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
}

fn main() {}
