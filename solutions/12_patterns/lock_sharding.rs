// lock_sharding: many small locks instead of one big one.
//
// A web server counts hits per URL and keeps sessions by id, from every request thread.
// With one `Mutex<HashMap>`, every thread queues for the same lock even when they touch
// different keys: the lock, not the work, decides the speed. Sharding splits the map into
// N shards, each its own `Mutex<HashMap>`, and sends each key to one shard chosen by a hash
// of the key. Two threads now wait for each other only when their keys share a shard.
//
// The rules that keep it correct: the same key must always go to the same shard (so a
// deterministic hash, computed the same way every time), one operation on one key locks
// only that key's shard, and a question about the whole map (`len`) must visit every shard.
//
// Solution: `shard_of` hashes the key with `DefaultHasher` (fixed keys: the same key gives
// the same hash every call) and takes the remainder by the shard count; `len` sums the
// shards, holding one lock at a time.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Mutex, MutexGuard};

pub struct ShardedMap<V> {
    shards: Vec<Mutex<HashMap<String, V>>>,
}

impl<V> ShardedMap<V> {
    pub fn new(shards: usize) -> ShardedMap<V> {
        assert!(shards > 0, "a sharded map needs at least one shard");
        ShardedMap { shards: (0..shards).map(|_| Mutex::new(HashMap::new())).collect() }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// The index of the shard that holds `key`: always the same for the same key.
    pub fn shard_of(&self, key: &str) -> usize {
        // `DefaultHasher::new()` always starts from the same keys, so the result depends on
        // the key alone. (A fresh `RandomState` per call would not: each one is seeded
        // differently. To resist keys chosen to collide, build one `RandomState` in `new`,
        // keep it in the map, and use it for every call.)
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        // `%` works for any shard count; masking with `n - 1` only for powers of two.
        (hasher.finish() % self.shards.len() as u64) as usize
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
        self.shards.iter().map(|shard| shard.lock().unwrap().len()).sum()
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
