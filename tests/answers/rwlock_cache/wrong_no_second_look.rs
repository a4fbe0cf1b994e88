// verdict: interleaving
// Wrong: releases the read guard before writing (no more deadlock), but does not look again
// under the write guard. Two threads that both missed both add the name: two ids for one name.
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
        let id = table.names.len() as u32;
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
