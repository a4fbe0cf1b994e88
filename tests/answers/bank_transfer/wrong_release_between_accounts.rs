// verdict: interleaving
// Wrong: "never hold two locks, then no deadlock": takes the money out under `from`'s lock,
// lets go, then puts it in under `to`'s. No deadlock indeed, and the final balances are
// right; but in between the money is in neither account, and an audit sees 170 instead of 200.
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
    {
        let mut from_balance = from.balance.lock().unwrap();
        if *from_balance < amount {
            return false;
        }
        *from_balance -= amount;
    }
    *to.balance.lock().unwrap() += amount;
    true
}

fn main() {}
