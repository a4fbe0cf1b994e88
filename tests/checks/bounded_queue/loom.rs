// Grader-owned loom models for bounded_queue. Capacity 1 makes producers wait as often as
// consumers; capacity 2 lets an item arrive while another is still queued, so a notify
// skipped because the queue was neither empty nor full strands a sleeper. Three threads at
// most (the model's main thread is one of them).
use super::BoundedQueue;
use crate::std::sync::Arc;
use crate::std::sync::atomic::{AtomicUsize, Ordering};
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

/// Capacity 1, two producers and one consumer (the main thread). Each push is counted once
/// it has returned, and before each pop the consumer reads that count: more finished pushes
/// than pops plus the capacity means the queue held more than its capacity (two producers
/// that both saw the one free slot, or a limit other than the queue's own capacity).
#[test]
fn two_producers_one_consumer() {
    crate::std::__workbook::model(|| {
        const CAPACITY: usize = 1;
        let queue = Arc::new(BoundedQueue::new(CAPACITY));
        let pushed = Arc::new(AtomicUsize::new(0));
        let producer = |item: u32| {
            let (queue, pushed) = (Arc::clone(&queue), Arc::clone(&pushed));
            thread::spawn(move || {
                queue.push(item);
                pushed.fetch_add(1, Ordering::SeqCst);
            })
        };
        let first = producer(1);
        let second = producer(2);
        let mut got = ::std::vec::Vec::new();
        for popped in 0..2 {
            let done = pushed.load(Ordering::SeqCst);
            ::std::assert!(
                done <= popped + CAPACITY,
                "{done} pushes had returned and only {popped} items were popped, so a queue of \
                 capacity {CAPACITY} held {} items: `push` must wait while the queue is full \
                 (`self.capacity` items), and add its item under the same lock as the check",
                done - popped
            );
            got.push(queue.pop());
        }
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

/// A producer pushes three items into a queue of capacity 2 while the consumer (the main
/// thread) pops them. Each push is counted once it has returned; before each pop the consumer
/// reads that count: more finished pushes than pops plus the capacity means the queue held
/// more items than its capacity (a producer that went on after a wakeup without checking
/// again that there is room). The items must come out in the order they went in.
#[test]
fn a_full_queue_holds_no_more_than_its_capacity() {
    crate::std::__workbook::model(|| {
        const CAPACITY: usize = 2;
        let queue = Arc::new(BoundedQueue::new(CAPACITY));
        let pushed = Arc::new(AtomicUsize::new(0));
        let producer = {
            let (queue, pushed) = (Arc::clone(&queue), Arc::clone(&pushed));
            thread::spawn(move || {
                for item in 1..=3 {
                    queue.push(item);
                    pushed.fetch_add(1, Ordering::SeqCst);
                }
            })
        };
        let mut got = ::std::vec::Vec::new();
        for popped in 0..3 {
            let done = pushed.load(Ordering::SeqCst);
            ::std::assert!(
                done <= popped + CAPACITY,
                "{done} pushes had returned and only {popped} items were popped, so a queue of \
                 capacity {CAPACITY} held {} items: `push` must wait while the queue is full, \
                 and check again after every wakeup",
                done - popped
            );
            got.push(queue.pop());
        }
        producer.join().unwrap();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2, 3],
            "one producer pushed 1, 2, 3: `pop` takes the item at the front, so they must come \
             out in that order"
        );
    });
}

/// Capacity 2, both consumers asleep on an empty queue, then two pushes: the second push
/// finds one item still queued (the first consumer has not taken it yet). A `push` that
/// notifies only when the queue was empty wakes one consumer for two items: the other sleeps
/// beside an item, forever.
#[test]
fn capacity_two_one_producer_two_consumers() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(BoundedQueue::new(2));
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

/// Capacity 2, filled by the main thread, then two producers that both wait for room, and
/// four pops: the second pop may find the first producer's item not pushed yet. A `pop` that
/// notifies only when the queue was full wakes one producer for two free slots: the other
/// sleeps beside the room it waits for, forever.
#[test]
fn capacity_two_two_producers_one_consumer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(BoundedQueue::new(2));
        queue.push(1);
        queue.push(2);
        let producer = |queue: &Arc<BoundedQueue<u32>>, item: u32| {
            let queue = Arc::clone(queue);
            thread::spawn(move || queue.push(item))
        };
        let first = producer(&queue, 3);
        let second = producer(&queue, 4);
        let mut got: ::std::vec::Vec<u32> = (0..4).map(|_| queue.pop()).collect();
        first.join().unwrap();
        second.join().unwrap();
        ::std::assert_eq!(
            &got[..2],
            &[1, 2],
            "the queue held 1 and 2 before the producers started: they come out first"
        );
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![1, 2, 3, 4],
            "the consumer must get every item, once each"
        );
    });
}
