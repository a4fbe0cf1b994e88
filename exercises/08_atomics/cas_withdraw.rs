// cas_withdraw: a race condition without a data race.
//
// A prepaid travel card keeps its balance, in cents, in an `AtomicU64`, and any number of
// ticket machines charge it at once. `withdraw` checks that the balance covers the fare and
// then subtracts it. Every access is atomic, so there is no data race, and the compiler is
// happy. But the check and the subtraction are two steps: two machines can both see 100,
// both decide 60 is affordable, and both subtract. The balance wraps around below zero.
//
// What to do: make the check and the subtraction one atomic step with a compare-and-swap
// loop: read the balance, refuse if it is too low, otherwise `compare_exchange` it from the
// value you read to the new value. If another machine changed the balance in between, the
// exchange fails and gives you the balance it found: check again with that one.
//
// How it is checked: loom runs two withdrawals at once under every interleaving: when only
// one of them can be paid, exactly one must succeed; when both can (even using up the whole
// balance), both must; when neither can, nothing is taken. Then a test charges one card again
// and again with fares drawn per run, and the same as loom's on real threads: four machines
// charge each of many cards at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

pub struct Card {
    balance: AtomicU64,
}

impl Card {
    pub fn new(cents: u64) -> Card {
        Card { balance: AtomicU64::new(cents) }
    }

    /// Takes `amount` cents off the card. Returns false, and takes nothing, if the balance
    /// is less than `amount`.
    pub fn withdraw(&self, amount: u64) -> bool {
        // TODO: another machine can withdraw between this check and the `fetch_sub`.
        // Replace both steps with a loop around `compare_exchange`.
        if self.balance.load(Ordering::Relaxed) < amount {
            return false;
        }
        self.balance.fetch_sub(amount, Ordering::Relaxed);
        true
    }

    pub fn balance(&self) -> u64 {
        self.balance.load(Ordering::Relaxed)
    }
}

fn main() {
    let card = Arc::new(Card::new(100));
    let machines: Vec<_> = (0..2)
        .map(|_| {
            let card = Arc::clone(&card);
            thread::spawn(move || card.withdraw(60))
        })
        .collect();
    let paid: Vec<bool> = machines.into_iter().map(|m| m.join().unwrap()).collect();
    println!("paid: {paid:?}, balance left: {}", card.balance());
}
