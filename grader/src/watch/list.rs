//! The exercise list (`l`): move, search (`/` or `s`, type, Enter keeps it, Esc drops it) and
//! filter to pending or done exercises (`p`, `d`; the same key again shows all), as
//! rustlings 6.4 does. Pure: state and keys in, the rows to show and what to do out.

use super::terminal::Key;
use crate::catalogue::Exercise;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Pending,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    /// The selected exercise (its index in the catalogue).
    pub selected: usize,
    pub filter: Filter,
    /// Shown exercises' names contain this (case-insensitive).
    pub query: String,
    /// Keys type into the query.
    pub typing: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Stay,
    Open(usize),
    Close,
}

impl ListView {
    pub fn new(selected: usize) -> ListView {
        ListView {
            selected,
            filter: Filter::All,
            query: String::new(),
            typing: false,
        }
    }

    /// The exercises shown, in catalogue order.
    pub fn visible(&self, exercises: &[Exercise], done: &dyn Fn(&str) -> bool) -> Vec<usize> {
        let query = self.query.to_lowercase();
        exercises
            .iter()
            .enumerate()
            .filter(|(_, e)| match self.filter {
                Filter::All => true,
                Filter::Pending => !done(&e.name),
                Filter::Done => done(&e.name),
            })
            .filter(|(_, e)| e.name.to_lowercase().contains(&query))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn key(&mut self, key: Key, exercises: &[Exercise], done: &dyn Fn(&str) -> bool) -> Action {
        if self.typing {
            match key {
                Key::Char(c) => self.query.push(c),
                Key::Backspace => {
                    self.query.pop();
                }
                Key::Enter => self.typing = false,
                Key::Escape => {
                    self.typing = false;
                    self.query.clear();
                }
                _ => {}
            }
            self.keep_selection(exercises, done);
            return Action::Stay;
        }
        let visible = self.visible(exercises, done);
        let at = visible.iter().position(|&i| i == self.selected);
        match key {
            Key::Up | Key::Char('k') => {
                if let Some(&i) = at.and_then(|a| visible.get(a.saturating_sub(1))) {
                    self.selected = i;
                }
            }
            Key::Down | Key::Char('j') => {
                if let Some(&i) = at.and_then(|a| visible.get(a + 1)) {
                    self.selected = i;
                }
            }
            Key::Enter if at.is_some() => return Action::Open(self.selected),
            Key::Char('/' | 's') => self.typing = true,
            Key::Char('p') => self.toggle(Filter::Pending),
            Key::Char('d') => self.toggle(Filter::Done),
            Key::Escape if !self.query.is_empty() => self.query.clear(),
            Key::Escape | Key::Char('l' | 'q') => return Action::Close,
            _ => {}
        }
        self.keep_selection(exercises, done);
        Action::Stay
    }

    fn toggle(&mut self, filter: Filter) {
        self.filter = if self.filter == filter {
            Filter::All
        } else {
            filter
        };
    }

    /// A selection the filter or the search hides moves to the first exercise shown.
    fn keep_selection(&mut self, exercises: &[Exercise], done: &dyn Fn(&str) -> bool) {
        let visible = self.visible(exercises, done);
        if !visible.contains(&self.selected)
            && let Some(&first) = visible.first()
        {
            self.selected = first;
        }
    }

    /// One line saying what the list shows.
    pub fn status(&self, shown: usize, total: usize) -> String {
        let filter = match self.filter {
            Filter::All => "all",
            Filter::Pending => "pending",
            Filter::Done => "done",
        };
        let mut s = format!("{shown}/{total} shown ({filter})");
        if self.typing {
            s.push_str(&format!("  search: {}_", self.query));
        } else if !self.query.is_empty() {
            s.push_str(&format!("  search: {}", self.query));
        }
        s
    }
}

/// The rows of a list of `len` shown in `height` lines, keeping row `at` on screen (near the
/// middle when the list is longer than the screen).
pub fn window(len: usize, at: usize, height: usize) -> std::ops::Range<usize> {
    let height = height.max(1);
    if len <= height {
        return 0..len;
    }
    let start = at.saturating_sub(height / 2).min(len - height);
    start..start + height
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn exercises() -> Vec<Exercise> {
        let one = |name: &str| {
            format!(
                "[[exercises]]\nname = \"{name}\"\npath = \"exercises/01_x/{name}.rs\"\n\
                 topic = \"x\"\nchecks = [\"test\"]\npoints = 1\nconcepts = [\"c\"]\n\
                 hints = [\"a\", \"b\"]\nfails_with = \"test-failed\"\n"
            )
        };
        let text: String = ["threads1", "threads2", "channels1", "mutex_counter"]
            .map(one)
            .concat();
        Catalogue::parse(&text).unwrap().exercises
    }

    fn done(name: &str) -> bool {
        name == "threads1" || name == "channels1"
    }

    fn press(view: &mut ListView, keys: &[Key]) -> Action {
        let ex = exercises();
        let mut last = Action::Stay;
        for &k in keys {
            last = view.key(k, &ex, &done);
        }
        last
    }

    fn typed(s: &str) -> Vec<Key> {
        s.chars().map(Key::Char).collect()
    }

    #[test]
    fn search_narrows_the_rows_and_selects_the_first_match() {
        let mut v = ListView::new(0);
        press(&mut v, &[Key::Char('/')]);
        press(&mut v, &typed("chan"));
        assert_eq!(v.visible(&exercises(), &done), [2]);
        assert_eq!(v.selected, 2);
        assert!(v.status(1, 4).contains("search: chan_"));
        // Enter ends typing and keeps the search; Enter again opens the selection.
        assert_eq!(press(&mut v, &[Key::Enter]), Action::Stay);
        assert_eq!(press(&mut v, &[Key::Enter]), Action::Open(2));
    }

    #[test]
    fn keys_typed_into_a_search_are_not_commands() {
        let mut v = ListView::new(0);
        press(&mut v, &[Key::Char('s')]);
        assert_eq!(press(&mut v, &typed("q")), Action::Stay);
        press(&mut v, &[Key::Backspace]);
        assert_eq!(v.query, "");
        press(&mut v, &typed("mutex"));
        press(&mut v, &[Key::Escape]);
        assert_eq!((v.typing, v.query.as_str()), (false, ""));
        assert_eq!(v.visible(&exercises(), &done).len(), 4);
    }

    #[test]
    fn p_and_d_filter_to_pending_or_done_and_again_show_all() {
        let mut v = ListView::new(0);
        press(&mut v, &[Key::Char('p')]);
        assert_eq!(v.visible(&exercises(), &done), [1, 3]);
        assert_eq!(v.selected, 1, "the hidden selection moves to a shown row");
        press(&mut v, &[Key::Char('d')]);
        assert_eq!(v.visible(&exercises(), &done), [0, 2]);
        press(&mut v, &[Key::Char('d')]);
        assert_eq!(v.filter, Filter::All);
    }

    #[test]
    fn moving_skips_hidden_rows_and_stops_at_the_ends() {
        let mut v = ListView::new(1);
        press(&mut v, &[Key::Char('p'), Key::Down]);
        assert_eq!(v.selected, 3);
        press(&mut v, &[Key::Down]);
        assert_eq!(v.selected, 3);
        press(&mut v, &[Key::Up, Key::Up]);
        assert_eq!(v.selected, 1);
    }

    #[test]
    fn the_window_keeps_the_selection_on_screen() {
        assert_eq!(window(5, 4, 10), 0..5);
        assert_eq!(window(41, 0, 10), 0..10);
        assert_eq!(window(41, 20, 10), 15..25);
        assert_eq!(window(41, 40, 10), 31..41);
        assert_eq!(window(41, 3, 0), 3..4);
    }

    #[test]
    fn nothing_shown_opens_nothing_and_esc_closes() {
        let mut v = ListView::new(0);
        press(&mut v, &[Key::Char('/')]);
        press(&mut v, &typed("zzz"));
        press(&mut v, &[Key::Enter]);
        assert!(v.visible(&exercises(), &done).is_empty());
        assert_eq!(press(&mut v, &[Key::Enter]), Action::Stay);
        assert_eq!(
            press(&mut v, &[Key::Escape]),
            Action::Stay,
            "Esc drops the search first"
        );
        assert_eq!(press(&mut v, &[Key::Escape]), Action::Close);
    }
}
