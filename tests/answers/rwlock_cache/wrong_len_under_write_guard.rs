// verdict: deadlock
// Wrong: the read/write dance is right, but the new id comes from `self.len()`, a public
// method that takes a read guard: a thread holding the write guard waits for itself.
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
        {
            let table = self.table.read().unwrap();
            if let Some(&id) = table.ids.get(name) {
                return id;
            }
        }
        let mut table = self.table.write().unwrap();
        if let Some(&id) = table.ids.get(name) {
            return id;
        }
        // Reuses the public `len`, which takes a read guard while this thread holds the
        // write guard.
        let id = self.len() as u32;
        table.names.push(name.to_string());
        table.ids.insert(name.to_string(), id);
        id
    }

    pub fn name_of(&self, id: u32) -> Option<String> {
        self.table.read().unwrap().names.get(id as usize).cloned()
    }

    pub fn len(&self) -> usize {
        self.table.read().unwrap().names.len()
    }
}

fn main() {}
