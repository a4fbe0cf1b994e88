// Grader-owned tests for bank_transfer, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::{Account, transfer};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Account::new` must keep this signature.
    let _: fn(u32, i64) -> Account = Account::new;
    // `transfer` must keep this signature.
    let _: fn(&Account, &Account, i64) -> bool = transfer;
    // `Account::balance` must keep this field.
    let _: fn(&Account) -> &::std::sync::Mutex<i64> = |a| &a.balance;
}

/// Transfers each way per round.
const TRANSFERS: usize = 200;

/// Sums both balances with both locks held at once, never waiting while holding one (as the
/// loom model's audit does), so only the transfers can deadlock.
fn audit(a: &Account, b: &Account) -> i64 {
    loop {
        if let ::std::result::Result::Ok(x) = a.balance.try_lock() {
            if let ::std::result::Result::Ok(y) = b.balance.try_lock() {
                return *x + *y;
            }
        }
        ::std::thread::yield_now();
    }
}

/// `opposite_transfers_finish_and_keep_the_total` and `an_audit_never_sees_money_in_flight`
/// on real threads: transfers both ways at once, and an audit beside them
/// (`opposite_transfers`). Its verdict counts only once `OVERLAPS` transfers ran while one the
/// other way did (`Overlap`): a lock order that deadlocks on real threads then deadlocks almost
/// surely (a time-out), and a machine too busy to run the two transfer threads at once makes
/// the test inconclusive, never a pass.
#[test]
fn stress_opposite_transfers_finish_and_keep_the_total() {
    crate::__checks::opposite_transfers(
        TRANSFERS as u64,
        Account::new,
        transfer,
        ::core::option::Option::Some(audit),
        |account| *account.balance.lock().unwrap(),
    );
}

/// Locks `account`'s balance if it is free right now, without waiting (a check that holds
/// one account never waits for another, so it cannot deadlock with any lock order).
fn peek<R>(
    account: &Account,
    read: impl ::core::ops::FnOnce(&mut i64) -> R,
) -> ::core::option::Option<R> {
    match account.balance.try_lock() {
        ::std::result::Result::Ok(mut balance) => ::core::option::Option::Some(read(&mut balance)),
        ::std::result::Result::Err(_) => ::core::option::Option::None,
    }
}

/// `two_debits_from_one_payer_never_overdraw` on real threads: two threads keep debiting one
/// payer, alice (to bob and to carol, whose ids put her first in one lock order and second
/// in the other), while the check refills her with one debit's worth each time she is empty:
/// every refill is a race of two debits for money that pays one. While it refills, the check
/// holds both payees' accounts until both debits have started, so that each, whatever it has
/// checked, must wait for its payee: a balance checked before both locks are held is then
/// stale when it is used, however the OS schedules the threads. Alice must never go
/// below zero, and each refill must be paid out exactly once.
#[test]
fn stress_two_debits_from_one_payer_never_overdraw() {
    const REFILLS: usize = 100;
    const AMOUNT: i64 = 5;
    crate::__checks::rounds(|round| {
        let alice = ::std::sync::Arc::new(Account::new(2, 0));
        let bob = ::std::sync::Arc::new(Account::new(3, 0));
        let carol = ::std::sync::Arc::new(Account::new(1, 0));
        let done = ::std::sync::Arc::new(::std::sync::atomic::AtomicBool::new(false));
        let (a, b, c) = (
            ::std::sync::Arc::clone(&alice),
            ::std::sync::Arc::clone(&bob),
            ::std::sync::Arc::clone(&carol),
        );
        let finished = ::std::sync::Arc::clone(&done);
        // How many transfers each debit thread has started.
        let started = ::std::sync::Arc::new([
            ::std::sync::atomic::AtomicUsize::new(0),
            ::std::sync::atomic::AtomicUsize::new(0),
        ]);
        // Each thread returns (debits that succeeded, refills made, the lowest balance seen).
        let runs = crate::__checks::together(3, move |i| {
            if i < 2 {
                let payee = if i == 0 { &b } else { &c };
                let mut paid = 0;
                while !finished.load(::std::sync::atomic::Ordering::SeqCst) {
                    started[i].fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
                    if transfer(&a, payee, AMOUNT) {
                        paid += 1;
                    }
                }
                return (paid, 0, 0);
            }
            // Gives up only when a refill has not been paid out for seconds (a transfer that
            // refuses money it has), never because a busy machine is slow.
            let mut progress = ::std::time::Instant::now();
            let patient = |progress: ::std::time::Instant| {
                progress.elapsed() < ::std::time::Duration::from_secs(3)
            };
            let (mut refills, mut lowest) = (0, 0);
            // A round ends after REFILLS refills, or after 2 s (and one refill at least), so
            // that on a loaded machine it ends well within the check's time limit.
            let began = ::std::time::Instant::now();
            let time_left = |refills: usize| {
                refills == 0 || began.elapsed() < ::std::time::Duration::from_secs(2)
            };
            while refills < REFILLS && time_left(refills) && lowest >= 0 && patient(progress) {
                // Wait (holding nothing) until alice is empty.
                let balance = *a.balance.lock().unwrap();
                lowest = lowest.min(balance);
                if balance != 0 {
                    ::std::thread::yield_now();
                    continue;
                }
                // Hold both payees (waiting only for the first, while holding nothing), refill
                // alice if she is free (never waiting while holding: a debit may hold her and
                // wait for a payee), and keep the payees until both debits have started a
                // transfer since the refill (and a moment more, or 2 ms in all): each then
                // checks a balance of one debit's worth, and must wait for its payee.
                let hold_c = c.balance.lock().unwrap();
                let hold_b = b.balance.try_lock();
                let refilled = hold_b.is_ok() && peek(&a, |balance| *balance += AMOUNT).is_some();
                if !refilled {
                    drop((hold_b, hold_c));
                    ::std::thread::yield_now();
                    continue;
                }
                let since = [0, 1].map(|d| started[d].load(::std::sync::atomic::Ordering::SeqCst));
                refills += 1;
                progress = ::std::time::Instant::now();
                let mut both = ::core::option::Option::None;
                while progress.elapsed() < ::std::time::Duration::from_millis(2) {
                    let now =
                        [0, 1].map(|d| started[d].load(::std::sync::atomic::Ordering::SeqCst));
                    if both.is_none() && now[0] > since[0] && now[1] > since[1] {
                        both = ::core::option::Option::Some(::std::time::Instant::now());
                    }
                    if both.is_some_and(|at: ::std::time::Instant| {
                        at.elapsed() > ::std::time::Duration::from_micros(100)
                    }) {
                        break;
                    }
                    ::std::thread::yield_now();
                }
                drop((hold_b, hold_c));
            }
            // Wait until the last refill is paid out (or alice is overdrawn).
            while patient(progress) {
                let balance = *a.balance.lock().unwrap();
                lowest = lowest.min(balance);
                if balance <= 0 {
                    break;
                }
                ::std::thread::yield_now();
            }
            finished.store(true, ::std::sync::atomic::Ordering::SeqCst);
            (0, refills, lowest)
        });
        let (refills, lowest) = (runs[2].1, runs[2].2);
        let left = *alice.balance.lock().unwrap();
        ::std::assert!(
            lowest >= 0 && left >= 0,
            "two threads debited alice at once on real threads (round {round}) and she went down \
             to {}: two debits of {AMOUNT} both passed the balance check when she had {AMOUNT}, \
             money for one (check the balance while holding both locks, in the same critical \
             section as the debit)",
            lowest.min(left)
        );
        let (b, c) = (*bob.balance.lock().unwrap(), *carol.balance.lock().unwrap());
        ::std::assert_eq!(
            (runs[0].0 + runs[1].0, refills > 0, left, b + c),
            (refills, true, 0, refills as i64 * AMOUNT),
            "alice was refilled with {AMOUNT} each time she was empty, while two threads debited \
             {AMOUNT} from her: each of the {refills} refills must be paid out by exactly one \
             debit (round {round}); the debits that succeeded, whether she was refilled at all, what alice kept and \
             what the payees got were"
        );
    });
}
