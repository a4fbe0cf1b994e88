// verdict: pass
// Right: the data behind the lock gets its own type, with the methods that need no lock;
// `Warehouse` only locks and delegates, once per public operation.
use std::collections::HashMap;
use std::sync::Mutex;

pub const CAPACITY: u32 = 100;
pub const MAX_PER_ITEM: u32 = 40;

#[derive(Default)]
struct Stock(HashMap<String, u32>);

impl Stock {
    fn count(&self, item: &str) -> u32 {
        self.0.get(item).copied().unwrap_or(0)
    }

    fn total(&self) -> u32 {
        self.0.values().sum()
    }

    fn receive(&mut self, item: &str, units: u32) -> bool {
        if self.total() + units > CAPACITY || self.count(item) + units > MAX_PER_ITEM {
            return false;
        }
        *self.0.entry(item.to_string()).or_insert(0) += units;
        true
    }
}

pub struct Warehouse {
    stock: Mutex<Stock>,
}

impl Warehouse {
    pub fn new() -> Warehouse {
        Warehouse { stock: Mutex::new(Stock::default()) }
    }

    pub fn count(&self, item: &str) -> u32 {
        self.stock.lock().unwrap().count(item)
    }

    pub fn total(&self) -> u32 {
        self.stock.lock().unwrap().total()
    }

    pub fn receive(&self, item: &str, units: u32) -> bool {
        self.stock.lock().unwrap().receive(item, units)
    }
}

fn main() {}
