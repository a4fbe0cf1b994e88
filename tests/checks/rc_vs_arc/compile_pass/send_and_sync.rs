// message: a `SharedConfig` must be `Send` (a worker thread takes one) and `Sync` (threads may share a `&SharedConfig`).
fn main() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SharedConfig>();
}
