// not_send: a type that must never leave its thread.
//
// `Session` wraps a handle that is only valid on the thread that created it (think of a
// GUI handle or a thread-local connection). Rust decides automatically whether a type is
// `Send` from its fields; `Session` has only a `u64`, so today it can be moved to another
// thread, and nothing stops a caller from doing so.
//
// What to do: make `Session` not `Send` (and not `Sync`) without changing its public API.
// A zero-sized marker field is the usual way; no `unsafe` and no nightly features.
//
// How it is checked: at compile time. The grader has code that tries to send a `Session`
// to another thread, and code that asks for `Session: Sync`; both must fail to compile, with
// the compiler saying (E0277) that the session cannot be sent, or shared, between threads
// safely. A program that opens a session and reads its `handle` on its own thread must still
// compile and run.

pub struct Session {
    pub handle: u64,
    // TODO: add a field that makes this type neither Send nor Sync.
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle }
    }
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}
