// verdict: pass
// Right: no helpers; `receive` computes both numbers inline from the one guard it holds.
use std::collections::HashMap;
use std::sync::Mutex;

/// The most units the warehouse can hold, all items together.
pub const CAPACITY: u32 = 100;
/// The most units of any one item.
pub const MAX_PER_ITEM: u32 = 40;

pub struct Warehouse {
    stock: Mutex<HashMap<String, u32>>,
}

impl Warehouse {
    pub fn new() -> Warehouse {
        Warehouse { stock: Mutex::new(HashMap::new()) }
    }

    /// Units of `item` in stock.
    pub fn count(&self, item: &str) -> u32 {
        let stock = self.stock.lock().unwrap();
        stock.get(item).copied().unwrap_or(0)
    }

    /// Units in stock, all items together.
    pub fn total(&self) -> u32 {
        let stock = self.stock.lock().unwrap();
        stock.values().sum()
    }

    pub fn receive(&self, item: &str, units: u32) -> bool {
        let mut stock = self.stock.lock().unwrap();
        let total: u32 = stock.values().sum();
        let have = stock.get(item).copied().unwrap_or(0);
        if total + units > CAPACITY || have + units > MAX_PER_ITEM {
            return false;
        }
        stock.insert(item.to_string(), have + units);
        true
    }
}

fn main() {}
