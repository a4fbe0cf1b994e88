// verdict: pass
// Right, another way: a small FNV-1a hash written by hand. Any deterministic hash that mixes
// all the bytes of the key works; `%` maps it onto any number of shards.
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

pub struct ShardedMap<V> {
    shards: Vec<Mutex<HashMap<String, V>>>,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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

    pub fn shard_of(&self, key: &str) -> usize {
        (fnv1a(key.as_bytes()) % self.shards.len() as u64) as usize
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
        let mut total = 0;
        for shard in &self.shards {
            total += shard.lock().unwrap().len();
        }
        total
    }
}

fn main() {
    let hits: ShardedMap<u64> = ShardedMap::new(8);
    hits.update("/", |n| *n += 1);
    println!("{:?} {}", hits.get("/"), hits.len());
}
