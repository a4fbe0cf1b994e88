// message: a `&MyBox<MutexGuard<i32>>` must be shareable between threads: a `MutexGuard<i32>` is `Sync` (it is only not `Send`: it must be unlocked on the thread that locked it), and sharing the box shares only a `&T`. `Sync` must not require `T: Send`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let lock = ::std::sync::Mutex::new(5);
    let boxed = MyBox::new(lock.lock().unwrap());
    // The scoped thread borrows the box: `MyBox<MutexGuard<i32>>` must be `Sync`. The guard
    // itself stays on this thread and is unlocked here, when the box is dropped.
    let doubled = ::std::thread::scope(|s| s.spawn(|| **boxed.get() * 2).join().unwrap());
    ::std::assert_eq!(doubled, 10);
    ::core::mem::drop(boxed);
    ::std::assert!(lock.try_lock().is_ok(), "dropping the box unlocks the guard it owns");
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
