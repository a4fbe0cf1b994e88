// rwlock_cache: many readers, one writer, and a lock that cannot be upgraded.
//
// Solution: the fast path (a name already known) runs under a read guard that lives only in
// its own block, so it is gone before the slow path asks for the write guard. Between the two,
// another thread may have added the same name, so the slow path looks it up again under the
// write guard: checking and inserting happen under one exclusive guard, and every name gets
// exactly one id.
//
// A metrics pipeline labels every sample with a small number instead of its metric name
// ("cpu.load" -> 0, "mem.free" -> 1, ...). The cache that assigns these ids is read all the
// time and written rarely, so it sits behind an `RwLock`.
//
// How it is checked: loom runs two threads asking for the same new name, two threads adding
// two different new names, and a reader next to a writer, under every interleaving. Then real
// threads: rounds of four threads asking for the same new names (fifty or more) at once,
// which must get one id each, 0, 1, 2, ..., that `name_of` gives back.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::thread;

struct Table {
    ids: HashMap<String, u32>,
    /// `names[id]` is the name with that id.
    names: Vec<String>,
}

pub struct IdCache {
    table: RwLock<Table>,
}

impl IdCache {
    pub fn new() -> IdCache {
        IdCache { table: RwLock::new(Table { ids: HashMap::new(), names: Vec::new() }) }
    }

    /// The id of `name`, assigning the next free id if the name is new.
    pub fn id_of(&self, name: &str) -> u32 {
        // Fast path, shared with other readers: the read guard lives only in this block.
        {
            let table = self.table.read().unwrap();
            if let Some(&id) = table.ids.get(name) {
                return id;
            }
        } // the read guard is dropped here, before we ask for the write guard

        let mut table = self.table.write().unwrap();
        // Look again: another thread may have added `name` between our two guards.
        if let Some(&id) = table.ids.get(name) {
            return id;
        }
        let id = table.names.len() as u32;
        table.names.push(name.to_string());
        table.ids.insert(name.to_string(), id);
        id
    }

    /// The name with this id, if any.
    pub fn name_of(&self, id: u32) -> Option<String> {
        self.table.read().unwrap().names.get(id as usize).cloned()
    }

    /// How many names have an id.
    pub fn len(&self) -> usize {
        self.table.read().unwrap().names.len()
    }
}

fn main() {
    let cache = Arc::new(IdCache::new());
    let other = {
        let cache = Arc::clone(&cache);
        thread::spawn(move || cache.id_of("cpu.load"))
    };
    let mine = cache.id_of("cpu.load");
    let theirs = other.join().unwrap();
    let mem = cache.id_of("mem.free");
    println!("cpu.load: {mine} and {theirs}, mem.free: {mem}; {} names", cache.len());
}
