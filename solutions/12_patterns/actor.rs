// actor: a ledger thread that owns every balance; everyone else sends it requests.
//
// An actor is a thread that owns some state outright and changes it only in answer to
// messages. Nobody else can touch that state, so there is no lock to forget and no lock
// order to get wrong: the actor handles one request at a time, which makes each request
// atomic. Here the actor is a bank ledger. Clients hold a `LedgerHandle` (a clonable
// `Sender<Request>`); a request that needs an answer carries its own reply channel, a
// fresh `mpsc::channel()` used once (a "oneshot"). When every handle is dropped, the
// request channel closes, the actor's loop ends and its thread returns the final ledger.
//
// Solution: the client waits on its own reply channel; the ledger thread checks and moves
// the money in one step, so no other request can slip in between the check and the move.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerError {
    NoSuchAccount,
    InsufficientFunds,
}

/// A message to the ledger thread. Each carries the Sender half of its own reply channel.
pub enum Request {
    Deposit { account: String, amount: u64, reply: Sender<Result<u64, LedgerError>> },
    Balance { account: String, reply: Sender<Result<u64, LedgerError>> },
    Transfer { from: String, to: String, amount: u64, reply: Sender<Result<(), LedgerError>> },
}

/// What clients hold. Cloning it gives another client a way to reach the same ledger.
#[derive(Clone)]
pub struct LedgerHandle {
    requests: Sender<Request>,
}

impl LedgerHandle {
    /// Adds `amount` to `account`; returns the new balance.
    pub fn deposit(&self, account: &str, amount: u64) -> Result<u64, LedgerError> {
        let (reply, answer) = mpsc::channel();
        let request = Request::Deposit { account: account.to_string(), amount, reply };
        self.requests.send(request).expect("the ledger thread has stopped");
        answer.recv().expect("the ledger thread dropped a request without answering it")
    }

    pub fn balance(&self, account: &str) -> Result<u64, LedgerError> {
        let (reply, answer) = mpsc::channel();
        let request = Request::Balance { account: account.to_string(), reply };
        self.requests.send(request).expect("the ledger thread has stopped");
        answer.recv().expect("the ledger thread dropped a request without answering it")
    }

    /// Moves `amount` from `from` to `to`, all or nothing.
    pub fn transfer(&self, from: &str, to: &str, amount: u64) -> Result<(), LedgerError> {
        let (reply, answer) = mpsc::channel();
        let request =
            Request::Transfer { from: from.to_string(), to: to.to_string(), amount, reply };
        self.requests.send(request).expect("the ledger thread has stopped");
        // Block until the ledger has decided, however long it takes: a `recv_timeout` that runs
        // out says nothing about the answer (the ledger may just be slow), so no answer may be
        // assumed then. `recv` fails only if the ledger dropped `reply` without sending: a bug
        // in the ledger, not a refusal.
        answer.recv().expect("the ledger thread dropped a request without answering it")
    }
}

/// Starts the ledger thread with these opening balances. Join the returned handle (after
/// dropping every `LedgerHandle`) to get the final balances back.
pub fn spawn_ledger(opening: &[(&str, u64)]) -> (LedgerHandle, JoinHandle<HashMap<String, u64>>) {
    let accounts: HashMap<String, u64> =
        opening.iter().map(|&(name, balance)| (name.to_string(), balance)).collect();
    let (requests, inbox) = mpsc::channel();
    // `accounts` moves into the thread: from here on, only the ledger thread can see it.
    let ledger = thread::spawn(move || run_ledger(accounts, inbox));
    (LedgerHandle { requests }, ledger)
}

/// The actor's loop: one request at a time, until every sender is gone.
fn run_ledger(
    mut accounts: HashMap<String, u64>,
    inbox: Receiver<Request>,
) -> HashMap<String, u64> {
    for request in inbox {
        match request {
            Request::Deposit { account, amount, reply } => {
                let result = match accounts.get_mut(&account) {
                    Some(balance) => {
                        *balance += amount;
                        Ok(*balance)
                    }
                    None => Err(LedgerError::NoSuchAccount),
                };
                // The client may have stopped waiting; that is not the ledger's problem.
                let _ = reply.send(result);
            }
            Request::Balance { account, reply } => {
                let result = accounts.get(&account).copied().ok_or(LedgerError::NoSuchAccount);
                let _ = reply.send(result);
            }
            Request::Transfer { from, to, amount, reply } => {
                let result = transfer(&mut accounts, &from, &to, amount);
                let _ = reply.send(result);
            }
        }
    }
    accounts
}

/// All checks come before the first change, so a refused transfer changes nothing.
/// No lock is needed: only the ledger thread ever holds `&mut accounts`.
fn transfer(
    accounts: &mut HashMap<String, u64>,
    from: &str,
    to: &str,
    amount: u64,
) -> Result<(), LedgerError> {
    if !accounts.contains_key(to) {
        return Err(LedgerError::NoSuchAccount);
    }
    let source = accounts.get_mut(from).ok_or(LedgerError::NoSuchAccount)?;
    if *source < amount {
        return Err(LedgerError::InsufficientFunds);
    }
    *source -= amount;
    // Checked above: `to` exists. (from == to is fine: the money leaves and comes back.)
    *accounts.get_mut(to).expect("checked above") += amount;
    Ok(())
}

fn main() {
    let (ledger, thread) = spawn_ledger(&[("alice", 100), ("bob", 50)]);
    let clients: Vec<_> = (0..2)
        .map(|_| {
            let ledger = ledger.clone();
            thread::spawn(move || ledger.transfer("alice", "bob", 30))
        })
        .collect();
    for client in clients {
        println!("transfer: {:?}", client.join().unwrap());
    }
    println!("a third one: {:?}", ledger.transfer("alice", "bob", 60));
    drop(ledger);
    println!("final: {:?}", thread.join().unwrap());
}
