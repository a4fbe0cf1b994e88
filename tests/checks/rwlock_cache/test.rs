// Grader-owned tests for rwlock_cache, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::IdCache;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `IdCache::new` must keep this signature.
    let _: fn() -> IdCache = IdCache::new;
    // `IdCache::id_of` must keep this signature.
    let _: fn(&IdCache, &str) -> u32 = IdCache::id_of;
    // `IdCache::name_of` must keep this signature.
    let _: fn(&IdCache, u32) -> ::std::option::Option<::std::string::String> = IdCache::name_of;
    // `IdCache::len` must keep this signature.
    let _: fn(&IdCache) -> usize = IdCache::len;
}

/// Names per round: every thread asks for all of them, in the same order, so the threads race
/// on each new name.
const NAMES: u32 = 50;

/// `two_threads_ask_for_the_same_new_name` and `a_reader_next_to_a_writer` on real threads.
#[test]
fn stress_threads_ask_for_the_same_new_names() {
    crate::__checks::rounds(|round| {
        let cache = ::std::sync::Arc::new(IdCache::new());
        let shared = ::std::sync::Arc::clone(&cache);
        let ids = crate::__checks::together(4, move |_| {
            (0..NAMES)
                .map(|n| shared.id_of(&::std::format!("metric.{n}")))
                .collect::<::std::vec::Vec<u32>>()
        });
        for n in 0..NAMES as usize {
            ::std::assert!(
                ids.iter().all(|mine| mine[n] == ids[0][n]),
                "one name, asked for by four threads at once on real threads (round {round}), \
                 got different ids"
            );
        }
        let mut sorted = ids[0].clone();
        sorted.sort_unstable();
        ::std::assert!(
            sorted.iter().copied().eq(0..NAMES),
            "{NAMES} names must get the ids 0 to {}, one each (round {round})",
            NAMES - 1
        );
        ::std::assert_eq!(
            cache.len(),
            NAMES as usize,
            "each name must be stored once"
        );
        for (n, &id) in ids[0].iter().enumerate() {
            ::std::assert_eq!(
                cache.name_of(id),
                ::std::option::Option::Some(::std::format!("metric.{n}")),
                "an id names the name it was given to"
            );
        }
    });
}
