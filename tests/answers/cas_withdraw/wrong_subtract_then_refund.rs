// verdict: interleaving
// Wrong: subtract first, and give the money back if the old balance was too low. Between
// the two steps the balance has wrapped around to a huge number, and another machine's
// withdrawal sees it and succeeds.

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
        let before = self.balance.fetch_sub(amount, Ordering::Relaxed);
        if before < amount {
            self.balance.fetch_add(amount, Ordering::Relaxed);
            return false;
        }
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
