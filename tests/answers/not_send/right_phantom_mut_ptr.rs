// verdict: pass
// Right: a mutable raw pointer is neither Send nor Sync, like the const one.
use std::marker::PhantomData;

pub struct Session {
    pub handle: u64,
    _not_send: PhantomData<*mut ()>,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle, _not_send: PhantomData }
    }
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}
