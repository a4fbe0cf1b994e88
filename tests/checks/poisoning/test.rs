// Grader-owned tests for poisoning.
use super::{Ledger, balance, lock_ledger, post};
use ::std::sync::{Arc, Mutex, PoisonError};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `lock_ledger` must keep this signature.
    let _: fn(&::std::sync::Mutex<Ledger>) -> ::std::sync::MutexGuard<'_, Ledger> = lock_ledger;
    // `post` must keep this signature.
    let _: fn(&::std::sync::Mutex<Ledger>, i64) = post;
    // `balance` must keep this signature.
    let _: fn(&::std::sync::Mutex<Ledger>) -> i64 = balance;
    // `Ledger::is_consistent` must keep this signature.
    let _: fn(&Ledger) -> bool = Ledger::is_consistent;
    // `Ledger::entries` must keep this field.
    let _: fn(&Ledger) -> &::std::vec::Vec<i64> = |l| &l.entries;
    // `Ledger::balance` must keep this field.
    let _: fn(&Ledger) -> &i64 = |l| &l.balance;
}

fn ledger_with(amounts: &[i64]) -> Arc<Mutex<Ledger>> {
    let balance = amounts.iter().sum();
    Arc::new(Mutex::new(Ledger {
        entries: amounts.to_vec(),
        balance,
    }))
}

/// A worker records `amount`, then panics before updating the balance. It panics with
/// `resume_unwind`, which unwinds (and so poisons the lock) like `panic!` but prints nothing:
/// a failing test then shows the learner's panic, not this expected one.
fn crash_while_posting(ledger: &Arc<Mutex<Ledger>>, amount: i64) {
    let ledger2 = Arc::clone(ledger);
    let result = ::std::thread::spawn(move || {
        let mut book = ledger2.lock().unwrap_or_else(PoisonError::into_inner);
        book.entries.push(amount);
        ::std::panic::resume_unwind(Box::new(::std::format!(
            "worker crashed halfway through posting {amount}"
        )));
    })
    .join();
    ::std::assert!(result.is_err());
    ::std::assert!(
        ledger.is_poisoned(),
        "test setup: the ledger must now be poisoned"
    );
}

#[test]
fn posting_without_panics() {
    let ledger = ledger_with(&[]);
    post(&ledger, 100);
    post(&ledger, -30);
    ::std::assert_eq!(balance(&ledger), 70);
    ::std::assert!(lock_ledger(&ledger).is_consistent());
}

#[test]
fn lock_ledger_does_not_panic_on_a_poisoned_lock() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    let book = lock_ledger(&ledger);
    ::std::assert_eq!(
        book.entries,
        [100, 50],
        "the entries are the record of truth: keep them all"
    );
}

#[test]
fn the_balance_is_repaired() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    let book = lock_ledger(&ledger);
    ::std::assert!(
        book.is_consistent(),
        "after a worker panicked halfway, the balance ({}) must be recomputed from the entries {:?}",
        book.balance,
        book.entries
    );
    ::std::assert_eq!(book.balance, 150);
}

#[test]
fn posting_and_reading_after_a_crash() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    post(&ledger, 20);
    ::std::assert_eq!(
        balance(&ledger),
        170,
        "100 + 50 (recorded before the crash) + 20"
    );
}

#[test]
fn the_poison_is_cleared() {
    let ledger = ledger_with(&[100]);
    crash_while_posting(&ledger, 50);
    drop(lock_ledger(&ledger));
    ::std::assert!(
        !ledger.is_poisoned(),
        "once repaired, the ledger must not stay poisoned: other code calls `lock().unwrap()`"
    );
    ::std::assert_eq!(ledger.lock().unwrap().balance, 150);
}

#[test]
fn two_crashes() {
    let ledger = ledger_with(&[]);
    post(&ledger, 10);
    crash_while_posting(&ledger, 5);
    post(&ledger, 1);
    crash_while_posting(&ledger, 7);
    ::std::assert_eq!(
        balance(&ledger),
        23,
        "10 + 5 + 1 + 7: every recorded entry counts, even after two crashes"
    );
    ::std::assert!(lock_ledger(&ledger).is_consistent());
    ::std::assert!(
        !ledger.is_poisoned(),
        "once repaired, the ledger must not stay poisoned"
    );
}

/// What another thread found wrong when it locked the ledger as the rest of the program does.
enum Problem {
    /// The poison was already cleared, and the balance was not repaired: its balance and entries.
    Unrepaired(i64, ::std::vec::Vec<i64>),
    /// The lock was free and still poisoned, though the balance was already repaired: a plain
    /// `lock().unwrap()` panics there, on a ledger that is fine.
    RepairedButStillPoisoned,
}

/// What another thread saw: None if nothing was wrong.
type Seen = ::core::option::Option<Problem>;

/// A thread of the rest of the program: locks the ledger as soon as it is no longer poisoned
/// (retrying while it is, until the repairer has `finished`), and reports what it found. A
/// ledger still poisoned whose balance is already right (it is not, as the crash left it)
/// was repaired and then let go before the poison was cleared.
fn lock_once_repaired(ledger: &Mutex<Ledger>, finished: &::std::sync::atomic::AtomicBool) -> Seen {
    loop {
        let last_try = finished.load(::std::sync::atomic::Ordering::SeqCst);
        match ledger.try_lock() {
            Ok(book) => {
                return (!book.is_consistent())
                    .then(|| Problem::Unrepaired(book.balance, book.entries.clone()));
            }
            Err(::std::sync::TryLockError::Poisoned(poisoned)) => {
                if poisoned.into_inner().is_consistent() {
                    return Some(Problem::RepairedButStillPoisoned);
                }
                if last_try {
                    // Still poisoned after the repair: the other checks say what is wrong.
                    return None;
                }
                ::std::hint::spin_loop();
            }
            // Still locked or poisoned after the repair: the other checks say what is wrong.
            Err(_) if last_try => return None,
            Err(_) => ::std::hint::spin_loop(),
        }
    }
}

/// Sets its flag when dropped: when the repairer is done, even by a panic.
struct SetOnDrop(::std::sync::Arc<::std::sync::atomic::AtomicBool>);

impl ::core::ops::Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, ::std::sync::atomic::Ordering::SeqCst);
    }
}

/// On real threads: while one thread repairs a poisoned ledger through `lock_ledger`, another
/// locks it the way the rest of the program does. It must never find the poison cleared and
/// the balance not yet repaired: the repair and the clearing both happen while `lock_ledger`
/// holds the lock. (Clearing first, then locking again to repair, leaves a window in which
/// another thread locks a ledger that looks healthy and is not; repairing, letting the lock
/// go and then clearing leaves one in which a plain `lock().unwrap()` panics on a ledger that
/// is fine.)
#[test]
fn stress_no_thread_sees_the_ledger_before_it_is_repaired() {
    // On a busy machine the OS may run a round's two threads one after another (the other
    // thread then locks only after the repair, and proves nothing): the rounds go on until
    // enough repairs ran while the other thread was trying (`Overlap`), and if that never
    // happens the test says so (it does not pass).
    let overlap = Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the repairs", &overlap, |round| {
        let ledger = ledger_with(&[100]);
        crash_while_posting(&ledger, 50);
        let shared = Arc::clone(&ledger);
        let witness = Arc::clone(&overlap);
        let finished = Arc::new(::std::sync::atomic::AtomicBool::new(false));
        let seen: ::std::vec::Vec<Seen> = crate::__checks::together(2, move |i| {
            if i == 0 {
                let _done = SetOnDrop(Arc::clone(&finished));
                witness.op(|| drop(lock_ledger(&shared)));
                None
            } else {
                witness.op(|| lock_once_repaired(&shared, &finished))
            }
        });
        match &seen[1] {
            Some(Problem::Unrepaired(balance, entries)) => ::std::panic!(
                "round {round}: another thread locked the ledger as the rest of the program does \
                 (the poison was already cleared) and found the balance {balance} for the entries {entries:?}: clear \
                 the poison only after repairing, while still holding the lock"
            ),
            Some(Problem::RepairedButStillPoisoned) => ::std::panic!(
                "round {round}: another thread found the ledger unlocked and still poisoned, \
                 though its balance was already repaired: the rest of the program, which calls \
                 `lock().unwrap()`, panics there on a ledger that is fine. Clear the poison \
                 while still holding the lock you repaired under, before letting it go"
            ),
            None => {}
        }
    });
}

/// A worker records every amount of `amounts`, adds the first `added` of them to the balance,
/// and panics while holding the lock (quietly, as `crash_while_posting` does).
fn crash_after(ledger: &Arc<Mutex<Ledger>>, amounts: ::std::vec::Vec<i64>, added: usize) {
    let ledger2 = Arc::clone(ledger);
    let result = ::std::thread::spawn(move || {
        let mut book = ledger2.lock().unwrap_or_else(PoisonError::into_inner);
        book.entries.extend_from_slice(&amounts);
        book.balance += amounts[..added].iter().sum::<i64>();
        ::std::panic::resume_unwind(Box::new("worker crashed"));
    })
    .join();
    ::std::assert!(result.is_err());
    ::std::assert!(
        ledger.is_poisoned(),
        "test setup: the ledger must now be poisoned"
    );
}

/// Crashes drawn per run: a worker records some entries (none, one or several) and adds some
/// of them (none, some or all) to the balance before it panics. Whatever it left behind, the
/// entries are the record of truth: the balance must be recomputed from them (a repair that
/// adds the last entry, say, is right only for a worker that crashed right after recording
/// one entry), and the poison cleared.
#[test]
fn crashes_drawn_per_run_are_repaired_from_the_entries() {
    let mut rng = crate::__checks::Rng::new(0x9015);
    let amount = |rng: &mut crate::__checks::Rng| rng.range(1, 2000) as i64 - 1000;
    for _ in 0..20 {
        let before: ::std::vec::Vec<i64> = (0..rng.below(4)).map(|_| amount(&mut rng)).collect();
        let recorded: ::std::vec::Vec<i64> = (0..rng.below(4)).map(|_| amount(&mut rng)).collect();
        let added = rng.below(recorded.len() as u64 + 1) as usize;
        let ledger = ledger_with(&before);
        crash_after(&ledger, recorded.clone(), added);
        let book = lock_ledger(&ledger);
        let entries: ::std::vec::Vec<i64> = before.iter().chain(&recorded).copied().collect();
        ::std::assert_eq!(
            book.entries,
            entries,
            "the entries are the record of truth: keep them all"
        );
        ::std::assert_eq!(
            book.balance,
            entries.iter().sum::<i64>(),
            "a worker recorded {recorded:?} after {before:?} and added only the first {added} \
             of them to the balance before it panicked: the balance must be recomputed from \
             all the entries {entries:?}"
        );
        drop(book);
        ::std::assert!(
            !ledger.is_poisoned(),
            "once repaired, the ledger must not stay poisoned"
        );
    }
}

/// How long the lock's holder goes on holding it once the other thread is about to call
/// `lock_ledger`, before it panics: far beyond the few instructions between that call and its
/// wait for the lock, even when the OS makes a thread wait its turn on a loaded machine.
const HOLDER_LINGERS: ::std::time::Duration = ::std::time::Duration::from_millis(40);

/// A thread calls `lock_ledger` while a worker holds the lock, halfway through posting; the
/// worker then panics. The caller gets the lock poisoned although it was healthy when the call
/// began: whatever `lock_ledger` asked before it held the lock (`is_poisoned`, to choose
/// between a repair and a plain `lock().unwrap()`) is out of date by then. Only the holder of
/// the lock can poison it, so the question must be asked of the lock's own answer (the `Err`
/// of `lock()`), or while holding it.
#[test]
fn a_caller_waiting_while_the_holder_panics_still_gets_a_repaired_ledger() {
    for round in 0..3 {
        let ledger = ledger_with(&[100]);
        let holding = Arc::new(::std::sync::Barrier::new(2));
        let calling = Arc::new(::std::sync::atomic::AtomicBool::new(false));
        let worker = {
            let (ledger, holding, calling) = (
                Arc::clone(&ledger),
                Arc::clone(&holding),
                Arc::clone(&calling),
            );
            ::std::thread::spawn(move || {
                let mut book = ledger.lock().unwrap_or_else(PoisonError::into_inner);
                book.entries.push(50);
                holding.wait();
                while !calling.load(::std::sync::atomic::Ordering::SeqCst) {
                    ::std::thread::yield_now();
                }
                ::std::thread::sleep(HOLDER_LINGERS);
                ::std::panic::resume_unwind(Box::new("worker crashed halfway through posting 50"));
            })
        };
        let caller = {
            let ledger = Arc::clone(&ledger);
            ::std::thread::spawn(move || {
                holding.wait();
                calling.store(true, ::std::sync::atomic::Ordering::SeqCst);
                let book = lock_ledger(&ledger);
                (book.balance, book.entries.clone())
            })
        };
        ::std::assert!(worker.join().is_err(), "test setup: the worker panics");
        let (balance, entries) = match caller.join() {
            ::std::result::Result::Ok(seen) => seen,
            ::std::result::Result::Err(_) => ::std::panic!(
                "round {round}: a thread called lock_ledger while a worker held the lock; the \
                 worker then panicked, and lock_ledger panicked in turn. It found the ledger \
                 healthy before it had the lock, and took the lock as if it still were \
                 (`lock().unwrap()`): a lock can be poisoned while you wait for it, so take \
                 the guard out of the `Err` that `lock()` itself returns"
            ),
        };
        ::std::assert!(
            balance == entries.iter().sum::<i64>(),
            "round {round}: a thread called lock_ledger while a worker held the lock; the worker \
             then panicked halfway through posting, and lock_ledger handed out the balance \
             {balance} for the entries {entries:?}, unrepaired. If it asks whether the lock is \
             poisoned before it holds the lock, the answer can change while it waits for it: go \
             by what `lock()` itself returns (or ask while holding the lock)"
        );
        ::std::assert!(
            !ledger.is_poisoned(),
            "round {round}: a thread called lock_ledger while a worker held the lock, and the \
             worker then panicked: lock_ledger got the lock poisoned, and must clear the poison \
             (a question asked before holding the lock is out of date: ask while holding it)"
        );
    }
}
