// expect: E0277
// expect: cannot be shared between threads safely
// message: `spawn_with` accepts an `Arc<Cell<i32>>`, and `Cell` is not Sync: sharing one lets two threads change it at once. `spawn_with` must share the Arc itself and require `T: Send + Sync`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::cell::Cell;
use ::std::sync::Arc;

fn main() {
    let flag = Arc::new(Cell::new(0));
    let handle = spawn_with(&flag, |f: &Cell<i32>| f.set(1));
    flag.set(2);
    handle.join().unwrap();
}
