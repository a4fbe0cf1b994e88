// Grader-owned loom models for actor: what a client waits for. The real-thread tests (test.rs)
// cannot make the ledger thread slower than a client's patience, so a client that waits for
// the reply with a timeout (`recv_timeout`) and assumes an answer when it runs out passes
// them; in a model a timed wait may time out at any point, as it may on real threads whatever
// its length, and many times in a row (a ledger thread slower than all of them, on a loaded
// machine or behind a long queue of requests): loom_std/condvar.rs.
use super::{LedgerError, LedgerHandle, spawn_ledger};

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
        crate::std::thread::JoinHandle<::std::collections::HashMap<::std::string::String, u64>>,
    ) = spawn_ledger;
    // `LedgerHandle::transfer` must keep this signature.
    let _: fn(&LedgerHandle, &str, &str, u64) -> ::std::result::Result<(), LedgerError> =
        LedgerHandle::transfer;
}

/// Which refusal it is, told by `match`: the learner's own `PartialEq` for `LedgerError` could
/// call any two errors equal.
fn refusal(result: ::std::result::Result<(), LedgerError>) -> ::std::result::Result<(), &'static str> {
    result.map_err(|e| match e {
        LedgerError::NoSuchAccount => "NoSuchAccount",
        LedgerError::InsufficientFunds => "InsufficientFunds",
    })
}

/// A transfer's result is the ledger's answer, however long the ledger thread takes to give
/// it: a client never reports an answer it did not receive.
#[test]
fn a_client_reports_the_ledgers_answer_however_slow_it_is() {
    crate::std::__workbook::model(|| {
        let (ledger, thread) = spawn_ledger(&[("alice", 100), ("bob", 0)]);
        let paid = refusal(ledger.transfer("alice", "bob", 30));
        let refused = refusal(ledger.transfer("bob", "alice", 50));
        drop(ledger);
        let accounts = thread.join().expect("the ledger thread panicked");
        ::std::assert_eq!(
            (paid, refused),
            (Ok(()), Err("InsufficientFunds")),
            "alice (100) paid bob 30, then bob (30) tried to pay alice 50: transfer must return \
             the ledger's answer to each, Ok then InsufficientFunds. The ledger thread may be \
             slower than any timeout the client waits with (many requests queued before this \
             one, a loaded machine): wait for the reply until it comes (`recv`), never assume \
             one when a wait runs out"
        );
        ::std::assert_eq!(
            (accounts.get("alice").copied(), accounts.get("bob").copied()),
            (Some(70), Some(30)),
            "alice (100) paid bob 30 and bob's 50 to alice was refused: the final ledger must \
             hold alice 70, bob 30"
        );
    });
}
