// verdict: compile-fail-not-met
// Wrong: a heap allocation changes nothing: `Box<u64>` is Send and Sync like the u64 in it.

pub struct Session {
    pub handle: u64,
    _not_send: Box<u64>,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle, _not_send: Box::new(0) }
    }
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}
