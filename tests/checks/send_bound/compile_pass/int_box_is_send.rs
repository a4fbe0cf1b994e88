// message: a `MyBox<i32>` (or `MyBox<String>`) must be sendable to another thread: `i32` and `String` are `Send`.
fn main() {
    let mut boxed = MyBox::new(41);
    *boxed.get_mut() += 1;
    let back = ::std::thread::spawn(move || boxed).join().unwrap();
    ::std::assert_eq!(*back.get(), 42);

    let name = MyBox::new(String::from("worker"));
    let len = ::std::thread::spawn(move || name.into_inner().len()).join().unwrap();
    ::std::assert_eq!(len, 6);
}
