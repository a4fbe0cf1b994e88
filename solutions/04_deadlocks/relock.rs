// relock: a method that holds a lock calls a method that takes the same lock.
//
// Solution: public methods lock; private helpers take the data the lock protects. `receive`
// locks once, checks both limits and updates the stock under that one guard, so it never
// locks twice and no other delivery can run between its check and its update. `count` and
// `total` lock and call the same helpers, so the arithmetic lives in one place.
//
// (Re-entrant locks exist, e.g. `parking_lot::ReentrantMutex`, but they only give shared
// access: the thread would still need a `RefCell` to mutate, and the design stays tangled.
// Locking at the public boundary is the usual fix.)
//
// How it is checked: tests under a 3-second limit, then loom runs two deliveries at once
// under every interleaving, then trucks race deliveries on real threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread;

/// The most units the warehouse can hold, all items together.
pub const CAPACITY: u32 = 100;
/// The most units of any one item.
pub const MAX_PER_ITEM: u32 = 40;

pub struct Warehouse {
    stock: Mutex<HashMap<String, u32>>,
}

/// Units of `item` in `stock` (the caller holds the lock).
fn count_in(stock: &HashMap<String, u32>, item: &str) -> u32 {
    stock.get(item).copied().unwrap_or(0)
}

/// Units in `stock`, all items together (the caller holds the lock).
fn total_in(stock: &HashMap<String, u32>) -> u32 {
    stock.values().sum()
}

impl Warehouse {
    pub fn new() -> Warehouse {
        Warehouse { stock: Mutex::new(HashMap::new()) }
    }

    /// Units of `item` in stock.
    pub fn count(&self, item: &str) -> u32 {
        count_in(&self.stock.lock().unwrap(), item)
    }

    /// Units in stock, all items together.
    pub fn total(&self) -> u32 {
        total_in(&self.stock.lock().unwrap())
    }

    /// Stores `units` of `item` if both limits still hold afterwards; returns whether it did.
    pub fn receive(&self, item: &str, units: u32) -> bool {
        // One guard for the check and the update: nothing can change in between.
        let mut stock = self.stock.lock().unwrap();
        if total_in(&stock) + units > CAPACITY || count_in(&stock, item) + units > MAX_PER_ITEM {
            return false;
        }
        *stock.entry(item.to_string()).or_insert(0) += units;
        true
    }
}

fn main() {
    let warehouse = Arc::new(Warehouse::new());
    let truck = {
        let warehouse = Arc::clone(&warehouse);
        thread::spawn(move || warehouse.receive("bolts", 30))
    };
    let nuts = warehouse.receive("nuts", 25);
    let bolts = truck.join().unwrap();
    println!("bolts stored: {bolts}, nuts stored: {nuts}; {} units in stock", warehouse.total());
}
