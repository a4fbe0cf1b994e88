// verdict: compile-fail-not-met
// Cheat: `Session` stays Send and Sync, and the file brings its own `Sync` trait and `drop`
// function whose `#[diagnostic::on_unimplemented]` messages are the exact E0277 texts the
// compile-fail cases expect. The cases took `Sync` and `drop` through the glob of the learner's
// items, so both "failed as expected". They now write `::core::marker::Sync` and
// `::core::mem::drop`, and the session is sent to another thread without an error.

pub struct Session {
    pub handle: u64,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle }
    }
}

#[diagnostic::on_unimplemented(message = "`{Self}` cannot be shared between threads safely")]
pub trait Sync {}

#[diagnostic::on_unimplemented(message = "`{Self}` cannot be sent between threads safely")]
pub trait NotSent {}

pub fn drop<T: NotSent>(_value: T) {}

fn main() {
    let s = Session::open(7);
    println!("session {}", s.handle);
}
