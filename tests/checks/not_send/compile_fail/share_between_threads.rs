// expect: E0277
// expect: cannot be shared between threads safely
// message: a `&Session` can still be shared with another thread; `Session` must not be `Sync`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    fn assert_sync<T: ::core::marker::Sync>() {}
    assert_sync::<Session>();
}
