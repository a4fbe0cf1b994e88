// verdict: pass
// Right: `Rc<()>` is neither Send nor Sync (its reference count is not atomic), and
// PhantomData passes both properties on without storing anything.
use std::marker::PhantomData;
use std::rc::Rc;

pub struct Session {
    pub handle: u64,
    _not_send: PhantomData<Rc<()>>,
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
