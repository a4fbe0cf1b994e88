// message: a `MyBox<Cell<i32>>` must still be sendable: `Cell<i32>` is `Send` (only not `Sync`), and moving the box moves the only handle to it. `Send` must not require `T: Sync`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::cell::Cell;

fn main() {
    let boxed = MyBox::new(Cell::new(1));
    let value = ::std::thread::spawn(move || {
        boxed.get().set(2);
        boxed.get().get()
    })
    .join()
    .unwrap();
    ::std::assert_eq!(value, 2);
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `MyBox::new`, `get`, `get_mut` and `into_inner` must keep these signatures.
    let _: fn(i32) -> MyBox<i32> = MyBox::new;
    let _: fn(&MyBox<i32>) -> &i32 = MyBox::get;
    let _: fn(&mut MyBox<i32>) -> &mut i32 = MyBox::get_mut;
    let _: fn(MyBox<i32>) -> i32 = MyBox::into_inner;
}
