// verdict: compile-fail-not-met
// Wrong: `Cell<u8>` is not Sync, but it is Send: a Session can still be moved to another
// thread (the send_to_thread case compiles).
use std::cell::Cell;

pub struct Session {
    pub handle: u64,
    _not_send: Cell<u8>,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle, _not_send: Cell::new(0) }
    }
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}
