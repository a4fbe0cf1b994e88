// Grader-owned loom models for rwlock_cache.
use super::IdCache;
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

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

#[test]
fn two_threads_ask_for_the_same_new_name() {
    crate::std::__workbook::model(|| {
        let cache = Arc::new(IdCache::new());
        let other = {
            let cache = Arc::clone(&cache);
            thread::spawn(move || cache.id_of("cpu.load"))
        };
        let mine = cache.id_of("cpu.load");
        let theirs = other.join().unwrap();
        ::std::assert_eq!(
            mine,
            theirs,
            "one name, asked for by two threads, got two different ids"
        );
        ::std::assert_eq!(cache.len(), 1, "one name must be stored once");
        ::std::assert_eq!(mine, 0, "the first name gets id 0");
        ::std::assert_eq!(cache.name_of(0).as_deref(), Some("cpu.load"));
    });
}

#[test]
fn a_reader_next_to_a_writer() {
    crate::std::__workbook::model(|| {
        let cache = Arc::new(IdCache::new());
        ::std::assert_eq!(cache.id_of("cpu.load"), 0, "the first name gets id 0");
        let reader = {
            let cache = Arc::clone(&cache);
            thread::spawn(move || cache.id_of("cpu.load"))
        };
        let mem = cache.id_of("mem.free");
        ::std::assert_eq!(reader.join().unwrap(), 0, "a known name keeps its id");
        ::std::assert_eq!(mem, 1, "the second name gets id 1");
        ::std::assert_eq!(cache.len(), 2);
        ::std::assert_eq!(cache.name_of(1).as_deref(), Some("mem.free"));
    });
}

#[test]
fn two_threads_add_two_new_names() {
    crate::std::__workbook::model(|| {
        let cache = Arc::new(IdCache::new());
        let other = {
            let cache = Arc::clone(&cache);
            thread::spawn(move || cache.id_of("mem.free"))
        };
        let cpu = cache.id_of("cpu.load");
        let mem = other.join().unwrap();
        ::std::assert_ne!(
            cpu,
            mem,
            "two different new names, added at once, got the same id: the next free id must be \
             read under the write guard that adds the name"
        );
        ::std::assert_eq!(cache.len(), 2, "two names must be stored");
        ::std::assert!(
            cpu < 2 && mem < 2,
            "two names must get the ids 0 and 1 (got {cpu} and {mem})"
        );
        ::std::assert_eq!(cache.name_of(cpu).as_deref(), Some("cpu.load"));
        ::std::assert_eq!(cache.name_of(mem).as_deref(), Some("mem.free"));
    });
}
