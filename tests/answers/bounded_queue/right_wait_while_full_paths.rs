// verdict: pass
// rewrite: a second condvar changes the struct, `new`, `push` and `pop` throughout
// Right, in another style: two condvars, `wait_while`, full paths instead of imports, and `notify_all` (more wakeups than needed, never too few).

pub struct BoundedQueue<T> {
    items: std::sync::Mutex<std::collections::VecDeque<T>>,
    capacity: usize,
    not_empty: std::sync::Condvar,
    not_full: std::sync::Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        assert!(capacity > 0);
        BoundedQueue {
            items: std::sync::Mutex::new(std::collections::VecDeque::new()),
            capacity,
            not_empty: std::sync::Condvar::new(),
            not_full: std::sync::Condvar::new(),
        }
    }

    pub fn push(&self, item: T) {
        let items = self.items.lock().unwrap();
        let mut items = self.not_full.wait_while(items, |q| q.len() >= self.capacity).unwrap();
        items.push_back(item);
        self.not_empty.notify_all();
    }

    pub fn pop(&self) -> T {
        let items = self.items.lock().unwrap();
        let mut items = self.not_empty.wait_while(items, |q| q.is_empty()).unwrap();
        let item = items.pop_front().expect("woke up to an empty queue");
        self.not_full.notify_all();
        item
    }
}

fn main() {
    let queue = std::sync::Arc::new(BoundedQueue::new(1));
    let writer = {
        let queue = std::sync::Arc::clone(&queue);
        std::thread::spawn(move || queue.pop() + queue.pop())
    };
    queue.push(1);
    queue.push(2);
    println!("{}", writer.join().unwrap());
}
