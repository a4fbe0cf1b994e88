// expect: E0277
// Either E0277 text proves it here: the closure's only bound is `Send`, and a session holding a
// `&Cell` (neither Send nor Sync) is refused as "cannot be shared between threads safely".
// expect: between threads safely
// message: a `Session` can still be moved to another thread; it must not be `Send`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let s = Session::open(1);
    // The whole session moves (a closure using only `s.handle` would capture just the u64).
    ::std::thread::spawn(move || ::core::mem::drop(s));
}
