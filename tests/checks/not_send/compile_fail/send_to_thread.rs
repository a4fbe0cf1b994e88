// expect: E0277
// expect: cannot be sent between threads safely
// message: a `Session` can still be moved to another thread; it must not be `Send`.
fn main() {
    let s = Session::open(1);
    // The whole session moves (a closure using only `s.handle` would capture just the u64).
    ::std::thread::spawn(move || drop(s));
}
