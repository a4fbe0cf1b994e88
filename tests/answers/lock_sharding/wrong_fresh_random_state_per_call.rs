// verdict: test-failed
// Wrong: a new `RandomState` per call is seeded differently each time, so the same key goes
// to a different shard on the next call, and `get` looks in the wrong place.
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Mutex, MutexGuard};

pub struct ShardedMap<V> {
    shards: Vec<Mutex<HashMap<String, V>>>,
}

impl<V> ShardedMap<V> {
    pub fn new(shards: usize) -> ShardedMap<V> {
        assert!(shards > 0, "a sharded map needs at least one shard");
        ShardedMap {
            shards: (0..shards).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// The index of the shard that holds `key`: always the same for the same key.
    pub fn shard_of(&self, key: &str) -> usize {
        let state = std::hash::RandomState::new();
        (state.hash_one(key) % self.shards.len() as u64) as usize
    }

    /// Locks one whole shard: to look inside it, or to change several of its keys at once.
    pub fn lock_shard(&self, index: usize) -> MutexGuard<'_, HashMap<String, V>> {
        self.shards[index].lock().unwrap()
    }

    /// Locks the one shard that holds `key`, and no other.
    fn shard_for(&self, key: &str) -> MutexGuard<'_, HashMap<String, V>> {
        self.lock_shard(self.shard_of(key))
    }

    pub fn insert(&self, key: &str, value: V) -> Option<V> {
        self.shard_for(key).insert(key.to_string(), value)
    }

    pub fn get(&self, key: &str) -> Option<V>
    where
        V: Clone,
    {
        self.shard_for(key).get(key).cloned()
    }

    /// Runs `change` on the value of `key` (starting from the default), under its shard's lock.
    pub fn update<R>(&self, key: &str, change: impl FnOnce(&mut V) -> R) -> R
    where
        V: Default,
    {
        let mut shard = self.shard_for(key);
        change(shard.entry(key.to_string()).or_default())
    }

    /// How many keys the whole map holds.
    pub fn len(&self) -> usize {
        // One shard at a time: each guard is dropped before the next lock is taken. The sum
        // is not a snapshot (other threads may insert meanwhile), which is the price of not
        // stopping the whole map; locking all shards in index order would give a snapshot.
        self.shards
            .iter()
            .map(|shard| shard.lock().unwrap().len())
            .sum()
    }
}

fn main() {
    let hits: ShardedMap<u64> = ShardedMap::new(8);
    for url in ["/", "/login", "/", "/cart", "/"] {
        hits.update(url, |n| *n += 1);
    }
    println!("/ was hit {:?} times; {} urls", hits.get("/"), hits.len());
    for url in ["/", "/login", "/cart"] {
        println!("{url} lives in shard {}", hits.shard_of(url));
    }
}
