use super::read_sites;

/// Whether the one `.get()` of `expr` (inside a function body) is a read site.
fn read(expr: &str) -> bool {
    let source = format!("fn f(s: &S) {{\n    unsafe {{\n        {expr}\n    }}\n}}\n");
    let col = expr.find(".get()").expect("a .get() call") as u32 + 1 + 1 + 8;
    let sites = read_sites(&source);
    assert!(
        sites.iter().all(|&s| s == (3, col)),
        "{expr}: sites {sites:?}, the get at column {col}"
    );
    !sites.is_empty()
}

#[test]
fn shared_uses_are_reads() {
    for expr in [
        "&*s.v.get()",
        "let r = &*s.v.get();",
        "let r: &T = &*self.slots[i % N].get();",
        "&(*s.v.get()).field",
        "&(*s.v.get()).0[i]",
        "(&*s.v.get()).push(1)",
        "(*s.v.get()).assume_init_ref()",
        "(*s.v.get()).assume_init_read()",
        "(*s.v.get()).clone()",
        "let v = *s.v.get();",
        "*s.v.get()",
        "let n = (*s.v.get()).len_field;",
        "f(*s.v.get())",
        "f(a, *s.v.get(), b)",
        "if *s.v.get() == 0 { g() }",
        "if *s.v.get() { g() }",
        "x += *s.v.get();",
        "std::ptr::read(s.v.get())",
        "ptr::read_volatile(s.v.get())",
        "s.v.get().read()",
        "s.v.get().as_ref().unwrap()",
        "assert_eq!(*s.v.get(), 1);",
        "println!(\"{}\", &*s.v.get());",
        "|_| *s.v.get()",
        "Some(_) => *s.v.get(),",
    ] {
        assert!(read(expr), "{expr} should be a read");
    }
}

#[test]
fn everything_else_stays_a_write() {
    for expr in [
        "*s.v.get() = 1;",
        "*s.v.get() += 1;",
        "&mut *s.v.get()",
        "let r = &mut *s.v.get();",
        "(*s.v.get()).push(1)",
        "(*s.v.get()).write(v)",
        "(*s.v.get()).field = 2;",
        "&(*s.v.get()).field.push(1)",
        "let p = s.v.get();",
        "s.v.get().write(1)",
        "match *s.v.get() { Some(ref mut x) => *x = 1, None => {} }",
        "let ref mut r = *s.v.get();",
        "if let Some(ref mut x) = *s.v.get() { *x = 1 }",
        "&*s.v.get() as *const T",
        "**s.v.get() = 1;",
        "my_macro!(*s.v.get())",
        "std::ptr::write(s.v.get(), 1)",
        "f(s.v.get())",
        "(*s.v.get()).as_mut()",
    ] {
        assert!(!read(expr), "{expr} should stay a write");
    }
}

#[test]
fn a_shared_method_redefined_with_mut_self_is_a_write() {
    let source = "struct T;\nimpl T {\n    fn len(&mut self) -> usize { 0 }\n}\nfn f(s: &S) -> usize {\n    unsafe { (*s.v.get()).len() }\n}\n";
    assert!(read_sites(source).is_empty());
    let source = source.replace("&mut self", "&self");
    assert_eq!(read_sites(&source), vec![(6, 20)]);
}

#[test]
fn macro_rules_bodies_and_unparsable_files_have_no_sites() {
    assert!(read_sites("macro_rules! m {\n    () => { unsafe { &*X.get() } };\n}\n").is_empty());
    assert!(read_sites("fn f( {").is_empty());
}

#[test]
fn columns_count_characters_as_location_does() {
    // `Location::column` counts characters: the `é` is one.
    let source = "fn f() { let _ = (\"é\", unsafe { &*s.c.get() }); }\n";
    assert_eq!(read_sites(source), vec![(1, 39)]);
}
