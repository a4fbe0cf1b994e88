// expect: E0277
// Either E0277 text proves it here: the closure's only bound is `Send`, and `Rc` is neither
// Send nor Sync, so a box whose `Send` needs `T: Sync` is refused as "cannot be shared".
// expect: between threads safely
// message: a `MyBox<Rc<i32>>` can still be sent to another thread; `MyBox<T>` must be `Send` only when `T` is.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::rc::Rc;

fn main() {
    let counted = Rc::new(5);
    let boxed = MyBox::new(Rc::clone(&counted));
    // If this compiled, both threads could change the same non-atomic reference count.
    let handle = ::std::thread::spawn(move || ::core::mem::drop(boxed));
    ::core::mem::drop(counted);
    handle.join().unwrap();
}
