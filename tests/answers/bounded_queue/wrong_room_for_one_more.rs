// verdict: interleaving
// rewrite: a second condvar changes the struct, `new`, `push` and `pop` throughout
// Wrong: push waits only while the queue holds MORE than its capacity (`>` for `==`), so a full queue takes one more item: the queue holds capacity + 1.
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        assert!(capacity > 0);
        BoundedQueue {
            items: Mutex::new(VecDeque::new()),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    pub fn push(&self, item: T) {
        let mut items = self.items.lock().unwrap();
        while items.len() > self.capacity {
            items = self.not_full.wait(items).unwrap();
        }
        items.push_back(item);
        self.not_empty.notify_one();
    }

    pub fn pop(&self) -> T {
        let mut items = self.items.lock().unwrap();
        while items.is_empty() {
            items = self.not_empty.wait(items).unwrap();
        }
        let item = items.pop_front().expect("woke up to an empty queue");
        self.not_full.notify_one();
        item
    }
}

fn main() {
    let queue = Arc::new(BoundedQueue::new(1));
    let writer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || queue.pop() + queue.pop())
    };
    queue.push(1);
    queue.push(2);
    println!("{}", writer.join().unwrap());
}
