// verdict: compile-fail-not-met
// Wrong: a MutexGuard cannot be sent, but it can be shared (it is Sync when its data is):
// `Session` is no longer Send but is still Sync (the share_between_threads case compiles).
use std::marker::PhantomData;
use std::sync::MutexGuard;

pub struct Session {
    pub handle: u64,
    _not_send: PhantomData<MutexGuard<'static, ()>>,
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
