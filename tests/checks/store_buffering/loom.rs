// Grader-owned loom models for store_buffering.
use super::Doorbell;
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Doorbell::new` must keep this signature.
    let _: fn() -> Doorbell = Doorbell::new;
    // `Doorbell::worker_may_sleep` must keep this signature.
    let _: fn(&Doorbell) -> bool = Doorbell::worker_may_sleep;
    // `Doorbell::post_work` must keep this signature.
    let _: fn(&Doorbell) -> bool = Doorbell::post_work;
}

#[test]
fn worker_and_producer_never_both_miss_each_other() {
    crate::std::__workbook::model(|| {
        let bell = Arc::new(Doorbell::new());
        let producer_bell = Arc::clone(&bell);
        let producer = thread::spawn(move || producer_bell.post_work());
        let sleeps = bell.worker_may_sleep();
        let rings = producer.join().unwrap();
        ::std::assert!(
            !(sleeps && !rings),
            "lost wakeup: the worker read no work (its load missed the producer's store) and \
             the producer read no sleeping worker (its load missed the worker's store)"
        );
    });
}
