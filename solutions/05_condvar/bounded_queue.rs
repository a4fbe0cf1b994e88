// bounded_queue: a blocking queue with a size limit, and two reasons to wait.
//
// Solution: one condvar per condition. Consumers wait only on `not_empty` and producers only
// on `not_full`, so `push`'s notify_one can only wake a consumer and `pop`'s only a
// producer: each notify reaches a thread that can use it. (One condvar with `notify_all`
// is also correct, but wakes every sleeper on every change, most of them for nothing.)
//
// A logging pipeline: request threads push log lines, writer threads pop them and write
// them to disk. The queue is bounded so that slow disks slow the producers down instead of
// filling memory (backpressure).

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    /// Consumers wait here; `push` signals it.
    not_empty: Condvar,
    /// Producers wait here; `pop` signals it.
    not_full: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        assert!(capacity > 0, "a queue of capacity 0 could never accept an item");
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    /// Adds an item at the back, waiting while the queue is full.
    pub fn push(&self, item: T) {
        let items = self.items.lock().unwrap();
        // Still a loop: another producer may fill the free slot before this one wakes.
        let mut items =
            self.not_full.wait_while(items, |items| items.len() == self.capacity).unwrap();
        items.push_back(item);
        // One new item can feed one consumer.
        self.not_empty.notify_one();
    }

    /// Takes the item at the front, waiting while the queue is empty.
    pub fn pop(&self) -> T {
        let items = self.items.lock().unwrap();
        let mut items = self.not_empty.wait_while(items, |items| items.is_empty()).unwrap();
        let item = items.pop_front().expect("wait_while returns only when there is an item");
        // One free slot can take one producer's item.
        self.not_full.notify_one();
        item
    }
}

fn main() {
    let queue = Arc::new(BoundedQueue::new(2));
    let writer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || {
            for _ in 0..5 {
                let line: String = queue.pop();
                println!("wrote: {line}");
            }
        })
    };
    for i in 0..5 {
        queue.push(format!("GET /page/{i} 200"));
    }
    writer.join().unwrap();
}
