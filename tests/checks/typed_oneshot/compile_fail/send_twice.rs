// expect: E0382
// expect: use of moved value
// message: a `Sender` can still send twice; `send` must use the sender up (take `self`).
fn main() {
    let (sender, _receiver) = channel::<u64>();
    sender.send(1);
    sender.send(2);
}
