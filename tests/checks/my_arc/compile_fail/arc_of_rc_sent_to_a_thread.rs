// expect: E0277
// message: an `Arc<Rc<u64>>` can move to another thread, so two threads could count the same
// `Rc` without atomics; `Arc<T>` must be Send only when T is Send and Sync.
fn main() {
    let shared = Arc::new(::std::rc::Rc::new(0u64));
    ::std::thread::spawn(move || ::core::mem::drop(shared));
}
