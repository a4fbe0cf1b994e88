// verdict: deadlock
// Wrong: the counter is fixed, but the locks are still taken payer first: two transfers in
// opposite directions each hold one lock and wait for the other.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferError {
    SameAccount,
    NoSuchAccount,
    InsufficientFunds,
}

pub struct Bank {
    accounts: Vec<Mutex<u64>>,
    completed: AtomicUsize,
}

impl Bank {
    pub fn new(balances: &[u64]) -> Bank {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
            completed: AtomicUsize::new(0),
        }
    }

    pub fn balance(&self, account: usize) -> u64 {
        *self.accounts[account].lock().unwrap()
    }

    /// How many transfers have succeeded so far.
    pub fn completed(&self) -> usize {
        self.completed.load(Ordering::Relaxed)
    }

    /// Moves `amount` from account `from` to account `to`, all or nothing.
    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> Result<(), TransferError> {
        if from == to {
            // Locking the same Mutex twice on one thread would never return.
            return Err(TransferError::SameAccount);
        }
        if from >= self.accounts.len() || to >= self.accounts.len() {
            return Err(TransferError::NoSuchAccount);
        }
        let mut source = self.accounts[from].lock().unwrap();
        let mut target = self.accounts[to].lock().unwrap();
        if *source < amount {
            return Err(TransferError::InsufficientFunds);
        }
        *source -= amount;
        *target += amount;
        // One indivisible read-modify-write: no increment can be lost. Relaxed is enough:
        // the count is only a tally, nobody reads other data because of its value, and it is
        // read after the transfers' threads are joined (join orders everything before it).
        // A stronger ordering would be correct too, just not needed.
        self.completed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

fn main() {
    let bank = Arc::new(Bank::new(&[100, 100, 100]));
    let other = Arc::clone(&bank);
    let payer = thread::spawn(move || other.transfer(0, 1, 30));
    let back = bank.transfer(1, 0, 10);
    println!("0 -> 1: {:?}, 1 -> 0: {back:?}", payer.join().unwrap());
    println!("{:?}", bank.transfer(2, 0, 500));
    let balances: Vec<u64> = (0..3).map(|a| bank.balance(a)).collect();
    println!(
        "balances {balances:?}, completed transfers: {}",
        bank.completed()
    );
}
