// verdict: pass
// Right: the fast path copies the id out in one statement (the read guard is a temporary,
// gone at the `;`), and the slow path uses the entry API, which checks and inserts at once.
use std::collections::HashMap;
use std::sync::RwLock;

struct Table {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

pub struct IdCache {
    table: RwLock<Table>,
}

impl IdCache {
    pub fn new() -> IdCache {
        IdCache { table: RwLock::new(Table { ids: HashMap::new(), names: Vec::new() }) }
    }

    pub fn id_of(&self, name: &str) -> u32 {
        if let Some(id) = self.table.read().unwrap().ids.get(name).copied() {
            return id;
        }
        let mut guard = self.table.write().unwrap();
        let Table { ids, names } = &mut *guard;
        *ids.entry(name.to_string()).or_insert_with(|| {
            names.push(name.to_string());
            (names.len() - 1) as u32
        })
    }

    pub fn name_of(&self, id: u32) -> Option<String> {
        self.table.read().unwrap().names.get(id as usize).cloned()
    }

    pub fn len(&self) -> usize {
        self.table.read().unwrap().names.len()
    }
}

fn main() {}
