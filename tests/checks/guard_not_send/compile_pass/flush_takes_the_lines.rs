// message: `flush_in_background` must return every line in order and leave the log empty and usable.
use ::std::sync::{Arc, Mutex};

fn main() {
    let log = Arc::new(Mutex::new(::std::vec!["GET / 200".to_string(), "POST /login 302".to_string()]));
    let flushed = flush_in_background(&log).join().unwrap();
    ::std::assert_eq!(flushed, ::std::vec!["GET / 200".to_string(), "POST /login 302".to_string()]);
    ::std::assert!(log.lock().unwrap().is_empty(), "the flushed lines must be gone from the log");
    log.lock().unwrap().push("GET /about 200".to_string());
    let again = flush_in_background(&log).join().unwrap();
    ::std::assert_eq!(again, ::std::vec!["GET /about 200".to_string()]);
}
