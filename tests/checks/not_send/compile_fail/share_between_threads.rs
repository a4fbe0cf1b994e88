// expect: E0277
// expect: cannot be shared between threads safely
// message: a `&Session` can still be shared with another thread; `Session` must not be `Sync`.
fn main() {
    fn assert_sync<T: Sync>() {}
    assert_sync::<Session>();
}
