// rwlock_cache: many readers, one writer, and a lock that cannot be upgraded.
//
// A metrics pipeline labels every sample with a small number instead of its metric name
// ("cpu.load" -> 0, "mem.free" -> 1, ...). The cache that assigns these ids is read all the
// time and written rarely (only for a name never seen before), so it sits behind an `RwLock`:
// any number of threads may hold a read guard at once, a write guard is exclusive.
//
// `id_of` looks the name up under a read guard and, on a miss, asks for the write guard to
// add the name. But the read guard is still alive at that point (shadowing a variable does
// not drop it), and a writer waits until every reader, including this very thread, has
// left. The thread waits for itself: a deadlock, on the first new name. std's `RwLock` has no
// "upgrade": to write, drop the read guard, then take the write guard. In between another
// thread may add the same name, so check again once you hold the write guard.
//
// What to do: make `id_of` release the read guard before it takes the write guard, and look
// the name up again under the write guard before adding it. Every name must get exactly one
// id, the ids must be 0, 1, 2, ... in the order names were added, and `name_of` must agree.
//
// How it is checked: loom runs two threads asking for the same new name, two threads adding
// two different new names, and a reader next to a writer, under every interleaving. Then real
// threads: rounds of four threads asking for the same new names (fifty or more) at once,
// which must get one id each, 0, 1, 2, ..., that `name_of` gives back.
// The shipped code deadlocks; the verdict shows the line.

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
        let table = self.table.read().unwrap();
        if let Some(&id) = table.ids.get(name) {
            return id;
        }
        // TODO: the read guard `table` is still alive here, and `write()` waits until every
        // read guard is gone, including this one. Release it first; then, since another
        // thread may have added `name` in the meantime, look it up again under the write guard.
        let mut table = self.table.write().unwrap();
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
