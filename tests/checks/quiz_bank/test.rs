// Grader-owned tests for quiz_bank, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::{Bank, TransferError};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Bank::new` must keep this signature.
    let _: fn(&[u64]) -> Bank = Bank::new;
    // `Bank::balance` must keep this signature.
    let _: fn(&Bank, usize) -> u64 = Bank::balance;
    // `Bank::completed` must keep this signature.
    let _: fn(&Bank) -> usize = Bank::completed;
    // `Bank::transfer` must keep this signature.
    let _: fn(&Bank, usize, usize, u64) -> ::std::result::Result<(), TransferError> =
        Bank::transfer;
    // `Bank::accounts` must keep this field: each account is a Mutex of its own (the checks
    // hold one to keep a transfer waiting inside).
    let _: fn(&Bank) -> &::std::vec::Vec<::std::sync::Mutex<u64>> = |b| &b.accounts;
}

/// The loom models' properties on real threads: four threads move money round four accounts,
/// crossing each other, round cycles, on disjoint pairs and two from one payer at once, some
/// transfers too big to pay.
/// Nothing deadlocks, no money is made or lost, and the audit counts every success once.
#[test]
fn stress_transfers_keep_the_money_and_the_count() {
    const EACH: usize = 200;
    crate::__checks::rounds(|round| {
        let bank = ::std::sync::Arc::new(Bank::new(&[100, 100, 100, 100]));
        let b = ::std::sync::Arc::clone(&bank);
        let done = crate::__checks::together(4, move |i| {
            (0..EACH)
                .filter(|&n| {
                    // Payers change every other transfer, so two threads often pay from one
                    // account at once.
                    let from = (i + n / 2) % 4;
                    let to = (from + 1 + n % 3) % 4;
                    let amount = if n % 7 == 0 {
                        1_000
                    } else {
                        1 + (n % 5) as u64
                    };
                    b.transfer(from, to, amount).is_ok()
                })
                .count()
        });
        let total: u64 = (0..4).map(|a| bank.balance(a)).sum();
        ::std::assert_eq!(
            total,
            400,
            "transfers on real threads (round {round}) made or lost money"
        );
        let ok: usize = done.iter().sum();
        ::std::assert_eq!(
            bank.completed(),
            ok,
            "{ok} transfers succeeded on real threads (round {round}): the audit count must \
             be {ok} (an increment was lost, or a refused transfer was counted)"
        );
    });
}

/// `disjoint_transfers_do_not_wait_for_each_other` on real threads: this test holds account 1,
/// so `transfer(0, 1)` stops inside, waiting for it (the test waits until account 0 is busy, or
/// a moment if the transfer locks account 1 first); then `transfer(2, 3)`, which shares no
/// account with it, must finish while account 1 is still held. The bound is seconds, far
/// above what one transfer takes.
#[test]
fn stress_disjoint_transfers_run_at_once() {
    const ROUNDS: usize = 3;
    const INSIDE: ::std::time::Duration = ::std::time::Duration::from_millis(50);
    const BOUND: ::std::time::Duration = ::std::time::Duration::from_secs(3);
    for round in 1..=ROUNDS {
        let bank = ::std::sync::Arc::new(Bank::new(&[50, 50, 50, 50]));
        let held = bank.accounts[1].lock().unwrap();
        let b1 = ::std::sync::Arc::clone(&bank);
        let first = ::std::thread::spawn(move || b1.transfer(0, 1, 10));
        let began = ::std::time::Instant::now();
        while began.elapsed() < INSIDE {
            if let ::std::result::Result::Err(::std::sync::TryLockError::WouldBlock) =
                bank.accounts[0].try_lock()
            {
                break;
            }
            ::std::thread::sleep(::std::time::Duration::from_millis(1));
        }
        let (tx, rx) = ::std::sync::mpsc::channel();
        let b2 = ::std::sync::Arc::clone(&bank);
        let other = ::std::thread::spawn(move || {
            let result = b2.transfer(2, 3, 20);
            let _ = tx.send(());
            result
        });
        let finished = rx.recv_timeout(BOUND).is_ok();
        drop(held);
        let (first, other) = (first.join().unwrap(), other.join().unwrap());
        ::std::assert!(
            finished,
            "transfer(2, 3) did not finish in {BOUND:?} while transfer(0, 1) waited inside for \
             account 1 (round {round}): transfers on four different accounts ran one after \
             the other, not at once. Lock only the two accounts a transfer touches, not the \
             whole bank"
        );
        ::std::assert!(
            first.is_ok() && other.is_ok(),
            "both payers have enough money (round {round})"
        );
        ::std::assert_eq!(
            (0..4)
                .map(|a| bank.balance(a))
                .collect::<::std::vec::Vec<u64>>(),
            ::std::vec![40, 60, 30, 70],
            "0 pays 10 to 1, 2 pays 20 to 3 (round {round})"
        );
    }
}

/// One transfer at a time, on real threads: the refusals the exercise defines, and a payer
/// who has exactly the amount. A rewrite of `transfer` (around an ordered pair of locks, say)
/// can lose the `from == to` check on the way, and then a transfer to the same account locks
/// its Mutex twice on one thread: it never returns, so it runs on a thread of its own here.
#[test]
fn single_transfers_are_refused_or_paid_as_the_rules_say() {
    let refusal = |result: ::std::result::Result<(), TransferError>| {
        result.map_err(|e| match e {
            TransferError::SameAccount => "SameAccount",
            TransferError::NoSuchAccount => "NoSuchAccount",
            TransferError::InsufficientFunds => "InsufficientFunds",
        })
    };
    let bank = ::std::sync::Arc::new(Bank::new(&[30, 0]));
    let (tx, rx) = ::std::sync::mpsc::channel();
    let b = ::std::sync::Arc::clone(&bank);
    ::std::thread::spawn(move || {
        let _ = tx.send(b.transfer(1, 1, 0));
    });
    match rx.recv_timeout(::std::time::Duration::from_secs(3)) {
        ::std::result::Result::Ok(same) => ::std::assert_eq!(
            refusal(same),
            ::std::result::Result::Err("SameAccount"),
            "a transfer from account 1 to account 1 must be refused with SameAccount"
        ),
        ::std::result::Result::Err(_) => ::std::panic!(
            "transfer(1, 1, 0) did not return in 3 s (or panicked): a transfer from an account \
             to itself must be refused with SameAccount before any lock is taken; locking one \
             account's Mutex twice on one thread never returns"
        ),
    }
    ::std::assert_eq!(
        refusal(bank.transfer(0, 2, 1)),
        ::std::result::Result::Err("NoSuchAccount"),
        "there is no account 2"
    );
    ::std::assert_eq!(
        refusal(bank.transfer(0, 1, 31)),
        ::std::result::Result::Err("InsufficientFunds"),
        "account 0 holds 30 and cannot pay 31"
    );
    ::std::assert_eq!(
        refusal(bank.transfer(0, 1, 30)),
        ::std::result::Result::Ok(()),
        "account 0 holds 30 and can pay exactly 30: only a payer with less than the amount is \
         refused"
    );
    ::std::assert_eq!((bank.balance(0), bank.balance(1)), (0, 30));
}

/// The audit count on real threads, with transfers made two at a time at the same instant
/// (`SameInstant`: paired at a spinning barrier, and counted only when the two calls began
/// within 150 ns of each other). Each of four threads moves money back and forth between two
/// accounts of its own, so that no transfer waits for another's lock and every one is paid:
/// the count is all they share. A count read and then written in two steps loses an increment
/// on a few pairs in a hundred; `stress_transfers_keep_the_money_and_the_count` sees it only
/// when the OS runs its threads at once, and on a busy machine it may not, so this test goes
/// on until `OVERLAPS` pairs met, and if they never do (a machine too busy to run two threads
/// at once) it says so (inconclusive), never a pass.
#[test]
fn stress_transfers_at_the_same_instant_are_all_counted() {
    use ::std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    const THREADS: usize = 4;
    /// Transfers each thread makes in a round, at least (more while too few pairs met).
    const EACH: u64 = 200;
    const OPENING: u64 = 100;
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    let mut rng = crate::__checks::Rng::new(0x9b4c_a11d);
    crate::__checks::rounds_overlapping(
        "the transfers made two at a time (within 150 ns of each other)",
        &overlap,
        |round| {
            let bank = ::std::sync::Arc::new(Bank::new(&[OPENING; 2 * THREADS]));
            let pairs = ::std::sync::Arc::new(crate::__checks::SameInstant::new(&overlap));
            let seeds: [u64; THREADS] = ::core::array::from_fn(|_| rng.next_u64());
            let finished = ::std::sync::Arc::new(AtomicUsize::new(0));
            let (shared, witness) = (
                ::std::sync::Arc::clone(&bank),
                ::std::sync::Arc::clone(&overlap),
            );
            let made = crate::__checks::together(THREADS, move |i| {
                let began = ::std::time::Instant::now();
                let mut caller = pairs.caller(i, seeds[i]);
                let (mut paid, mut refused) = (0usize, 0usize);
                let mut n = 0u64;
                // Until this thread made its share (and enough pairs met, or the round's time
                // is up), or every other thread has stopped: alone, it meets nobody.
                while witness.more(n, EACH, began)
                    && began.elapsed() < crate::__checks::ROUND_PATIENCE
                    && finished.load(SeqCst) < THREADS - 1
                {
                    let ::core::option::Option::Some(pair) = caller.meet() else {
                        continue;
                    };
                    // There and back with the same amount: both accounts always have it.
                    let (from, to) = if n % 2 == 0 {
                        (2 * i, 2 * i + 1)
                    } else {
                        (2 * i + 1, 2 * i)
                    };
                    match pair.call(|| shared.transfer(from, to, 1 + (n / 2) % 3)) {
                        ::std::result::Result::Ok(()) => paid += 1,
                        ::std::result::Result::Err(_) => refused += 1,
                    }
                    n += 1;
                }
                finished.fetch_add(1, SeqCst);
                (paid, refused)
            });
            let refused: usize = made.iter().map(|&(_, r)| r).sum();
            ::std::assert_eq!(
                refused,
                0,
                "{THREADS} threads on real threads (round {round}), each moving money between two \
                 accounts of its own that always hold the amount: no transfer may be refused"
            );
            let paid: ::std::vec::Vec<usize> = made.iter().map(|&(p, _)| p).collect();
            let total: usize = paid.iter().sum();
            ::std::assert_eq!(
                bank.completed(),
                total,
                "{total} transfers succeeded ({paid:?} on {THREADS} threads, two at a time at the \
                 same instant, on disjoint accounts, round {round}): the audit count must be \
                 {total} (an increment was lost)"
            );
            ::std::assert_eq!(
                (0..2 * THREADS).map(|a| bank.balance(a)).sum::<u64>(),
                2 * THREADS as u64 * OPENING,
                "transfers on real threads (round {round}) made or lost money"
            );
        },
    );
}
