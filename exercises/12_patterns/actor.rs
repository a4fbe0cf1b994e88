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
// What to do: finish transfers. In `LedgerHandle::transfer`, wait for the ledger's answer
// instead of assuming success. In the ledger thread's `Request::Transfer` arm, check the
// request, move the money, and send the result back. `deposit` and `balance` show the way.
//
// How it is checked: tests (under a time limit) call the handle from several threads and
// check the answers, the balances (a transfer from an account to itself included: it must
// neither create nor destroy money), and that the ledger thread stops when the handles go;
// a loom model checks that a transfer returns the ledger's answer however slow the ledger
// thread is (slower than any timeout a client could wait with).

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
        let (reply, _answer) = mpsc::channel();
        let request =
            Request::Transfer { from: from.to_string(), to: to.to_string(), amount, reply };
        self.requests.send(request).expect("the ledger thread has stopped");
        // TODO: the ledger's verdict comes back on the reply channel. Wait for it and return
        // it, instead of reporting success for a transfer that may have been refused.
        Ok(())
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
                // TODO: refuse with NoSuchAccount if either account is missing, and with
                // InsufficientFunds if `from` has less than `amount`; otherwise move the
                // money. Either way, send the result on `reply`: the client is waiting.
                let _ = (from, to, amount, reply);
            }
        }
    }
    accounts
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
