// message: the halves of a channel of `String` must move to other threads, and `send`, `is_ready`
// and `recv` must keep working on them.
fn main() {
    let (sender, receiver) = channel::<::std::string::String>();
    let receiving = ::std::thread::spawn(move || {
        while !receiver.is_ready() {
            ::std::thread::yield_now();
        }
        receiver.recv()
    });
    let sending = ::std::thread::spawn(move || sender.send(::std::string::String::from("hi")));
    sending.join().unwrap();
    ::std::assert_eq!(receiving.join().unwrap(), "hi");
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `channel`, `Sender::send`, `Receiver::is_ready` and `Receiver::recv` must keep these
    // signatures: the halves are used up by `send` and `recv`.
    let _: fn() -> (Sender<u64>, Receiver<u64>) = channel::<u64>;
    let _: fn(Sender<u64>, u64) = Sender::send;
    let _: fn(&Receiver<u64>) -> bool = Receiver::is_ready;
    let _: fn(Receiver<u64>) -> u64 = Receiver::recv;
}
