// message: the halves of a channel of `&String` must move to scoped threads: `&String` is Send, and nothing about the channel needs its message to live for ever (`'static` is what `thread::spawn` asks of its closure, not what the channel needs: the bound is `T: Send`).
fn main() {
    let greeting = ::std::string::String::from("hello");
    let borrowed = &greeting;
    let (sender, receiver) = channel::<&::std::string::String>();
    let len = ::std::thread::scope(|s| {
        s.spawn(move || sender.send(borrowed));
        s.spawn(move || {
            while !receiver.is_ready() {
                ::std::thread::yield_now();
            }
            receiver.recv().len()
        })
        .join()
        .unwrap()
    });
    ::std::assert_eq!(len, 5);
}
