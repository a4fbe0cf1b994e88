// Grader-owned loom models for bounded_queue. Capacity 1 makes producers wait as often as
// consumers; three threads in all (the model's main thread is one of them).
use super::BoundedQueue;
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `BoundedQueue::new` must keep this signature.
    let _: fn(usize) -> BoundedQueue<u32> = BoundedQueue::new;
    // `BoundedQueue::push` must keep this signature.
    let _: fn(&BoundedQueue<u32>, u32) = BoundedQueue::push;
    // `BoundedQueue::pop` must keep this signature.
    let _: fn(&BoundedQueue<u32>) -> u32 = BoundedQueue::pop;
}

#[test]
fn one_producer_two_consumers() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(BoundedQueue::new(1));
        let consumer = |queue: &Arc<BoundedQueue<u32>>| {
            let queue = Arc::clone(queue);
            thread::spawn(move || queue.pop())
        };
        let first = consumer(&queue);
        let second = consumer(&queue);
        queue.push(1);
        queue.push(2);
        let mut got = ::std::vec![first.join().unwrap(), second.join().unwrap()];
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2],
            "each item must be popped by exactly one consumer"
        );
    });
}

#[test]
fn two_producers_one_consumer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(BoundedQueue::new(1));
        let producer = |queue: &Arc<BoundedQueue<u32>>, item: u32| {
            let queue = Arc::clone(queue);
            thread::spawn(move || queue.push(item))
        };
        let first = producer(&queue, 1);
        let second = producer(&queue, 2);
        let mut got = ::std::vec![queue.pop(), queue.pop()];
        first.join().unwrap();
        second.join().unwrap();
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2],
            "the consumer must get both items, once each"
        );
    });
}
