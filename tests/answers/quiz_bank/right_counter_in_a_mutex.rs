// verdict: pass
// Right, another way: the audit count lives in its own Mutex. It is always locked last, after
// both accounts, so it fits the global lock order and cannot close a cycle.
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
    completed: Mutex<usize>,
}

impl Bank {
    pub fn new(balances: &[u64]) -> Bank {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
            completed: Mutex::new(0),
        }
    }

    pub fn balance(&self, account: usize) -> u64 {
        *self.accounts[account].lock().unwrap()
    }

    pub fn completed(&self) -> usize {
        *self.completed.lock().unwrap()
    }

    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> Result<(), TransferError> {
        if from == to {
            return Err(TransferError::SameAccount);
        }
        if from >= self.accounts.len() || to >= self.accounts.len() {
            return Err(TransferError::NoSuchAccount);
        }
        let (low, high) = (from.min(to), from.max(to));
        let mut low_guard = self.accounts[low].lock().unwrap();
        let mut high_guard = self.accounts[high].lock().unwrap();
        let (source, target) = if from == low {
            (&mut *low_guard, &mut *high_guard)
        } else {
            (&mut *high_guard, &mut *low_guard)
        };
        if *source < amount {
            return Err(TransferError::InsufficientFunds);
        }
        *source -= amount;
        *target += amount;
        *self.completed.lock().unwrap() += 1;
        Ok(())
    }
}

fn main() {
    let bank = Arc::new(Bank::new(&[100, 100]));
    let other = Arc::clone(&bank);
    let t = thread::spawn(move || other.transfer(0, 1, 30));
    println!("{:?} {:?}", bank.transfer(1, 0, 10), t.join().unwrap());
    println!("completed: {}", bank.completed());
}
