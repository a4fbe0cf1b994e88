// try_lock_backoff: never wait while holding a lock; give up, back off, retry.
//
// Solution: both accounts are taken with `try_lock`. If the second is busy, `?` returns
// `Err(Busy)`, and returning drops `from_balance`: the first lock is released by RAII, no
// explicit `drop` needed. Since no thread ever waits while it holds a lock, no cycle of
// waiting threads can form. `transfer` yields between attempts so that the thread holding
// the account can finish; without it, a retry loop can spin for its whole time slice (and
// a model checker sees a loop that never lets others run).
//
// The price: under heavy contention two threads can keep failing in turn (livelock) for a
// while; real code backs off longer each time (exponential back-off, often with jitter).
//
// How it is checked: loom runs two opposite transfers under every interleaving, two
// transfers from one account that has money for only one of them, and an attempt while
// another thread holds an account; then opposite transfers and two debits from one payer
// on real threads.

use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
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

/// One attempt to move `amount` from `from` to `to`, without ever waiting for a lock.
/// `Ok(true)`: moved. `Ok(false)`: `from` has too little (nothing moved). `Err(Busy)`: try again.
pub fn attempt_transfer(from: &Account, to: &Account, amount: i64) -> Result<bool, Busy> {
    let mut from_balance = try_take(from)?;
    // If `to` is busy, `?` returns early and drops `from_balance`: `from` is unlocked.
    let mut to_balance = try_take(to)?;
    // Checked with both accounts held, in the attempt that debits: a check made earlier (and
    // let go of) could be stale by the time of the debit, since another debit can run between.
    if *from_balance < amount {
        return Ok(false);
    }
    *from_balance -= amount;
    *to_balance += amount;
    Ok(true)
}

/// Moves `amount` from `from` to `to`, retrying while an account is busy.
/// Returns false if `from` has too little.
pub fn transfer(from: &Account, to: &Account, amount: i64) -> bool {
    loop {
        match attempt_transfer(from, to, amount) {
            Ok(moved) => return moved,
            // Back off: give the thread that holds the account a chance to finish.
            Err(Busy) => thread::yield_now(),
        }
    }
}

fn main() {
    let alice = Arc::new(Account::new(1, 100));
    let bob = Arc::new(Account::new(2, 100));
    let pays = {
        let (a, b) = (Arc::clone(&alice), Arc::clone(&bob));
        thread::spawn(move || transfer(&a, &b, 30))
    };
    transfer(&bob, &alice, 10);
    pays.join().unwrap();
    let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
    println!("alice: {a}, bob: {b}");
}
