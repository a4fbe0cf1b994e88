// try_lock_backoff: never wait while holding a lock; give up, back off, retry.
//
// The bank again, but this time its accounts live on different shards and have no common
// order to lock them in. Another way to rule out deadlock: a thread never WAITS for a lock
// while it holds another one. `attempt_transfer` takes the first account with `try_lock`
// (which returns at once, with the guard or with `WouldBlock`); if the second account is
// busy too, it lets go of everything and reports `Busy`. `transfer` then backs off (lets
// the other threads run) and tries again.
//
// The shipped `attempt_transfer` takes the second account with `lock()`, which waits while
// the first is held: two opposite transfers can each hold one account and wait for the
// other's, forever, exactly as in bank_transfer.
//
// What to do: take the second account with `try_take` as well, so that a busy account
// makes the attempt give up (returning drops the guard you already hold: the first lock
// is released with it). In `transfer`, back off before the next attempt with
// `thread::yield_now()`: a retry loop that never yields keeps the CPU from the very thread
// it waits for.
//
// How it is checked: loom runs two opposite transfers under every interleaving (nothing may
// deadlock or loop forever, and the money must add up), two transfers from one account that
// has money for only one of them (exactly one goes through: the balance is checked in the
// attempt that debits, with both accounts held), and an attempt while another thread holds
// an account (it must give up with `Busy`, holding nothing), and a transfer to an account
// held for a while (it must retry until it is free: `Busy` is never a reason to give up).
// A loop that keeps retrying `try_lock` on the second account while holding the first never
// ends either, yield or not: loom reports such a loop as one "without ever letting the others
// run". After the models pass, the same on real threads: opposite transfers (all must
// finish, and add up), two debits from one payer, and a transfer that waits out a hold.

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
    // TODO: `lock()` waits for `to` while this thread holds `from`. Take `to` with `try_take`
    // so that a busy `to` ends the attempt (and releases `from`).
    let mut to_balance = to.balance.lock().unwrap();
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
            Err(Busy) => {
                // TODO: back off before the next attempt: let the thread that holds the
                // account run (`thread::yield_now()`).
            }
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
