// expect: E0277
// expect: cannot be shared between threads safely
// message: a `&MyBox<Cell<i32>>` can still be shared between threads; `MyBox<T>` must be `Sync` only when `T` is.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::cell::Cell;

fn main() {
    let boxed = MyBox::new(Cell::new(0));
    // If this compiled, two threads could `set` the same Cell at once: a data race.
    ::std::thread::scope(|s| {
        s.spawn(|| boxed.get().set(1));
        boxed.get().set(2);
    });
}
