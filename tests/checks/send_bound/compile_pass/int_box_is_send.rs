// message: a `MyBox<i32>` (or `MyBox<String>`) must be sendable to another thread: `i32` and `String` are `Send`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let mut boxed = MyBox::new(41);
    *boxed.get_mut() += 1;
    let back = ::std::thread::spawn(move || boxed).join().unwrap();
    ::std::assert_eq!(*back.get(), 42);

    let name = MyBox::new(::std::string::String::from("worker"));
    let len = ::std::thread::spawn(move || name.into_inner().len())
        .join()
        .unwrap();
    ::std::assert_eq!(len, 6);
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
