// expect: E0594
// expect: cannot assign to data in
// message: a worker can change the config through its `SharedConfig` handle; a shared handle must give read-only access (the workers share one config, not copies).
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
fn main() {
    let config = share(Config {
        service: ::std::string::String::from("orders"),
        max_connections: 64,
    });
    let mut mine = ::std::clone::Clone::clone(&config);
    mine.max_connections = 1;
}
