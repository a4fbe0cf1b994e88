// verdict: pass
// Right: any total order works if every thread uses it. Here: the accounts' addresses, which
// need no id field (an account does not move while it is borrowed, so its address is stable).
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
    let from_first = std::ptr::from_ref(from) < std::ptr::from_ref(to);
    let (mut from_balance, mut to_balance) = if from_first {
        let f = from.balance.lock().unwrap();
        let t = to.balance.lock().unwrap();
        (f, t)
    } else {
        let t = to.balance.lock().unwrap();
        let f = from.balance.lock().unwrap();
        (f, t)
    };
    if *from_balance < amount {
        return false;
    }
    *from_balance -= amount;
    *to_balance += amount;
    true
}

fn main() {}
