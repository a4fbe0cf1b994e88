// Grader-owned tests for cas_withdraw: withdrawals one after another on one thread, then on
// real threads: the loom models (loom.rs) check every interleaving under the model checker;
// the stress tests (run after the models pass), with amounts drawn per round, check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::Card;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Card::new` must keep this signature.
    let _: fn(u64) -> Card = Card::new;
    // `Card::withdraw` must keep this signature.
    let _: fn(&Card, u64) -> bool = Card::withdraw;
    // `Card::balance` must keep this signature.
    let _: fn(&Card) -> u64 = Card::balance;
}

/// Cards per round: each thread goes through them in order, so the threads race on each card.
const CARDS: usize = 500;

fn cards(cents: u64) -> ::std::sync::Arc<::std::vec::Vec<Card>> {
    ::std::sync::Arc::new((0..CARDS).map(|_| Card::new(cents)).collect())
}

/// One machine charges a card again and again, amounts drawn per run, some exactly the
/// balance left: each withdrawal must succeed exactly when the balance covers it, and take
/// exactly the fare. (Named `stress_` to run after the models, as the stress tests do: a logic
/// bug is then shown as the model's run of the machines one after another, with its steps.)
#[test]
fn stress_one_machine_charges_fares_one_after_another() {
    let mut rng = crate::__checks::Rng::new(0xca5_3d7a);
    let start = rng.range(1, 10_000);
    let card = Card::new(start);
    let mut left = start;
    let mut fares = ::std::vec::Vec::new();
    for _ in 0..100 {
        let fare = match rng.below(4) {
            0 => left.max(1),
            1 => left + rng.range(1, 100),
            _ => rng.range(1, left / 2 + 2),
        };
        fares.push(fare);
        let fits = fare <= left;
        ::std::assert_eq!(
            card.withdraw(fare),
            fits,
            "a card that started at {start} was charged {fares:?} one after another: with \
             {left} left, a fare of {fare} must be {}",
            if fits { "paid" } else { "refused" }
        );
        if fits {
            left -= fare;
        }
        ::std::assert_eq!(
            card.balance(),
            left,
            "a card that started at {start} was charged {fares:?} one after another"
        );
    }
}

/// A card holding `fits` fares of `fare` and `rest` more cents (less than a fare), drawn per
/// round.
fn fares_that_fit(rng: &mut crate::__checks::Rng) -> (u64, u64, u64) {
    let fare = rng.range(1, 10_000);
    let fits = rng.range(1, 4);
    let rest = if rng.below(4) == 0 {
        0
    } else {
        rng.below(fare)
    };
    (fare, fits, rest)
}

/// `only_one_of_two_fares_fits` on real threads: machines at once, more fares than fit.
#[test]
fn stress_only_the_fares_that_fit_are_paid() {
    crate::__checks::rounds(|round| {
        let mut rng = crate::__checks::Rng::new(0xca5_3d7b ^ round as u64);
        let (fare, fits, rest) = fares_that_fit(&mut rng);
        let start = fare * fits + rest;
        let cards = cards(start);
        let shared = ::std::sync::Arc::clone(&cards);
        let paid = crate::__checks::together(4, move |_| {
            shared
                .iter()
                .map(|card| card.withdraw(fare))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, card) in cards.iter().enumerate() {
            let count = paid.iter().filter(|p| p[k]).count() as u64;
            ::std::assert_eq!(
                count,
                fits,
                "a card holds {start} and four machines on real threads each charge {fare} at \
                 once (round {round}): exactly {fits} may succeed, but {count} did"
            );
            ::std::assert_eq!(
                card.balance(),
                rest,
                "{fits} fares of {fare} were paid from {start}"
            );
        }
    });
}

/// `both_fares_fit` and `fares_too_high_take_nothing` on real threads.
#[test]
fn stress_fares_that_fit_are_paid_and_others_refused() {
    crate::__checks::rounds(|round| {
        let mut rng = crate::__checks::Rng::new(0xca5_3d7c ^ round as u64);
        let start = rng.range(2, 10_000);
        let first = rng.range(1, start);
        let second = rng.range(1, start - first + 1);
        let fares = [
            first,
            second,
            rng.range(start + 1, 2 * start),
            rng.range(start + 1, 2 * start),
        ];
        let cards = cards(start);
        let shared = ::std::sync::Arc::clone(&cards);
        let paid = crate::__checks::together(4, move |i| {
            shared
                .iter()
                .map(|card| card.withdraw(fares[i]))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, card) in cards.iter().enumerate() {
            let each: ::std::vec::Vec<bool> = paid.iter().map(|p| p[k]).collect();
            ::std::assert_eq!(
                each,
                [true, true, false, false],
                "a card holds {start} and four machines on real threads charge {fares:?} at \
                 once (round {round}): the first two fit together, the others never do"
            );
            ::std::assert_eq!(
                card.balance(),
                start - first - second,
                "{start} - {first} - {second}"
            );
        }
    });
}

/// `only_one_of_two_fares_fits` on real threads, with the withdrawals from each card as close
/// together as they can be: the machines take tickets from one counter, four per card, so the
/// four fares charged to a card run at once or right after one another, whichever threads
/// charge them. Each card holds `fits` fares (drawn per card) and less than one more: exactly
/// `fits` charges may succeed. On a busy machine the OS may run a round's threads one after
/// another: the rounds go on until enough withdrawals overlapped another thread's (`Overlap`),
/// and if that never happens the test says so (it does not pass).
#[test]
fn stress_withdrawals_from_one_card_at_once_pay_only_what_fits() {
    const THREADS: usize = 4;
    const CARDS: usize = 20_000;
    let mut rng = crate::__checks::Rng::new(0xca5_3d7d);
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the withdrawals", &overlap, |round| {
        let (fare, fits, rest) = fares_that_fit(&mut rng);
        let start = fare * fits + rest;
        let cards = cards_of(CARDS, start);
        let tickets = ::std::sync::Arc::new(::std::sync::atomic::AtomicUsize::new(0));
        let (shared, witness) = (
            ::std::sync::Arc::clone(&cards),
            ::std::sync::Arc::clone(&overlap),
        );
        let results = crate::__checks::together(THREADS, move |_| {
            let began = ::std::time::Instant::now();
            let mut done = ::std::vec::Vec::new();
            while witness.more(done.len() as u64, 1_000, began) {
                let ticket = tickets.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
                if ticket >= CARDS * 4 {
                    break;
                }
                let k = ticket / 4;
                let paid = witness.op(|| shared[k].withdraw(fare));
                done.push((k, paid));
            }
            done
        });
        let mut charged = ::std::vec![0u8; CARDS];
        let mut paid = ::std::vec![0u64; CARDS];
        for &(k, ok) in results.iter().flatten() {
            charged[k] += 1;
            paid[k] += u64::from(ok);
        }
        for k in (0..CARDS).filter(|&k| charged[k] == 4) {
            ::std::assert_eq!(
                (paid[k], cards[k].balance()),
                (fits, rest),
                "a card holds {start} and four machines on real threads each charge {fare} at \
                 once (round {round}): exactly {fits} may succeed, leaving {rest}; (successes, \
                 balance) were"
            );
        }
    });
}

fn cards_of(n: usize, cents: u64) -> ::std::sync::Arc<::std::vec::Vec<Card>> {
    ::std::sync::Arc::new((0..n).map(|_| Card::new(cents)).collect())
}

/// `only_one_of_two_fares_fits` on real threads, two machines charging each card at the same
/// instant (`SameInstant`: paired at a spinning barrier, and counted only when the two calls
/// began within 150 ns of each other), card after card, in step. Each card holds one fare and
/// less than another: exactly one charge may succeed. `Overlap` above also counts withdrawals
/// that overlapped because the OS switched threads in the middle of one, which on a busy
/// machine is most of them, and a switch rarely falls between a check and its act: a
/// check-then-act passed there. Two calls at the same instant show it on a few pairs in a
/// hundred; this test goes on until `OVERLAPS` pairs met, and if they never do (a machine too
/// busy to run two threads at once) it says so (inconclusive), never a pass.
#[test]
fn stress_two_withdrawals_at_the_same_instant_pay_only_what_fits() {
    use ::std::sync::atomic::{AtomicBool, Ordering::SeqCst};
    /// Two machines: every pair is the two of them, so both count the same pairs and charge
    /// the same card in each.
    const MACHINES: usize = 2;
    const CARDS: usize = 4_000;
    let mut rng = crate::__checks::Rng::new(0xca5_3d7e);
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping(
        "the withdrawals made two at a time (within 150 ns of each other)",
        &overlap,
        |round| {
            let fare = rng.range(1, 10_000);
            let rest = rng.below(fare);
            let cards = cards_of(CARDS, fare + rest);
            let pairs = ::std::sync::Arc::new(crate::__checks::SameInstant::new(&overlap));
            let seeds: [u64; MACHINES] = ::core::array::from_fn(|_| rng.next_u64());
            let stopped = ::std::sync::Arc::new(AtomicBool::new(false));
            let shared = ::std::sync::Arc::clone(&cards);
            let results = crate::__checks::together(MACHINES, move |i| {
                let began = ::std::time::Instant::now();
                let mut caller = pairs.caller(i, seeds[i]);
                let mut paid = ::std::vec::Vec::new();
                // Card after card, one per pair met, until every card was charged, the
                // round's time is up, or the other machine stopped (alone, it meets nobody).
                while paid.len() < CARDS
                    && began.elapsed() < crate::__checks::ROUND_PATIENCE
                    && !stopped.load(SeqCst)
                {
                    let ::core::option::Option::Some(pair) = caller.meet() else {
                        continue;
                    };
                    let k = paid.len();
                    paid.push(pair.call(|| shared[k].withdraw(fare)));
                }
                stopped.store(true, SeqCst);
                paid
            });
            let both = results.iter().map(|p| p.len()).min().unwrap_or(0);
            for k in 0..both {
                let successes = results.iter().filter(|p| p[k]).count();
                ::std::assert_eq!(
                    (successes, cards[k].balance()),
                    (1, rest),
                    "a card holds {} (one fare of {fare} and {rest} more) and two machines on \
                     real threads charge {fare} at the same instant (round {round}): exactly one \
                     may succeed, leaving {rest}; (successes, balance) were",
                    fare + rest
                );
            }
        },
    );
}
