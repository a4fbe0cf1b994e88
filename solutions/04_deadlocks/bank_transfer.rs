// bank_transfer: two transfers in opposite directions, and a deadlock.
//
// Solution: both locks are always taken in the order of the account ids, so no two threads
// can each hold one and wait for the other: the "waits for" graph can have no cycle.

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

/// Moves `amount` from `from` to `to`. Returns false (and moves nothing) if `from` has too little.
pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    // One global order: the smaller id first, whichever way the money goes.
    let (mut from_balance, mut to_balance) = if from.id < to.id {
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

fn main() {
    let alice = Arc::new(Account::new(1, 100));
    let bob = Arc::new(Account::new(2, 100));
    let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
    let pays = thread::spawn(move || transfer(&a, &b, 30));
    transfer(&bob, &alice, 10);
    pays.join().unwrap();
    let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
    println!("alice: {a}, bob: {b}");
}
