// verdict: deadlock
// Wrong: adds `drop(table)`, but after asking for the write guard: `write()` already waits
// for this thread's own read guard, so the drop is never reached.
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
        let table = self.table.read().unwrap();
        if let Some(&id) = table.ids.get(name) {
            return id;
        }
        let mut writer = self.table.write().unwrap();
        drop(table);
        let id = writer.names.len() as u32;
        writer.names.push(name.to_string());
        writer.ids.insert(name.to_string(), id);
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
