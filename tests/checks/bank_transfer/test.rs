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
/// on real threads: transfers both ways at once, and an audit beside them.
#[test]
fn stress_opposite_transfers_finish_and_keep_the_total() {
    crate::__checks::rounds(|round| {
        let alice = ::std::sync::Arc::new(Account::new(1, 1_000));
        let bob = ::std::sync::Arc::new(Account::new(2, 1_000));
        let (a, b) = (::std::sync::Arc::clone(&alice), ::std::sync::Arc::clone(&bob));
        let done = crate::__checks::together(3, move |i| {
            (0..TRANSFERS)
                .map(|_| match i {
                    0 => ::core::primitive::i64::from(transfer(&a, &b, 3)),
                    1 => ::core::primitive::i64::from(transfer(&b, &a, 1)),
                    _ => audit(&a, &b),
                })
                .collect::<::std::vec::Vec<i64>>()
        });
        ::std::assert!(
            done[0].iter().chain(&done[1]).all(|&ok| ok == 1),
            "every transfer has enough money and must succeed (round {round})"
        );
        ::std::assert!(
            done[2].iter().all(|&total| total == 2_000),
            "an audit during transfers on real threads (round {round}) found a total other \
             than 2000: money left one account while the other was not locked"
        );
        let (a, b) = (*alice.balance.lock().unwrap(), *bob.balance.lock().unwrap());
        ::std::assert_eq!(
            (a, b),
            (1_000 - 2 * TRANSFERS as i64, 1_000 + 2 * TRANSFERS as i64),
            "alice paid 3 and got 1 back {TRANSFERS} times; bob the opposite"
        );
    });
}
