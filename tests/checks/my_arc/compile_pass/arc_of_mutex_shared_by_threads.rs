// message: an `Arc<Mutex<u64>>` must move to other threads and be shared by them, and `clone`
// and `*` (Deref) must keep working.
fn main() {
    let total = Arc::new(::std::sync::Mutex::new(0u64));
    let workers: ::std::vec::Vec<_> = (0..3)
        .map(|_| {
            let total = total.clone();
            ::std::thread::spawn(move || *total.lock().unwrap() += 1)
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    ::std::assert_eq!(*total.lock().unwrap(), 3);
    let text = Arc::new(::std::string::String::from("moved"));
    let len = ::std::thread::spawn(move || text.len()).join().unwrap();
    ::std::assert_eq!(len, 5);
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    let _: fn(u64) -> Arc<u64> = Arc::new;
    let _: fn(&Arc<u64>) -> Arc<u64> = <Arc<u64> as ::core::clone::Clone>::clone;
    let _: fn(&Arc<u64>) -> &u64 = <Arc<u64> as ::core::ops::Deref>::deref;
}
