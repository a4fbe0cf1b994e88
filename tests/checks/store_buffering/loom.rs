// Grader-owned loom models for store_buffering.
use super::*;

#[test]
fn worker_and_producer_never_both_miss_each_other() {
    crate::std::__workbook::model(|| {
        let bell = Arc::new(Doorbell::new());
        let producer_bell = Arc::clone(&bell);
        let producer = thread::spawn(move || producer_bell.post_work());
        let sleeps = bell.worker_may_sleep();
        let rings = producer.join().unwrap();
        assert!(
            !(sleeps && !rings),
            "lost wakeup: the worker read no work (its load missed the producer's store) and \
             the producer read no sleeping worker (its load missed the worker's store)"
        );
    });
}
