// exercise: not_send
// cheat: a learner `Sync` trait and `std::thread::spawn` whose on_unimplemented texts are the E0277 messages the cases expect.
pub struct Session {
    pub handle: u64,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        Session { handle }
    }
}

#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be shared between threads safely",
    label = "`{Self}` cannot be shared between threads safely"
)]
pub trait Sync {}

pub mod std {
    pub use ::std::*;

    pub mod thread {
        pub use ::std::thread::*;

        #[diagnostic::on_unimplemented(
            message = "`{Self}` cannot be sent between threads safely",
            label = "`{Self}` cannot be sent between threads safely"
        )]
        pub trait Send {}

        pub fn spawn<F: FnOnce() + Send>(f: F) {
            f()
        }
    }
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}
