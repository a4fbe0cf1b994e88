// Grader-owned tests for actor.
use super::{LedgerError, LedgerHandle, spawn_ledger};
use ::std::collections::HashMap;

use ::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `spawn_ledger` must keep this signature.
    let _: fn(
        &[(&str, u64)],
    ) -> (
        LedgerHandle,
        ::std::thread::JoinHandle<::std::collections::HashMap<::std::string::String, u64>>,
    ) = spawn_ledger;
    // `LedgerHandle::balance` must keep this signature.
    let _: fn(&LedgerHandle, &str) -> ::std::result::Result<u64, LedgerError> =
        LedgerHandle::balance;
    // `LedgerHandle::transfer` must keep this signature.
    let _: fn(&LedgerHandle, &str, &str, u64) -> ::std::result::Result<(), LedgerError> =
        LedgerHandle::transfer;
    // `LedgerHandle::clone` must keep this signature.
    let _: fn(&LedgerHandle) -> LedgerHandle = <LedgerHandle as ::std::clone::Clone>::clone;
    // `LedgerError::NoSuchAccount` must keep this value.
    let _: LedgerError = LedgerError::NoSuchAccount;
    // `LedgerError::InsufficientFunds` must keep this value.
    let _: LedgerError = LedgerError::InsufficientFunds;
}

/// Which refusal it is, told by `match`: the learner's own `PartialEq` for `LedgerError` could
/// call any two errors equal.
fn refusal<T>(
    result: ::std::result::Result<T, LedgerError>,
) -> ::std::result::Result<T, &'static str> {
    result.map_err(|e| match e {
        LedgerError::NoSuchAccount => "NoSuchAccount",
        LedgerError::InsufficientFunds => "InsufficientFunds",
    })
}

fn finish(
    ledger: LedgerHandle,
    thread: thread::JoinHandle<HashMap<String, u64>>,
) -> HashMap<String, u64> {
    drop(ledger);
    thread.join().expect("the ledger thread panicked")
}

#[test]
fn a_transfer_moves_the_money() {
    let (ledger, thread) = spawn_ledger(&[("alice", 100), ("bob", 50)]);
    ::std::assert_eq!(
        ledger.transfer("alice", "bob", 30),
        Ok(()),
        "alice has 100 and can pay 30"
    );
    ::std::assert_eq!(ledger.balance("alice"), Ok(70), "alice paid 30 out of 100");
    ::std::assert_eq!(
        ledger.balance("bob"),
        Ok(80),
        "bob received 30 on top of 50"
    );
    finish(ledger, thread);
}

#[test]
fn a_transfer_without_enough_money_is_refused_and_changes_nothing() {
    let (ledger, thread) = spawn_ledger(&[("alice", 20), ("bob", 0)]);
    ::std::assert_eq!(
        refusal(ledger.transfer("alice", "bob", 30)),
        Err("InsufficientFunds"),
        "alice has 20 and cannot pay 30: `transfer` must return the ledger's refusal"
    );
    ::std::assert_eq!(
        ledger.balance("alice"),
        Ok(20),
        "a refused transfer must not touch the payer"
    );
    ::std::assert_eq!(
        ledger.balance("bob"),
        Ok(0),
        "a refused transfer must not touch the payee"
    );
    ::std::assert_eq!(
        ledger.transfer("alice", "bob", 20),
        Ok(()),
        "paying exactly the balance is allowed"
    );
    ::std::assert_eq!(ledger.balance("alice"), Ok(0));
    finish(ledger, thread);
}

#[test]
fn a_transfer_with_an_unknown_account_is_refused_and_changes_nothing() {
    let (ledger, thread) = spawn_ledger(&[("alice", 100)]);
    ::std::assert_eq!(
        refusal(ledger.transfer("alice", "mallory", 10)),
        Err("NoSuchAccount"),
        "there is no account `mallory` to pay into"
    );
    ::std::assert_eq!(
        ledger.balance("alice"),
        Ok(100),
        "a transfer to a missing account must not take the money out of the payer's account"
    );
    ::std::assert_eq!(
        refusal(ledger.transfer("mallory", "alice", 10)),
        Err("NoSuchAccount"),
        "there is no account `mallory` to pay from"
    );
    ::std::assert_eq!(ledger.balance("alice"), Ok(100));
    finish(ledger, thread);
}

#[test]
fn a_transfer_to_the_same_account_changes_nothing() {
    let (ledger, thread) = spawn_ledger(&[("alice", 100), ("bob", 50)]);
    ::std::assert_eq!(
        ledger.transfer("alice", "alice", 40),
        Ok(()),
        "alice has 100 and can pay 40, even to herself"
    );
    ::std::assert_eq!(
        ledger.balance("alice"),
        Ok(100),
        "a transfer from alice to alice takes 40 out and puts 40 back: her balance must stay \
         100 (read both balances, then write both back, and the second write undoes the first)"
    );
    ::std::assert_eq!(
        refusal(ledger.transfer("bob", "bob", 80)),
        Err("InsufficientFunds"),
        "bob has 50 and cannot pay 80, not even to himself"
    );
    ::std::assert_eq!(ledger.balance("bob"), Ok(50), "a refused transfer changes nothing");
    let last = finish(ledger, thread);
    ::std::assert_eq!(
        last.values().sum::<u64>(),
        150,
        "transfers to the same account must neither create nor destroy money"
    );
}

/// Many round trips at once: the ledger thread, behind queued requests on a busy machine, can
/// answer a client later than a short `recv_timeout`. A client that resends after such a
/// timeout (the money moves twice) fails here only when the machine stalls; the loom model
/// `a_client_reports_the_ledgers_answer_however_slow_it_is` catches it every time, so this
/// runs after it (`stress_`), and the verdict does not depend on the load.
#[test]
fn stress_many_clients_at_once_never_overdraw_and_keep_the_total() {
    let names = ["a", "b", "c", "d"];
    let (ledger, thread) = spawn_ledger(&[("a", 40), ("b", 40), ("c", 40), ("d", 40)]);
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let ledger = ledger.clone();
            thread::spawn(move || {
                let too_much = ledger.transfer(names[c], names[(c + 1) % 4], 1000);
                ::std::assert_eq!(
                    refusal(too_much),
                    Err("InsufficientFunds"),
                    "there is only 160 in the bank"
                );
                for i in 0..150 {
                    let from = names[(c + i) % 4];
                    let to = names[(c + i + 1) % 4];
                    match ledger.transfer(from, to, 7 + (i as u64 % 5) * 6) {
                        Ok(()) | Err(LedgerError::InsufficientFunds) => {}
                        Err(e) => {
                            ::std::panic!("all four accounts exist, but a transfer got {e:?}")
                        }
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().expect("a client thread panicked");
    }
    let during: u64 = names.iter().map(|n| ledger.balance(n).unwrap()).sum();
    ::std::assert_eq!(
        during,
        160,
        "transfers move money around; the total must stay 160"
    );
    let last = finish(ledger, thread);
    ::std::assert_eq!(
        last.values().sum::<u64>(),
        160,
        "the final ledger must still hold 160 in total"
    );
}

#[test]
fn dropping_every_handle_stops_the_ledger_and_returns_its_state() {
    let (ledger, thread) = spawn_ledger(&[("alice", 10), ("bob", 10)]);
    let other = ledger.clone();
    ::std::assert_eq!(other.transfer("bob", "alice", 10), Ok(()));
    drop(other);
    let last = finish(ledger, thread);
    ::std::assert_eq!(
        last.get("alice"),
        Some(&20),
        "the final ledger must include bob's transfer to alice"
    );
    ::std::assert_eq!(
        last.get("bob"),
        Some(&0),
        "the final ledger must include bob's transfer to alice"
    );
}

/// After the loom model too (`stress_`), for the reason above: 900 round trips at once can
/// outlast a client's short timeout. One reply channel shared by every client (the model has
/// one client) is caught here at any load: a client blocked on its reply lets the others
/// send theirs, so answers cross even on one core.
#[test]
fn stress_each_client_gets_the_answer_to_its_own_transfer() {
    // Clients at once, each paying out of its own account into a common one that nobody pays
    // from, so that each client knows what the ledger must answer it, whatever the others do:
    // the rich ones are always paid, the poor ones always refused. A reply that reaches
    // another client (one reply channel shared by every client, say) shows up as a rich
    // client refused or a poor one paid.
    const CLIENTS: usize = 6;
    const TRANSFERS: u64 = 150;
    let mut rng = crate::__checks::Rng::new(0xac70);
    let amounts: ::std::vec::Vec<u64> = (0..CLIENTS).map(|_| rng.range(1, 50)).collect();
    let names: ::std::vec::Vec<::std::string::String> =
        (0..CLIENTS).map(|c| ::std::format!("client{c}")).collect();
    // Even clients can pay every transfer; odd ones can pay none (less than one amount).
    let opening: ::std::vec::Vec<u64> = (0..CLIENTS)
        .map(|c| if c % 2 == 0 { amounts[c] * TRANSFERS } else { amounts[c] - 1 })
        .collect();
    let mut accounts: ::std::vec::Vec<(&str, u64)> = (0..CLIENTS)
        .map(|c| (names[c].as_str(), opening[c]))
        .collect();
    accounts.push(("pool", 0));
    let (ledger, thread) = spawn_ledger(&accounts);
    let start = ::std::sync::Arc::new(::std::sync::Barrier::new(CLIENTS));
    let clients: ::std::vec::Vec<_> = (0..CLIENTS)
        .map(|c| {
            let ledger = ledger.clone();
            let start = ::std::sync::Arc::clone(&start);
            let (name, amount, rich) = (names[c].clone(), amounts[c], c % 2 == 0);
            thread::spawn(move || {
                start.wait();
                for i in 1..=TRANSFERS {
                    let got = refusal(ledger.transfer(&name, "pool", amount));
                    let expected = if rich { Ok(()) } else { Err("InsufficientFunds") };
                    if got != expected {
                        return ::std::result::Result::Err(::std::format!(
                            "{name} (transfer {i} of {TRANSFERS}, {amount} each, out of \
                             {} to begin with) got {got:?}, expected {expected:?}",
                            if rich { amount * TRANSFERS } else { amount - 1 }
                        ));
                    }
                }
                ::std::result::Result::Ok(())
            })
        })
        .collect();
    let wrong: ::std::vec::Vec<::std::string::String> = clients
        .into_iter()
        .filter_map(|c| c.join().expect("a client thread panicked").err())
        .collect();
    ::std::assert!(
        wrong.is_empty(),
        "{CLIENTS} clients transferred at once, each out of its own account: each must get the \
         ledger's answer to its own request (every request carries its own reply channel), \
         but {}",
        wrong.join("; ")
    );
    let expected_pool: u64 = (0..CLIENTS)
        .filter(|c| c % 2 == 0)
        .map(|c| amounts[c] * TRANSFERS)
        .sum();
    ::std::assert_eq!(
        ledger.balance("pool"),
        Ok(expected_pool),
        "the common account received every rich client's transfers"
    );
    finish(ledger, thread);
}
