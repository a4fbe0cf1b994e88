// message: a `&MyBox<i32>` must be shareable between threads: `i32` is `Sync`.
fn main() {
    let boxed = MyBox::new(7);
    let (a, b) = ::std::thread::scope(|s| {
        let a = s.spawn(|| *boxed.get() * 2);
        let b = s.spawn(|| *boxed.get() + 1);
        (a.join().unwrap(), b.join().unwrap())
    });
    ::std::assert_eq!((a, b), (14, 8));
}
