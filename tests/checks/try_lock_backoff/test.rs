// Grader-owned tests for try_lock_backoff, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::{Account, Busy, attempt_transfer, transfer};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Account::new` must keep this signature.
    let _: fn(u32, i64) -> Account = Account::new;
    // `attempt_transfer` must keep this signature.
    let _: fn(&Account, &Account, i64) -> ::std::result::Result<bool, Busy> = attempt_transfer;
    // `transfer` must keep this signature.
    let _: fn(&Account, &Account, i64) -> bool = transfer;
    // `Account::balance` must keep this field.
    let _: fn(&Account) -> &::std::sync::Mutex<i64> = |a| &a.balance;
}

/// Transfers each way per round.
const TRANSFERS: usize = 100;

/// `opposite_transfers_finish_and_keep_the_total` on real threads (`opposite_transfers`). Its
/// verdict counts only once `OVERLAPS` transfers ran while one the other way did (`Overlap`):
/// a transfer that holds one account while it waits for the other then deadlocks almost
/// surely (a time-out), and a machine too busy to run both threads at once makes the test
/// inconclusive, never a pass.
#[test]
fn stress_opposite_transfers_finish_and_keep_the_total() {
    crate::__checks::opposite_transfers(
        TRANSFERS as u64,
        Account::new,
        transfer,
        ::core::option::Option::None,
        |account| *account.balance.lock().unwrap(),
    );
}

/// `two_debits_from_one_payer_never_overdraw` on real threads: two threads keep debiting one
/// payer, alice, while the check refills her with one debit's worth each time she is empty:
/// every refill is a race of two debits for money that pays one, many times a round. Alice
/// must never go below zero, and each refill must be paid out exactly once. (Nothing here
/// can stall a debit between a stale check and its debit, since a `try_lock` never waits:
/// a split check shows only when the OS switches threads inside it; the loom model is what
/// proves it.)
#[test]
fn stress_two_debits_from_one_payer_never_overdraw() {
    const REFILLS: usize = 2_000;
    const AMOUNT: i64 = 7;
    crate::__checks::rounds(|round| {
        let alice = ::std::sync::Arc::new(Account::new(1, 0));
        let bob = ::std::sync::Arc::new(Account::new(2, 0));
        let done = ::std::sync::Arc::new(::std::sync::atomic::AtomicBool::new(false));
        let (a, b) = (
            ::std::sync::Arc::clone(&alice),
            ::std::sync::Arc::clone(&bob),
        );
        let finished = ::std::sync::Arc::clone(&done);
        // Each thread returns (debits that succeeded, refills made, the lowest balance seen).
        let runs = crate::__checks::together(3, move |i| {
            if i < 2 {
                let mut paid = 0;
                while !finished.load(::std::sync::atomic::Ordering::SeqCst) {
                    if transfer(&a, &b, AMOUNT) {
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
                {
                    let mut balance = a.balance.lock().unwrap();
                    lowest = lowest.min(*balance);
                    if *balance == 0 {
                        *balance += AMOUNT;
                        refills += 1;
                        progress = ::std::time::Instant::now();
                    }
                }
                ::std::hint::spin_loop();
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
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        ::std::assert!(
            lowest >= 0 && a >= 0,
            "two threads debited alice at once on real threads (round {round}) and she went down \
             to {}: two transfers of {AMOUNT} both passed the balance check when she had \
             {AMOUNT}, money for one (check the balance while both accounts are held, in the \
             attempt that debits)",
            lowest.min(a)
        );
        ::std::assert_eq!(
            (runs[0].0 + runs[1].0, refills > 0, a, b),
            (refills, true, 0, refills as i64 * AMOUNT),
            "alice was refilled with {AMOUNT} each time she was empty, while two threads paid \
             {AMOUNT} from her to bob: each of the {refills} refills must be paid out by exactly \
             one transfer (round {round}); the transfers that succeeded, whether she was refilled at all, what alice \
             kept and what bob got were"
        );
    });
}

/// `a_transfer_waits_out_a_long_hold` on real threads: bob's account is held for 50 ms while
/// a transfer to him runs; the transfer must keep retrying until it is free, then succeed.
#[test]
fn stress_a_transfer_waits_out_a_long_hold() {
    let alice = ::std::sync::Arc::new(Account::new(1, 100));
    let bob = ::std::sync::Arc::new(Account::new(2, 100));
    let held = bob.balance.lock().unwrap();
    let pays = {
        let (a, b) = (
            ::std::sync::Arc::clone(&alice),
            ::std::sync::Arc::clone(&bob),
        );
        ::std::thread::spawn(move || transfer(&a, &b, 30))
    };
    ::std::thread::sleep(::std::time::Duration::from_millis(50));
    drop(held);
    ::std::assert!(
        pays.join().unwrap(),
        "on real threads bob's account was held for 50 ms while alice paid him 30: the \
         transfer must retry until the account is free, not give up"
    );
    ::std::assert_eq!(
        (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap()),
        (70, 130),
        "alice paid bob 30"
    );
}
