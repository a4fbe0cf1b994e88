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
            for import in shared.iter() {
                if i == 0 {
                    import.import_row();
                    import.import_row();
                    import.finish();
                    continue;
                }
                let rows = loop {
                    match import.final_rows() {
                        ::std::option::Option::Some(rows) => break rows,
                        ::std::option::Option::None => ::std::hint::spin_loop(),
                    }
                };
                seen.push(rows);
            }
            seen
        });
        ::std::assert!(
            seen.iter().flatten().all(|&rows| rows == 2),
            "a monitor on real threads (round {round}) saw `finished` but not the rows counted \
             before it"
        );
        for import in imports.iter() {
            ::std::assert_eq!(import.final_rows(), ::std::option::Option::Some(2));
            ::std::assert_eq!(
                import.log(),
                ::std::vec![::std::string::String::from("import finished: 2 rows")]
            );
        }
    });
}
