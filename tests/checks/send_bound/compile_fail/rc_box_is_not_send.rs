// expect: E0277
// expect: cannot be sent between threads safely
// message: a `MyBox<Rc<i32>>` can still be sent to another thread; `MyBox<T>` must be `Send` only when `T` is.
use ::std::rc::Rc;

fn main() {
    let counted = Rc::new(5);
    let boxed = MyBox::new(Rc::clone(&counted));
    // If this compiled, both threads could change the same non-atomic reference count.
    let handle = ::std::thread::spawn(move || drop(boxed));
    drop(counted);
    handle.join().unwrap();
}
