// message: a `MyBox<&String>` must be `Send` and `Sync`: `&String` is both, and scoped threads may take or share a box of a borrowed value. The bounds are `T: Send` and `T: Sync`, nothing more (`'static` is what `thread::spawn` asks of its closure, not what `MyBox` needs).
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let name = ::std::string::String::from("worker");
    let boxed = MyBox::new(&name);
    // Shared with a scoped thread: `MyBox<&String>` must be `Sync`.
    let shared = ::std::thread::scope(|s| s.spawn(|| boxed.get().len()).join().unwrap());
    ::std::assert_eq!(shared, 6);
    // Moved into a scoped thread: `MyBox<&String>` must be `Send`.
    let moved = ::std::thread::scope(|s| s.spawn(move || boxed.into_inner().len()).join().unwrap());
    ::std::assert_eq!(moved, 6);
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
