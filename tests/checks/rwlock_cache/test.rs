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

/// Names per round, at least: every thread asks for the names `metric.0`, `metric.1`, ... in
/// the same order, so the threads race on each new name; while too few of these asks ran at
/// the same time as another thread's (`Overlap`: on a busy machine the OS may run a round's
/// threads one after another), a round's threads ask for more names.
const NAMES: u64 = 50;

/// `two_threads_ask_for_the_same_new_name`, `two_threads_add_two_new_names` and
/// `a_reader_next_to_a_writer` on real threads: rounds go on until enough asks overlapped
/// another thread's, and if that never happens the test says so (it does not pass).
#[test]
fn stress_threads_ask_for_the_same_new_names() {
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the asks for new names", &overlap, |round| {
        let cache = ::std::sync::Arc::new(IdCache::new());
        let (shared, witness) = (
            ::std::sync::Arc::clone(&cache),
            ::std::sync::Arc::clone(&overlap),
        );
        let ids = crate::__checks::together(4, move |_| {
            let began = ::std::time::Instant::now();
            let mut mine = ::std::vec::Vec::new();
            // At most 100_000 names a round: a thread's list of ids stays small.
            while mine.len() < 100_000 && witness.more(mine.len() as u64, NAMES, began) {
                let name = ::std::format!("metric.{}", mine.len());
                mine.push(witness.op(|| shared.id_of(&name)));
            }
            mine
        });
        let names = ids.iter().map(|mine| mine.len()).max().unwrap_or(0);
        let mut owner: ::std::vec::Vec<::core::option::Option<usize>> =
            ::std::vec![::core::option::Option::None; names];
        for n in 0..names {
            let asked: ::std::vec::Vec<u32> =
                ids.iter().filter_map(|mine| mine.get(n).copied()).collect();
            ::std::assert!(
                asked.iter().all(|&id| id == asked[0]),
                "one name, asked for by several threads at once on real threads (round {round}), \
                 got different ids: {asked:?}"
            );
            let id = asked[0] as usize;
            ::std::assert!(
                id < names,
                "{names} names must get the ids 0 to {}, one each; `metric.{n}` got {id} \
                 (round {round})",
                names - 1
            );
            if let ::core::option::Option::Some(other) = owner[id] {
                ::std::panic!(
                    "two different names, `metric.{other}` and `metric.{n}`, added at once on \
                     real threads (round {round}), got the same id {id}: the next free id must \
                     be read under the write guard that adds the name"
                );
            }
            owner[id] = ::core::option::Option::Some(n);
        }
        ::std::assert_eq!(
            cache.len(),
            names,
            "each name must be stored once (round {round})"
        );
        for (n, &id) in ids
            .iter()
            .max_by_key(|mine| mine.len())
            .into_iter()
            .flatten()
            .enumerate()
        {
            ::std::assert_eq!(
                cache.name_of(id),
                ::std::option::Option::Some(::std::format!("metric.{n}")),
                "an id names the name it was given to"
            );
        }
    });
}
