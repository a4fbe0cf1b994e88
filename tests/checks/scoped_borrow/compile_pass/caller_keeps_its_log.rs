// message: `first_matches(&log, &[...])` must compile, find the right lines and leave the log to its caller: use the signature `fn first_matches<'a>(log: &'a [String], patterns: &[&str]) -> Vec<Option<&'a str>>`.
fn main() {
    let log: Vec<String> = [
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
            Some("09:07 ERROR db: timeout after 30 s"),
            Some("09:08 ERROR disk full on /var"),
            None,
            Some("09:00 INFO service started"),
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
        Vec::<Option<&str>>::new(),
        "no patterns, no results"
    );
    ::std::assert_eq!(
        first_matches(&[], &["x"]),
        ::std::vec![None],
        "an empty log matches nothing"
    );
}
