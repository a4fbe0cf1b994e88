// message: a `MyBox<T>` owns its `T`: dropping the box must drop the value, exactly once (on the thread that drops the box), and `into_inner` must hand the value out without dropping it. Keep `MyBox`'s `Drop` and `into_inner` as they are.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::sync::atomic::{AtomicUsize, Ordering};

/// How many `Counted` values have been dropped.
static DROPS: AtomicUsize = AtomicUsize::new(0);

struct Counted(u32);

impl ::core::ops::Drop for Counted {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

fn main() {
    // Dropped where it was made.
    ::core::mem::drop(MyBox::new(Counted(1)));
    ::std::assert_eq!(
        DROPS.load(Ordering::SeqCst),
        1,
        "dropping a `MyBox` must drop the value it owns (a value never dropped is a leak)"
    );

    // Sent to another thread and dropped there: the value goes with the box.
    let boxed = MyBox::new(Counted(2));
    let there = ::std::thread::spawn(move || {
        ::core::mem::drop(boxed);
        DROPS.load(Ordering::SeqCst)
    })
    .join()
    .unwrap();
    ::std::assert_eq!(
        there,
        2,
        "a `MyBox` sent to another thread and dropped there must drop its value there"
    );

    // Taken out: the box is gone, the value is the caller's, and dropped once, by the caller.
    let value = MyBox::new(Counted(3)).into_inner();
    ::std::assert_eq!(
        DROPS.load(Ordering::SeqCst),
        2,
        "`into_inner` hands the value out: nothing may be dropped yet"
    );
    ::std::assert_eq!(value.0, 3);
    ::core::mem::drop(value);
    ::std::assert_eq!(
        DROPS.load(Ordering::SeqCst),
        3,
        "the value taken out by `into_inner` is dropped once, by its new owner"
    );
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `MyBox::new`, `get`, `get_mut` and `into_inner` must keep these signatures.
    let _: fn(i32) -> MyBox<i32> = MyBox::new;
    let _: fn(&MyBox<i32>) -> &i32 = MyBox::get;
    let _: fn(&mut MyBox<i32>) -> &mut i32 = MyBox::get_mut;
    let _: fn(MyBox<i32>) -> i32 = MyBox::into_inner;
}
