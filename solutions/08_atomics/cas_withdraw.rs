// cas_withdraw: a race condition without a data race.
//
// Solution: a compare-and-swap loop. `compare_exchange(current, new, ..)` writes `new` only
// if the balance is still `current`, the value our check was made on; otherwise it writes
// nothing and returns the balance it found, and the loop checks that one. So a withdrawal
// only ever succeeds on a balance that nobody changed between its check and its write.
//
// Orderings: `Relaxed` everywhere. The compare-and-swap is atomic whatever its ordering; an
// ordering only decides what other memory becomes visible along with the value. The balance
// is the whole state here: no thread reads other data because of what it saw in the balance,
// so there is nothing to publish and nothing stronger to ask for. (If a withdrawal also
// wrote a receipt that another thread read after seeing the new balance, the successful
// exchange would need `Release` and that reader's load `Acquire`: see 09_ordering.)

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
        let mut current = self.balance.load(Ordering::Relaxed);
        loop {
            // The check, made on the value the exchange below will compare against.
            if current < amount {
                return false;
            }
            // Relaxed on success and on failure: only the balance itself matters.
            match self.balance.compare_exchange(
                current,
                current - amount,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                // Another machine got in first: check again with the balance it left.
                Err(actual) => current = actual,
            }
        }
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
