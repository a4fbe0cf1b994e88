// message: `Session::open` and `.handle` must keep working on the thread that owns the session.
fn main() {
    let s = Session::open(42);
    ::std::assert_eq!(s.handle, 42);
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `Session::open` must keep this signature, and `handle` this type.
    let _: fn(u64) -> Session = Session::open;
    let _: fn(&Session) -> &u64 = |s| &s.handle;
}
