// Grader-owned tests for cas_withdraw, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
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

/// `only_one_of_two_fares_fits` on real threads: machines at once, more fares than fit.
#[test]
fn stress_only_the_fares_that_fit_are_paid() {
    crate::__checks::rounds(|round| {
        let cards = cards(100);
        let shared = ::std::sync::Arc::clone(&cards);
        let paid = crate::__checks::together(4, move |_| {
            shared
                .iter()
                .map(|card| card.withdraw(30))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, card) in cards.iter().enumerate() {
            let count = paid.iter().filter(|p| p[k]).count();
            ::std::assert_eq!(
                count,
                3,
                "a card holds 100 and four machines on real threads each charge 30 at once \
                 (round {round}): exactly three may succeed, but {count} did"
            );
            ::std::assert_eq!(card.balance(), 10, "three fares of 30 were paid from 100");
        }
    });
}

/// `both_fares_fit` and `fares_too_high_take_nothing` on real threads.
#[test]
fn stress_fares_that_fit_are_paid_and_others_refused() {
    crate::__checks::rounds(|round| {
        let cards = cards(100);
        let shared = ::std::sync::Arc::clone(&cards);
        let paid = crate::__checks::together(4, move |i| {
            shared
                .iter()
                .map(|card| card.withdraw([30, 50, 150, 120][i]))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, card) in cards.iter().enumerate() {
            let each: ::std::vec::Vec<bool> = paid.iter().map(|p| p[k]).collect();
            ::std::assert_eq!(
                each,
                [true, true, false, false],
                "a card holds 100 and four machines on real threads charge 30, 50, 150 and \
                 120 at once (round {round}): 30 and 50 fit, 150 and 120 never do"
            );
            ::std::assert_eq!(card.balance(), 20, "100 - 30 - 50");
        }
    });
}
