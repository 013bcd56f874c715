//! Text typed by people, bounded: a cell may hold 32,767 characters (or, in a forged file, far more),
//! and what is stored, mailed, printed or laid out of it is shortened, visibly, by one rule.
//!
//! Pure.

use std::borrow::Cow;

/// How much of a cell's text a sentence, a mail or the follow-up quotes: enough to recognise it.
pub(crate) const QUOTED_CHARS: usize = 100;

/// `text` cut to `max` characters and ended with "…" when it is longer; as it is otherwise.
pub(crate) fn shortened(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// `text` as a sentence or a table quotes it (at most [`QUOTED_CHARS`] characters).
pub(crate) fn quoted(text: &str) -> Cow<'_, str> {
    shortened(text, QUOTED_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_the_limit_is_cut_between_characters_and_says_so() {
        assert_eq!(shortened("Torget", 6), "Torget");
        assert_eq!(shortened("Torget", 3), "Tor…");
        // Characters, not bytes: å, ä and ö are two bytes each.
        assert_eq!(shortened("Åäöåäö", 4), "Åäöå…");
        assert_eq!(quoted(&"x".repeat(1000)).chars().count(), QUOTED_CHARS + 1);
        assert!(matches!(quoted("kort"), Cow::Borrowed("kort")));
    }
}
