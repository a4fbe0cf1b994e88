// Grader-owned loom models for relaxed_flag.
use super::Import;
use crate::std::sync::Arc;
use crate::std::thread;

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

#[test]
fn a_monitor_that_sees_finished_sees_every_row() {
    crate::std::__workbook::model(|| {
        let import = Arc::new(Import::new());
        let job = Arc::clone(&import);
        let importer = thread::spawn(move || {
            job.import_row();
            job.import_row();
            job.finish();
        });
        if let Some(rows) = import.final_rows() {
            ::std::assert_eq!(
                rows,
                2,
                "the monitor saw `finished` but not the rows counted before it: nothing \
                 ordered the count before the flag for a thread that never locks the log"
            );
        }
        importer.join().unwrap();
        ::std::assert_eq!(
            import.final_rows(),
            Some(2),
            "after the importer was joined"
        );
        ::std::assert_eq!(
            import.log(),
            ::std::vec!["import finished: 2 rows".to_string()]
        );
    });
}
