//! Keys in, and a terminal always restored.
//!
//! On a terminal, keys are read raw (no Enter needed) and the terminal is put back by a
//! guard on every way out: quit, Ctrl-C (a key in raw mode), an error, a panic, and the
//! signals that end a process from outside (SIGTERM, SIGHUP, SIGINT, SIGQUIT). When
//! input is not a terminal (scripts, the project's tests), each character of each line read
//! is a key, and nothing is switched.

use std::io::{BufRead, IsTerminal};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use super::Event;

/// Keys the watch screen understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Up,
    Down,
    Escape,
    Backspace,
    Interrupt,
}

/// Held by the raw key reader while it waits for a key (a short poll at a time), and by
/// `suspended` for as long as a program of the learner's (their editor) owns the terminal:
/// that program gets every key, the reader none.
static TERMINAL: Mutex<()> = Mutex::new(());
/// Set while `suspended` waits for the lock: the reader, which would take it again at once
/// (a mutex is not fair), stands back.
static HANDOVER: AtomicBool = AtomicBool::new(false);
const POLL: Duration = Duration::from_millis(50);

/// Runs `f` with the terminal as a shell leaves it (not raw, cursor shown, keys not read by
/// watch mode), then takes it back. For a terminal editor started with `e`.
pub fn suspended<R>(raw: bool, f: impl FnOnce() -> R) -> R {
    if !raw {
        return f();
    }
    HANDOVER.store(true, Ordering::SeqCst);
    let _keys = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
    HANDOVER.store(false, Ordering::SeqCst);
    restore();
    let result = f();
    let _ = terminal::enable_raw_mode();
    result
}

pub struct Guard {
    raw: bool,
}

impl Guard {
    /// Switches to raw mode when stdin is a terminal.
    pub fn new() -> Guard {
        let raw = std::io::stdin().is_terminal() && terminal::enable_raw_mode().is_ok();
        if raw {
            let hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                hook(info);
            }));
            restore_on_signals();
        }
        Guard { raw }
    }

    pub fn is_raw(&self) -> bool {
        self.raw
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if self.raw {
            restore();
        }
    }
}

/// A `kill`, a closed terminal window or a Ctrl-C sent from elsewhere ends the process
/// without unwinding, so no guard would run: a thread of its own waits for those signals
/// (signal-hook turns them into ordinary reads, so restoring here is safe), puts the
/// terminal back and exits as the signal would have (128 + its number).
fn restore_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGINT, SIGQUIT, SIGTERM])
    else {
        return;
    };
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore();
            println!();
            std::process::exit(128 + signal);
        }
    });
}

fn restore() {
    let _ = terminal::disable_raw_mode();
    // Show the cursor again.
    print!("\x1b[?25h");
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

/// Reads keys on a thread of its own, so that keys pressed during a check are kept.
pub fn read_keys(raw: bool, tx: Sender<Event>) {
    thread::spawn(move || {
        if raw {
            loop {
                if HANDOVER.load(Ordering::SeqCst) {
                    thread::sleep(POLL);
                    continue;
                }
                let ev = {
                    let _terminal = TERMINAL.lock().unwrap_or_else(|e| e.into_inner());
                    match event::poll(POLL) {
                        Ok(true) => event::read(),
                        Ok(false) => continue,
                        Err(e) => Err(e),
                    }
                };
                let Ok(ev) = ev else { break };
                let key = match ev {
                    event::Event::Key(k) if k.kind != KeyEventKind::Release => translate(k),
                    event::Event::Resize(..) => {
                        let _ = tx.send(Event::Resize);
                        None
                    }
                    _ => None,
                };
                if let Some(key) = key
                    && tx.send(Event::Key(key)).is_err()
                {
                    return;
                }
            }
        } else {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                let keys: Vec<Key> = if line.is_empty() {
                    vec![Key::Enter]
                } else {
                    line.chars().map(Key::Char).collect()
                };
                for key in keys {
                    if tx.send(Event::Key(key)).is_err() {
                        return;
                    }
                }
            }
            // End of input is a quit: nobody is left to press q.
            let _ = tx.send(Event::Key(Key::Char('q')));
        }
    });
}

fn translate(k: KeyEvent) -> Option<Key> {
    if k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('d'))
    {
        return Some(Key::Interrupt);
    }
    Some(match k.code {
        KeyCode::Char(c) => Key::Char(c.to_ascii_lowercase()),
        KeyCode::Enter => Key::Enter,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Esc => Key::Escape,
        KeyCode::Backspace => Key::Backspace,
        _ => return None,
    })
}
