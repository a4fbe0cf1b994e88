// verdict: pass
// rewrite: a different design (a ledger struct and one `ask` helper), not a few changed lines
// Right, another way: replies travel on `sync_channel(1)` (one slot: a true oneshot, the ledger never blocks on it), one generic `ask` helper does every round trip, and the ledger is a struct with a method per request.
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::{self, JoinHandle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerError {
    NoSuchAccount,
    InsufficientFunds,
}

pub enum Request {
    Deposit { account: String, amount: u64, reply: SyncSender<Result<u64, LedgerError>> },
    Balance { account: String, reply: SyncSender<Result<u64, LedgerError>> },
    Transfer { from: String, to: String, amount: u64, reply: SyncSender<Result<(), LedgerError>> },
}

#[derive(Clone)]
pub struct LedgerHandle {
    requests: Sender<Request>,
}

impl LedgerHandle {
    fn ask<T>(&self, make: impl FnOnce(SyncSender<T>) -> Request) -> T {
        let (reply, answer) = mpsc::sync_channel(1);
        self.requests.send(make(reply)).expect("the ledger thread has stopped");
        answer.recv().expect("the ledger thread dropped a request without answering it")
    }

    pub fn deposit(&self, account: &str, amount: u64) -> Result<u64, LedgerError> {
        self.ask(|reply| Request::Deposit { account: account.to_string(), amount, reply })
    }

    pub fn balance(&self, account: &str) -> Result<u64, LedgerError> {
        self.ask(|reply| Request::Balance { account: account.to_string(), reply })
    }

    pub fn transfer(&self, from: &str, to: &str, amount: u64) -> Result<(), LedgerError> {
        self.ask(|reply| Request::Transfer {
            from: from.to_string(),
            to: to.to_string(),
            amount,
            reply,
        })
    }
}

struct Ledger {
    accounts: HashMap<String, u64>,
}

impl Ledger {
    fn deposit(&mut self, account: &str, amount: u64) -> Result<u64, LedgerError> {
        let balance = self.accounts.get_mut(account).ok_or(LedgerError::NoSuchAccount)?;
        *balance += amount;
        Ok(*balance)
    }

    fn transfer(&mut self, from: &str, to: &str, amount: u64) -> Result<(), LedgerError> {
        let have = *self.accounts.get(from).ok_or(LedgerError::NoSuchAccount)?;
        if !self.accounts.contains_key(to) {
            return Err(LedgerError::NoSuchAccount);
        }
        if have < amount {
            return Err(LedgerError::InsufficientFunds);
        }
        *self.accounts.get_mut(from).unwrap() -= amount;
        *self.accounts.get_mut(to).unwrap() += amount;
        Ok(())
    }

    fn run(mut self, inbox: Receiver<Request>) -> HashMap<String, u64> {
        while let Ok(request) = inbox.recv() {
            match request {
                Request::Deposit { account, amount, reply } => {
                    let _ = reply.send(self.deposit(&account, amount));
                }
                Request::Balance { account, reply } => {
                    let _ = reply.send(
                        self.accounts.get(&account).copied().ok_or(LedgerError::NoSuchAccount),
                    );
                }
                Request::Transfer { from, to, amount, reply } => {
                    let _ = reply.send(self.transfer(&from, &to, amount));
                }
            }
        }
        self.accounts
    }
}

pub fn spawn_ledger(opening: &[(&str, u64)]) -> (LedgerHandle, JoinHandle<HashMap<String, u64>>) {
    let ledger = Ledger { accounts: opening.iter().map(|&(n, b)| (n.to_string(), b)).collect() };
    let (requests, inbox) = mpsc::channel();
    let thread = thread::spawn(move || ledger.run(inbox));
    (LedgerHandle { requests }, thread)
}

fn main() {
    let (ledger, thread) = spawn_ledger(&[("alice", 100), ("bob", 50)]);
    println!("{:?}", ledger.transfer("alice", "bob", 30));
    drop(ledger);
    println!("{:?}", thread.join().unwrap());
}
