// bank_transfer: two transfers in opposite directions, and a deadlock.
//
// A bank keeps each account behind its own Mutex. `transfer` locks the account money leaves,
// then the account it goes to. That is fine until Alice pays Bob while Bob pays Alice: each
// thread holds one lock and waits for the other's, forever.
//
// What to do: make every transfer take the two locks in one global order (by account id),
// whichever direction the money goes. Keep the amounts right.
//
// How it is checked: loom runs two opposite transfers under every interleaving. The shipped
// code deadlocks in one of them; the verdict names the lines where the threads are stuck.
// An auditor also adds up both balances during a transfer: the total must always be 200, so
// letting go of one account before the other is locked is no way out. And two debits from
// one account run at once, with money for only one: check the balance while both locks are held.
// After the models pass, the same on real threads: rounds of transfers both ways with an
// auditor beside them, and two threads debiting one payer who is refilled with money for
// one debit each time she is empty.

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
    // TODO: these two locks are taken in the order of the arguments, so two opposite
    // transfers take them in opposite orders. Lock the account with the smaller id first.
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balance = to.balance.lock().unwrap();
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
