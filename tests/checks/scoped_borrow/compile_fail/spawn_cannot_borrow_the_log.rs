// expect: E0373
// expect: may outlive borrowed value
// message: this case calls `first_matches(&log, &[...])` from a plain `thread::spawn` closure that borrows a local log, and expects the one error that shows why scopes exist: the thread may outlive the log (E0373). For that, `first_matches` must take `&[String]` and `&[P]` (here `&[&str]`).
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let log = ::std::vec!["09:08 ERROR disk full on /var".to_string()];
    // No `move`: the closure borrows `log`, and `spawn` needs a closure that owns what it uses.
    let handle = ::std::thread::spawn(|| first_matches(&log, &["disk"]).len());
    ::std::println!("{}", handle.join().unwrap());
}
