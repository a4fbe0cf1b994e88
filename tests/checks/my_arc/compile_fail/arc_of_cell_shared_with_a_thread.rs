// expect: E0277
// expect: cannot be shared between threads safely
// message: an `Arc<Cell<u64>>` can move to another thread, so two threads could `set` the same
// `Cell` at once; `Arc<T>` must be Send only when T is Send and Sync.
fn main() {
    let counter = Arc::new(::std::cell::Cell::new(0u64));
    let other = counter.clone();
    ::std::thread::spawn(move || other.set(1));
    counter.set(2);
}
