// message: a `&MyBox<i32>` must be shareable between threads: `i32` is `Sync`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let boxed = MyBox::new(7);
    let (a, b) = ::std::thread::scope(|s| {
        let a = s.spawn(|| *boxed.get() * 2);
        let b = s.spawn(|| *boxed.get() + 1);
        (a.join().unwrap(), b.join().unwrap())
    });
    ::std::assert_eq!((a, b), (14, 8));
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
