// expect: E0277
// expect: cannot be shared between threads safely
// message: a `&MyBox<Cell<i32>>` can still be shared between threads; `MyBox<T>` must be `Sync` only when `T` is.
use ::std::cell::Cell;

fn main() {
    let boxed = MyBox::new(Cell::new(0));
    // If this compiled, two threads could `set` the same Cell at once: a data race.
    ::std::thread::scope(|s| {
        s.spawn(|| boxed.get().set(1));
        boxed.get().set(2);
    });
}
