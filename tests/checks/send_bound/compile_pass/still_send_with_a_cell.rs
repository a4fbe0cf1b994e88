// message: a `MyBox<Cell<i32>>` must still be sendable: `Cell<i32>` is `Send` (only not `Sync`), and moving the box moves the only handle to it. `Send` must not require `T: Sync`.
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
