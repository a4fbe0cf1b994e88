// verdict: pass
// Right: fetch_update runs the compare-and-swap loop for us; the closure returns None to
// refuse, and is called again with the new balance whenever another machine got in first.

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
        self.balance
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
                current.checked_sub(amount)
            })
            .is_ok()
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
