// message: the halves of a channel of `Cell<u64>` must move to other threads: a `Cell` is Send
// (it may move), only not Sync, and the channel only moves its message, never shares it.
fn main() {
    let (sender, receiver) = channel::<::std::cell::Cell<u64>>();
    let sending = ::std::thread::spawn(move || sender.send(::std::cell::Cell::new(5)));
    let receiving = ::std::thread::spawn(move || {
        while !receiver.is_ready() {
            ::std::thread::yield_now();
        }
        receiver.recv().get()
    });
    sending.join().unwrap();
    ::std::assert_eq!(receiving.join().unwrap(), 5);
}
