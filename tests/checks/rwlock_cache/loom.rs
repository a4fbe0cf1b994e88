// Grader-owned loom models for rwlock_cache.
use super::*;
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

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
        assert_eq!(mine, theirs, "one name, asked for by two threads, got two different ids");
        assert_eq!(cache.len(), 1, "one name must be stored once");
        assert_eq!(mine, 0, "the first name gets id 0");
        assert_eq!(cache.name_of(0).as_deref(), Some("cpu.load"));
    });
}

#[test]
fn a_reader_next_to_a_writer() {
    crate::std::__workbook::model(|| {
        let cache = Arc::new(IdCache::new());
        assert_eq!(cache.id_of("cpu.load"), 0, "the first name gets id 0");
        let reader = {
            let cache = Arc::clone(&cache);
            thread::spawn(move || cache.id_of("cpu.load"))
        };
        let mem = cache.id_of("mem.free");
        assert_eq!(reader.join().unwrap(), 0, "a known name keeps its id");
        assert_eq!(mem, 1, "the second name gets id 1");
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.name_of(1).as_deref(), Some("mem.free"));
    });
}
