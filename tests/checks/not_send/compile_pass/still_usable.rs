// message: `Session::open` and `.handle` must keep working on the thread that owns the session.
fn main() {
    let s = Session::open(42);
    ::std::assert_eq!(s.handle, 42);
}
