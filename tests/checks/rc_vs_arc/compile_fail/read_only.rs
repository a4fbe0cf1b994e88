// expect: E0594
// expect: cannot assign to data in
// message: a worker can change the config through its `SharedConfig` handle; a shared handle must give read-only access (the workers share one config, not copies).
fn main() {
    let config = share(Config { service: "orders".to_string(), max_connections: 64 });
    let mut mine = config.clone();
    mine.max_connections = 1;
}
