// expect: E0277
// expect: cannot be sent between threads safely
// message: a `Sender<Rc<u64>>` can move to another thread; the halves must be Send only when
// the message type is.
fn main() {
    let (sender, _receiver) = channel::<::std::rc::Rc<u64>>();
    ::std::thread::spawn(move || ::core::mem::drop(sender));
}
