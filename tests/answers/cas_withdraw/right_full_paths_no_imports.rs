// verdict: pass
// Right, and it imports nothing: the atomics are written in full. The loom models must bring
// their own `Arc` and `thread` (from the shim), not borrow the learner's imports.

pub struct Card {
    balance: std::sync::atomic::AtomicU64,
}

impl Card {
    pub fn new(cents: u64) -> Card {
        Card { balance: std::sync::atomic::AtomicU64::new(cents) }
    }

    pub fn withdraw(&self, amount: u64) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.balance
            .fetch_update(Relaxed, Relaxed, |current| current.checked_sub(amount))
            .is_ok()
    }

    pub fn balance(&self) -> u64 {
        self.balance.load(std::sync::atomic::Ordering::Relaxed)
    }
}

fn main() {
    let card = Card::new(100);
    println!("paid: {}, balance left: {}", card.withdraw(60), card.balance());
}
