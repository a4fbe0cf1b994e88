// not_send: a type that must never leave its thread.
//
// Solution: a zero-sized `PhantomData` of a type that is neither Send nor Sync. Raw pointers
// are `!Send + !Sync`, cost nothing at run time, and say "this type behaves as if it held a
// raw pointer". `PhantomData<Rc<()>>` works too.

use std::marker::PhantomData;

pub struct Session {
    pub handle: u64,
    _not_send: PhantomData<*const ()>,
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
