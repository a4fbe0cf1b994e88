// message: `first_matches(&log, &[...])` must compile, find the right lines and leave the log to its caller: use the signature `fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>>`.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let log: ::std::vec::Vec<::std::string::String> = [
        "09:00 INFO service started",
        "09:05 WARN db: slow query",
        "09:07 ERROR db: timeout after 30 s",
        "09:08 ERROR disk full on /var",
        "09:09 ERROR db: timeout after 30 s (retry)",
    ]
    .iter()
    .map(|l| l.to_string())
    .collect();

    let found = first_matches(&log, &["timeout", "disk full", "panic", "INFO"]);
    ::std::assert_eq!(
        found,
        ::std::vec![
            ::core::option::Option::Some("09:07 ERROR db: timeout after 30 s"),
            ::core::option::Option::Some("09:08 ERROR disk full on /var"),
            ::core::option::Option::None,
            ::core::option::Option::Some("09:00 INFO service started"),
        ],
        "one entry per pattern, in order: the first line containing it, or None"
    );
    // The caller still owns its log, and the lines found point into it.
    ::std::assert_eq!(log.len(), 5);
    ::std::assert!(
        ::std::ptr::eq(found[1].unwrap(), log[3].as_str()),
        "the lines found must be borrowed from the log, not copies"
    );

    ::std::assert_eq!(
        first_matches(&log, &[]),
        ::std::vec::Vec::<::core::option::Option<&str>>::new(),
        "no patterns, no results"
    );
    ::std::assert_eq!(
        first_matches(&[], &["x"]),
        ::std::vec![::core::option::Option::None],
        "an empty log matches nothing"
    );
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `first_matches` must keep this signature.
    let _: for<'a> fn(
        &'a [::std::string::String],
        &[&str],
    ) -> ::std::vec::Vec<::core::option::Option<&'a str>> = first_matches;
}
