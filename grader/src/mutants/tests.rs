//! The operators on small sources: where each applies, the code it writes, and ids that do
//! not depend on layout or line numbers.

use super::mutants;

fn ids(source: &str) -> Vec<String> {
    mutants(source, false)
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect()
}

fn code_of(source: &str, id: &str) -> String {
    mutants(source, false)
        .unwrap()
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no mutant {id} in {:?}", ids(source)))
        .code
}

const ATOMICS: &str = "struct S;\nimpl S {\n    fn go(&self) {\n        self.a.store(1, Ordering::SeqCst);\n        let v = self.a.load(Acquire);\n        self.n.fetch_add(1, Ordering::AcqRel);\n        let _ = x.compare_exchange(v, 2, SeqCst, Relaxed);\n        fence(Release);\n    }\n}\nfn main() { A.store(1, Ordering::Release); }\n";

#[test]
fn orderings_are_weakened_one_step_as_valid_for_each_access() {
    let ids = ids(ATOMICS);
    let orderings: Vec<&String> = ids.iter().filter(|i| i.starts_with("ordering")).collect();
    assert_eq!(
        orderings,
        [
            "ordering:SeqCst->Release/S::go/self.a.store(1,Ordering::SeqCst)#1",
            "ordering:Acquire->Relaxed/S::go/self.a.load(Acquire)#1",
            "ordering:AcqRel->Acquire/S::go/self.n.fetch_add(1,Ordering::AcqRel)#1",
            "ordering:AcqRel->Release/S::go/self.n.fetch_add(1,Ordering::AcqRel)#1",
            "ordering:success:SeqCst->AcqRel/S::go/x.compare_exchange(v,2,SeqCst,Relaxed)#1",
        ],
        "a Release fence is never made Relaxed (it panics), and main is left alone"
    );
    assert!(code_of(ATOMICS, orderings[0]).contains("self.a.store(1, Ordering::Release);"));
}

#[test]
fn read_modify_writes_split_and_compare_exchanges_become_stores() {
    let split = code_of(
        ATOMICS,
        "rmw-split/S::go/self.n.fetch_add(1,Ordering::AcqRel)#1",
    );
    assert!(split.contains(
        "{ let __mutant_old = self.n.load(Ordering::Acquire); \
         self.n.store(__mutant_old.wrapping_add(1), Ordering::Release); __mutant_old };"
    ));
    let stored = code_of(
        ATOMICS,
        "cas-to-store/S::go/x.compare_exchange(v,2,SeqCst,Relaxed)#1",
    );
    assert!(stored.contains("let _ = { let __mutant_current = v; x.store(2, SeqCst);"));
}

const CONDVAR: &str = "fn pop(q: &Q) -> u32 {\n    let mut items = q.items.lock().unwrap();\n    while items.is_empty() {\n        items = q.ready.wait(items).unwrap();\n    }\n    q.space.notify_all();\n    drop(items);\n    let g = q.cv.wait_while(q.m.lock().unwrap(), |v| v.is_empty()).unwrap();\n    std::mem::drop(g);\n    0\n}\n";

#[test]
fn condvar_mistakes() {
    let all = ids(CONDVAR);
    for id in [
        "while-to-if/pop/while items.is_empty()#1",
        "wait-while-once/pop/q.cv.wait_while(q.m.lock().unwrap(),|v|v.is_empty())#1",
        "notify_all->notify_one/pop/q.space.notify_all()#1",
        "drop-removed/pop/drop(items)#1",
        "drop-removed/pop/std::mem::drop(g)#1",
    ] {
        assert!(all.contains(&id.to_string()), "{id} not in {all:?}");
    }
    assert!(
        code_of(CONDVAR, "while-to-if/pop/while items.is_empty()#1")
            .contains("    if items.is_empty() {")
    );
    let once = code_of(
        CONDVAR,
        "wait-while-once/pop/q.cv.wait_while(q.m.lock().unwrap(),|v|v.is_empty())#1",
    );
    assert!(once.contains("if __mutant_check(&mut *__mutant_guard, |v| v.is_empty()) { q.cv.wait(__mutant_guard) } else { Ok(__mutant_guard) } }.unwrap();"), "{once}");
    let dropped = code_of(CONDVAR, "drop-removed/pop/std::mem::drop(g)#1");
    assert!(dropped.contains("unwrap();\n    \n    0\n"), "{dropped}");
}

#[test]
fn lock_statements_swap_and_joins_go() {
    let source = "fn f(a: &M, b: &M, h: H, hs: Vec<H>) {\n    let x = a.lock().unwrap();\n    work();\n    let y = b.lock().unwrap();\n    h.join().unwrap();\n    for h in hs { h.join().expect(\"no panic\"); }\n}\n";
    let swapped = code_of(source, "locks-swapped/f/a.lock()<->b.lock()#1");
    assert!(
        swapped.contains("let y = b.lock().unwrap();\n    work();\n    let x = a.lock().unwrap();")
    );
    let joined = code_of(source, "join-removed/f/h.join()#1");
    assert!(joined.contains("work();\n    let y = b.lock().unwrap();\n    \n    for h in hs"));
    let second = code_of(source, "join-removed/f/h.join()#2");
    assert!(second.contains("for h in hs {  }"), "{second}");
}

#[test]
fn ids_do_not_depend_on_layout_or_on_other_functions() {
    let moved = format!(
        "fn other() {{ a.store(1, Ordering::SeqCst); }}\n\n\n{}",
        ATOMICS.replace(
            "self.a.load(Acquire)",
            "self\n            .a\n            .load( Acquire )"
        )
    );
    let before: Vec<String> = ids(ATOMICS);
    let after: Vec<String> = ids(&moved)
        .into_iter()
        .filter(|i| !i.contains("/other/"))
        .collect();
    assert_eq!(before, after);
    let main = mutants(ATOMICS, true).unwrap();
    assert!(
        main.iter()
            .any(|m| m.id == "ordering:Release->Relaxed/main/A.store(1,Ordering::Release)#1")
    );
}
