// message: a `SharedConfig` must be `Send` (a worker thread takes one) and `Sync` (threads may share a `&SharedConfig`).
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    fn assert_send_sync<T: ::core::marker::Send + ::core::marker::Sync>() {}
    assert_send_sync::<SharedConfig>();
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `share` must keep this signature, and `Config` these fields.
    let _: fn(Config) -> SharedConfig = share;
    let _: fn(::std::string::String, usize) -> Config = |service, max_connections| Config {
        service,
        max_connections,
    };
}
