// Grader-owned tests for relaxed_flag, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
// (Real hardware shows some reorderings rarely or never, x86 a store buffer but no other: the
// model is what finds an ordering bug; these fail code that is right only while model-checked.)
use super::Import;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Import::new` must keep this signature.
    let _: fn() -> Import = Import::new;
    // `Import::import_row` must keep this signature.
    let _: fn(&Import) = Import::import_row;
    // `Import::finish` must keep this signature.
    let _: fn(&Import) = Import::finish;
    // `Import::final_rows` must keep this signature.
    let _: fn(&Import) -> ::std::option::Option<u64> = Import::final_rows;
    // `Import::log` must keep this signature.
    let _: fn(&Import) -> ::std::vec::Vec<::std::string::String> = Import::log;
}

/// Imports per round: the importer and the monitors go through them in order.
const IMPORTS: usize = 300;

/// Before the import has finished, `final_rows` answers at once, with None: monitors poll it,
/// and must not be held up for the whole import. (Asked on a thread of its own, so that a
/// `final_rows` that waits fails with this message, not with the time limit.)
#[test]
fn an_unfinished_import_answers_none_at_once() {
    let (tx, rx) = ::std::sync::mpsc::channel();
    ::std::thread::spawn(move || {
        let import = Import::new();
        import.import_row();
        let _ = tx.send(import.final_rows());
    });
    match rx.recv_timeout(::std::time::Duration::from_secs(5)) {
        ::std::result::Result::Ok(got) => ::std::assert_eq!(
            got,
            ::std::option::Option::None,
            "the import has not finished: `final_rows` must return None"
        ),
        ::std::result::Result::Err(_) => ::std::panic!(
            "`final_rows` on an import that has not finished had not returned after 5 s: it \
             must return None at once, not wait for the import to finish"
        ),
    }
}

/// Rows of the import at `index`: 1 to 4, so that no one count is right for every import.
fn rows_of(index: usize) -> u64 {
    1 + (index % 4) as u64
}

/// `a_monitor_that_sees_finished_sees_every_row` on real threads: monitors poll each import
/// until it has finished; the count they see must be every row.
#[test]
fn stress_a_monitor_that_sees_finished_sees_every_row() {
    crate::__checks::rounds(|round| {
        let imports: ::std::sync::Arc<::std::vec::Vec<Import>> =
            ::std::sync::Arc::new((0..IMPORTS).map(|_| Import::new()).collect());
        let shared = ::std::sync::Arc::clone(&imports);
        let seen = crate::__checks::together(3, move |i| {
            let mut seen = ::std::vec::Vec::new();
            for (k, import) in shared.iter().enumerate() {
                if i == 0 {
                    (0..rows_of(k)).for_each(|_| import.import_row());
                    import.finish();
                    continue;
                }
                let rows = loop {
                    match import.final_rows() {
                        ::std::option::Option::Some(rows) => break rows,
                        ::std::option::Option::None => ::std::hint::spin_loop(),
                    }
                };
                seen.push((k, rows));
            }
            seen
        });
        ::std::assert!(
            seen.iter().flatten().all(|&(k, rows)| rows == rows_of(k)),
            "a monitor on real threads (round {round}) saw `finished` but not the rows counted \
             before it"
        );
        for (k, import) in imports.iter().enumerate() {
            let rows = rows_of(k);
            ::std::assert_eq!(
                import.final_rows(),
                ::std::option::Option::Some(rows),
                "an import of {rows} rows has finished: `final_rows` must say {rows}"
            );
            ::std::assert_eq!(
                import.log(),
                ::std::vec![::std::format!("import finished: {rows} rows")]
            );
        }
    });
}
