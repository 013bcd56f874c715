//! Checks of single values: ids, names and texts, numbers in their range. Pure.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::{Validator, line_col};

/// The longest name or title the config may give (municipality, person, pledge, activity, …).
const MAX_NAME_CHARS: usize = 200;

impl Validator<'_> {
    pub(super) fn non_empty(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().trim().is_empty() {
            self.at(value, format!("`{key}` must not be empty"));
        }
    }

    /// A name or title: not empty, and on one line (it goes into mail headers and table cells, where a
    /// line break or another control character would break them).
    pub(super) fn one_line(&mut self, value: &Spanned<String>, key: &str) {
        self.non_empty(value, key);
        self.no_control(value, key);
        // A mail header line may hold 998 characters; a name is a few dozen.
        if value.get_ref().chars().count() > MAX_NAME_CHARS {
            self.at(value, format!("`{key}` must be at most {MAX_NAME_CHARS} characters"));
        }
    }

    /// A text of several lines (a pledge's promise): a line break is allowed, no other control
    /// character (a NUL or an escape would reach every mail and the follow-up).
    pub(super) fn lines(&mut self, value: &Spanned<String>, key: &str) {
        self.non_empty(value, key);
        if value.get_ref().chars().any(|c| c.is_control() && c != '\n') {
            self.at(value, format!("`{key}` must not contain control characters other than line breaks"));
        }
    }

    /// As [`one_line`](Self::one_line), where the text may be empty.
    pub(super) fn no_control(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().chars().any(char::is_control) {
            self.at(
                value,
                format!("`{key}` must be one line, without line breaks, tabs or other control characters"),
            );
        }
    }

    /// An id: letters a–z, digits, `-` and `_`, unique among `seen`.
    pub(super) fn id(&mut self, id: &Spanned<String>, what: &str, seen: &mut HashMap<String, Range<usize>>) {
        let s = id.get_ref();
        if s.is_empty()
            || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            self.at(id, format!("{what} id {s:?} must be lower-case letters a-z, digits, '-' or '_'"));
        }
        if let Some(first) = seen.insert(s.clone(), id.span()) {
            let (line, _) = line_col(self.text, first.start);
            self.at(id, format!("duplicate {what} id {s:?} (first defined on line {line})"));
        }
    }

    /// A number of the config (`key` as written, e.g. `mail.retry_for_hours`), which must lie in
    /// `range`: every number has one, so that no value `check` accepts can overflow what is computed
    /// from it (a date, a time-out, a size).
    pub(super) fn in_range(
        &mut self,
        value: &Option<Spanned<i64>>,
        key: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> u64 {
        match value {
            None => default,
            Some(v) => match u64::try_from(*v.get_ref()) {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    let (low, high) = (range.start(), range.end());
                    self.at(v, format!("`{key}` must be a whole number from {low} to {high}"));
                    default
                }
            },
        }
    }
}
