// verdict: pass
// Right (issue 14): `&'static Cell<()>` is neither Send nor Sync (a `&T` is Send only when `T`
// is Sync). The compiler then says the session "cannot be shared between threads safely" even
// where it is sent, which proves "not Send" just as well.
use std::cell::Cell;
use std::marker::PhantomData;

pub struct Session {
    pub handle: u64,
    _not_send: PhantomData<&'static Cell<()>>,
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
