// expect: E0597
// expect: does not live long enough
// message: the lines `first_matches` finds must borrow from the log (`fn first_matches<'a, P: Pattern + Sync>(log: &'a [String], patterns: &[P]) -> Vec<Option<&'a str>>`), so the compiler stops them from outliving it.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let found;
    {
        let log = ::std::vec!["09:08 ERROR disk full on /var".to_string()];
        found = first_matches(&log, &["disk"]);
        // `log` is dropped here, while `found` still points into it.
    }
    ::std::println!("{found:?}");
}
