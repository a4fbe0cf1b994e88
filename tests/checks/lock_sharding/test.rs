// Grader-owned tests for lock_sharding.
use super::ShardedMap;

use ::std::sync::{Arc, mpsc};
use ::std::thread;
use ::std::time::Duration;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `ShardedMap::new` must keep this signature.
    let _: fn(usize) -> ShardedMap<u64> = ShardedMap::new;
    // `ShardedMap::shard_count` must keep this signature.
    let _: fn(&ShardedMap<u64>) -> usize = ShardedMap::shard_count;
    // `ShardedMap::shard_of` must keep this signature.
    let _: fn(&ShardedMap<u64>, &str) -> usize = ShardedMap::shard_of;
    // `ShardedMap::lock_shard` must keep this signature.
    let _: fn(
        &ShardedMap<u64>,
        usize,
    ) -> ::std::sync::MutexGuard<
        '_,
        ::std::collections::HashMap<::std::string::String, u64>,
    > = ShardedMap::lock_shard;
    // `ShardedMap::insert` must keep this signature.
    let _: fn(&ShardedMap<u64>, &str, u64) -> ::std::option::Option<u64> = ShardedMap::insert;
    // `ShardedMap::get` must keep this signature.
    let _: fn(&ShardedMap<u64>, &str) -> ::std::option::Option<u64> = ShardedMap::get;
    // `ShardedMap::update` must keep this signature.
    let _: fn(&ShardedMap<u64>, &str, fn(&mut u64) -> u64) -> u64 = ShardedMap::update;
    // `ShardedMap::len` must keep this signature.
    let _: fn(&ShardedMap<u64>) -> usize = ShardedMap::len;
}

#[test]
fn behaves_like_a_map() {
    let map: ShardedMap<u32> = ShardedMap::new(8);
    for i in 0..200 {
        ::std::assert_eq!(
            map.insert(&::std::format!("session-{i}"), i),
            None,
            "session-{i} was not there before"
        );
    }
    ::std::assert_eq!(
        map.insert("session-7", 700),
        Some(7),
        "insert returns the value it replaced"
    );
    ::std::assert_eq!(map.get("session-7"), Some(700));
    ::std::assert_eq!(map.get("session-199"), Some(199));
    ::std::assert_eq!(map.get("nobody"), None);
    ::std::assert_eq!(
        map.update("session-3", |v| {
            *v += 1;
            *v
        }),
        4
    );
    ::std::assert_eq!(
        map.update("new-key", |v| *v),
        0,
        "update starts a missing key from the default"
    );
    ::std::assert_eq!(
        map.len(),
        201,
        "200 sessions and new-key: len must count the keys of every shard"
    );
}

#[test]
fn shard_of_is_stable_and_in_range() {
    let map: ShardedMap<()> = ShardedMap::new(7);
    ::std::assert_eq!(map.shard_count(), 7);
    for i in 0..300 {
        let key = ::std::format!("/page/{i}");
        let shard = map.shard_of(&key);
        ::std::assert!(
            shard < 7,
            "shard_of({key:?}) = {shard}, but there are only 7 shards"
        );
        ::std::assert_eq!(
            map.shard_of(&key),
            shard,
            "shard_of({key:?}) changed between two calls"
        );
    }
}

#[test]
fn keys_spread_over_every_shard() {
    let map: ShardedMap<()> = ShardedMap::new(10);
    let mut per_shard = ::std::vec![0usize; 10];
    for i in 0..1000 {
        per_shard[map.shard_of(&::std::format!("user-{i}"))] += 1;
    }
    for (shard, &n) in per_shard.iter().enumerate() {
        ::std::assert!(
            (40..=200).contains(&n),
            "1000 keys over 10 shards should give each about 100, but shard {shard} got {n} \
             (all shards: {per_shard:?}): hash the key and use the whole hash to pick the shard"
        );
    }
}

#[test]
fn each_key_sits_in_the_shard_shard_of_names() {
    let map: ShardedMap<usize> = ShardedMap::new(6);
    for i in 0..120 {
        map.insert(&::std::format!("cart-{i}"), i);
    }
    for i in 0..120 {
        let key = ::std::format!("cart-{i}");
        let shard = map.shard_of(&key);
        ::std::assert_eq!(
            map.lock_shard(shard).get(&key),
            Some(&i),
            "{key} is not in shard {shard}, where shard_of says it is"
        );
    }
    let total: usize = (0..6).map(|s| map.lock_shard(s).len()).sum();
    ::std::assert_eq!(total, 120, "every key is stored exactly once");
    ::std::assert_eq!(map.len(), 120);
}

#[test]
fn keys_in_other_shards_stay_usable_while_one_shard_is_locked() {
    // Each shard in turn is held locked, as a slow request would: a key of any other shard
    // must stay usable meanwhile (an operation that locks anything but its own key's shard,
    // a fixed shard as a global lock say, waits for one of them).
    const SHARDS: usize = 8;
    let map: Arc<ShardedMap<u64>> = Arc::new(ShardedMap::new(SHARDS));
    let keys: Vec<String> = (0..200).map(|i| ::std::format!("url-{i}")).collect();
    for held_shard in 0..SHARDS {
        let other = keys
            .iter()
            .find(|k| map.shard_of(k) != held_shard)
            .unwrap_or_else(|| {
                ::std::panic!(
                    "200 keys all went to shard {held_shard}: shard_of does not spread keys"
                )
            })
            .clone();
        let held = map.lock_shard(held_shard);
        let (done_tx, done) = mpsc::channel();
        let worker = {
            let map = Arc::clone(&map);
            let other = other.clone();
            thread::spawn(move || {
                map.insert(&other, 1);
                map.update(&other, |n| *n += 1);
                let seen = map.get(&other);
                let _ = done_tx.send(seen);
            })
        };
        let answer = done.recv_timeout(Duration::from_secs(2));
        drop(held);
        worker.join().expect("the worker panicked");
        ::std::assert_eq!(
            answer,
            Ok(Some(2)),
            "using {other:?} (in shard {}) waited while another thread held shard \
             {held_shard} locked: insert, update and get must lock only the shard of their own \
             key",
            map.shard_of(&other)
        );
    }
}

#[test]
fn many_threads_counting_hits() {
    let hits: ShardedMap<u64> = ShardedMap::new(4);
    thread::scope(|s| {
        for t in 0..4 {
            let hits = &hits;
            s.spawn(move || {
                for i in 0..500 {
                    hits.update(&::std::format!("/item/{}", (i + t) % 20), |n| *n += 1);
                }
            });
        }
    });
    ::std::assert_eq!(hits.len(), 20);
    for k in 0..20 {
        ::std::assert_eq!(
            hits.get(&::std::format!("/item/{k}")),
            Some(100),
            "4 threads x 25 hits on each url"
        );
    }
}

#[test]
fn len_counts_a_shard_that_is_busy() {
    let map: Arc<ShardedMap<u64>> = Arc::new(ShardedMap::new(4));
    for i in 0..80 {
        map.insert(&::std::format!("order-{i}"), i);
    }
    // A request is busy in shard 0 (it holds keys: 80 keys over 4 shards) while `len` runs.
    let busy = map.lock_shard(0);
    let in_busy = busy.len();
    ::std::assert!(in_busy > 0, "80 keys over 4 shards left shard 0 empty");
    let (answer_tx, answer) = mpsc::channel();
    let counter = {
        let map = Arc::clone(&map);
        thread::spawn(move || {
            let _ = answer_tx.send(map.len());
        })
    };
    // 1.5 s: longer than any retry budget a `len` that gives up on a busy shard would plausibly
    // use (20 tries 5 ms apart, 100 tries 10 ms apart, ...). A request may hold a shard for
    // longer than any such budget (a slow update, a thread descheduled with the lock).
    thread::sleep(Duration::from_millis(1500));
    drop(busy);
    let counted = answer.recv_timeout(Duration::from_secs(5));
    counter.join().expect("len panicked");
    ::std::assert_eq!(
        counted,
        Ok(80),
        "len was called while another thread held shard 0 (with {in_busy} keys in it) for 1.5 s: \
         it must wait for that shard, however long, and count it, not skip a shard it cannot lock \
         at once nor give up on it after some tries"
    );
}

#[test]
fn len_while_other_threads_insert_only_grows() {
    let map: ShardedMap<usize> = ShardedMap::new(8);
    let writers = 3;
    let per_writer = 400;
    let seen = thread::scope(|s| {
        for w in 0..writers {
            let map = &map;
            s.spawn(move || {
                for i in 0..per_writer {
                    map.insert(&::std::format!("w{w}-{i}"), i);
                }
            });
        }
        let map = &map;
        s.spawn(move || {
            let mut seen = ::std::vec::Vec::new();
            for _ in 0..300 {
                seen.push(map.len());
                thread::yield_now();
            }
            seen
        })
        .join()
        .expect("len panicked")
    });
    let total = writers * per_writer;
    for pair in seen.windows(2) {
        ::std::assert!(
            pair[0] <= pair[1] && pair[1] <= total,
            "while threads only inserted, one thread's calls of len went {} then {} (at most \
             {total} keys ever): each call must count every shard, waiting for a busy one",
            pair[0],
            pair[1]
        );
    }
    ::std::assert_eq!(map.len(), total);
}
