// expect: E0382
// expect: use of moved value
// message: a `Receiver` can still receive twice; `recv` must use the receiver up (take `self`).
fn main() {
    let (sender, receiver) = channel::<u64>();
    sender.send(1);
    let _first = receiver.recv();
    let _second = receiver.recv();
}
