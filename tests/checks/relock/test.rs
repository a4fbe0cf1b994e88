// Grader-owned tests for relock. A relock hangs: the grader's time limit ends the run and
// names the test that was running. The `stress_*` tests run after the loom models pass: four
// trucks delivering at once must all be served, and the models' property (the limits hold when
// deliveries race) on real threads, with std's own Mutex, so that code which behaves
// differently under the model checker cannot pass. (Trucks at once catch a refusing
// `try_lock` only when the OS makes them collide: run before the models, it made such an
// answer's verdict depend on the machine's load.)
use super::{CAPACITY, MAX_PER_ITEM, Warehouse};
use ::std::sync::Arc;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `CAPACITY` must keep this value.
    let _: u32 = CAPACITY;
    // `MAX_PER_ITEM` must keep this value.
    let _: u32 = MAX_PER_ITEM;
    // `Warehouse::new` must keep this signature.
    let _: fn() -> Warehouse = Warehouse::new;
    // `Warehouse::count` must keep this signature.
    let _: fn(&Warehouse, &str) -> u32 = Warehouse::count;
    // `Warehouse::total` must keep this signature.
    let _: fn(&Warehouse) -> u32 = Warehouse::total;
    // `Warehouse::receive` must keep this signature.
    let _: fn(&Warehouse, &str, u32) -> bool = Warehouse::receive;
}

#[test]
fn a_delivery_is_stored() {
    let w = Warehouse::new();
    ::std::assert!(w.receive("bolts", 10), "10 bolts fit in an empty warehouse");
    ::std::assert_eq!(w.count("bolts"), 10);
    ::std::assert_eq!(w.total(), 10);
}

#[test]
fn deliveries_add_up() {
    let w = Warehouse::new();
    ::std::assert!(w.receive("bolts", 10));
    ::std::assert!(w.receive("bolts", 5));
    ::std::assert!(w.receive("nuts", 7));
    ::std::assert_eq!(
        (w.count("bolts"), w.count("nuts"), w.count("screws")),
        (15, 7, 0)
    );
    ::std::assert_eq!(w.total(), 22);
}

#[test]
fn the_limit_per_item_holds() {
    let w = Warehouse::new();
    ::std::assert!(
        w.receive("bolts", MAX_PER_ITEM),
        "exactly the limit per item fits"
    );
    ::std::assert!(
        !w.receive("bolts", 1),
        "one more bolt is over the limit per item"
    );
    ::std::assert_eq!(
        w.count("bolts"),
        MAX_PER_ITEM,
        "a refused delivery stores nothing"
    );
}

#[test]
fn the_capacity_holds() {
    let w = Warehouse::new();
    ::std::assert!(w.receive("bolts", 40));
    ::std::assert!(w.receive("nuts", 40));
    ::std::assert!(w.receive("screws", 20), "exactly the capacity fits");
    ::std::assert!(
        !w.receive("washers", 1),
        "one more unit is over the capacity"
    );
    ::std::assert_eq!(w.total(), CAPACITY);
    ::std::assert_eq!(w.count("washers"), 0);
}

#[test]
fn stress_trucks_deliver_at_once() {
    let w = Arc::new(Warehouse::new());
    let trucks: Vec<_> = ["a", "b", "c", "d"]
        .into_iter()
        .map(|item| {
            let w = Arc::clone(&w);
            ::std::thread::spawn(move || (0..10).filter(|_| w.receive(item, 2)).count())
        })
        .collect();
    let stored: usize = trucks.into_iter().map(|t| t.join().unwrap()).sum();
    ::std::assert_eq!(
        stored,
        40,
        "4 trucks x 10 deliveries of 2 units: all within the limits"
    );
    ::std::assert_eq!(w.total(), 80);
}

/// `two_deliveries_near_capacity` and `two_deliveries_of_one_item` on real threads: three
/// trucks race deliveries of three items until the warehouse is full. The limits hold
/// whatever the order, and what is in stock is exactly what the deliveries that said "stored"
/// brought.
#[test]
fn stress_racing_deliveries_keep_the_limits() {
    const ITEMS: [&str; 3] = ["bolts", "nuts", "screws"];
    crate::__checks::rounds(|round| {
        let w = Arc::new(Warehouse::new());
        let shared = Arc::clone(&w);
        let stored = crate::__checks::together(3, move |truck| {
            let mut stored = [0u32; 3];
            for n in 0..60 {
                let item = (truck + n) % 3;
                let units = 1 + ((truck * 7 + n) % 6) as u32;
                if shared.receive(ITEMS[item], units) {
                    stored[item] += units;
                }
            }
            stored
        });
        for (i, item) in ITEMS.iter().enumerate() {
            let brought: u32 = stored.iter().map(|s| s[i]).sum();
            let count = w.count(item);
            ::std::assert!(
                count <= MAX_PER_ITEM,
                "on real threads (round {round}) {count} {item} were stored, more than the \
                 limit of {MAX_PER_ITEM} per item: two deliveries passed the check before \
                 either was stored"
            );
            ::std::assert_eq!(
                count,
                brought,
                "on real threads (round {round}) the deliveries that said they stored {item} \
                 brought {brought}, but {count} are in stock"
            );
        }
        ::std::assert!(
            w.total() <= CAPACITY,
            "on real threads (round {round}) the warehouse holds {} units, more than its \
             capacity of {CAPACITY}",
            w.total()
        );
    });
}
