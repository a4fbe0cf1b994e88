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

/// `opposite_transfers_finish_and_keep_the_total` on real threads.
#[test]
fn stress_opposite_transfers_finish_and_keep_the_total() {
    crate::__checks::rounds(|round| {
        let alice = ::std::sync::Arc::new(Account::new(1, 1_000));
        let bob = ::std::sync::Arc::new(Account::new(2, 1_000));
        let (a, b) = (::std::sync::Arc::clone(&alice), ::std::sync::Arc::clone(&bob));
        let done = crate::__checks::together(2, move |i| {
            (0..TRANSFERS).all(|_| {
                if i == 0 {
                    transfer(&a, &b, 3)
                } else {
                    transfer(&b, &a, 1)
                }
            })
        });
        ::std::assert!(
            done[0] && done[1],
            "every transfer has enough money and must succeed (round {round})"
        );
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        ::std::assert_eq!(
            (a, b),
            (1_000 - 2 * TRANSFERS as i64, 1_000 + 2 * TRANSFERS as i64),
            "alice paid 3 and got 1 back {TRANSFERS} times on real threads (round {round}); \
             bob the opposite"
        );
    });
}

/// `two_debits_from_one_payer_never_overdraw` on real threads: two threads debit one payer
/// until the money runs out; every transfer that reports success moved money, none overdraws.
#[test]
fn stress_two_debits_from_one_payer_never_overdraw() {
    const BALANCE: i64 = 1_000;
    const AMOUNT: i64 = 7;
    crate::__checks::rounds(|round| {
        let alice = ::std::sync::Arc::new(Account::new(1, BALANCE));
        let bob = ::std::sync::Arc::new(Account::new(2, 0));
        let (a, b) = (::std::sync::Arc::clone(&alice), ::std::sync::Arc::clone(&bob));
        let moved = crate::__checks::together(2, move |_| {
            (0..TRANSFERS).filter(|_| transfer(&a, &b, AMOUNT)).count() as i64
        });
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        let succeeded = moved[0] + moved[1];
        ::std::assert!(
            a >= 0,
            "alice had {BALANCE} and two threads paid {AMOUNT} at a time from it: alice ends \
             with {a}, overdrawn (round {round})"
        );
        ::std::assert_eq!(
            (a, b, succeeded),
            (BALANCE % AMOUNT, BALANCE - BALANCE % AMOUNT, BALANCE / AMOUNT),
            "two threads paid {AMOUNT} from alice's {BALANCE} until it ran out: {} transfers \
             must succeed (round {round}); alice, bob and the successes were",
            BALANCE / AMOUNT
        );
    });
}
