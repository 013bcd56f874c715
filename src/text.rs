//! Text typed by people, bounded: a cell may hold 32,767 characters (or, in a forged file, far more),
//! and what is stored, mailed, printed or laid out of it is shortened, visibly, by one rule.
//!
//! Pure.

use std::borrow::Cow;

/// How much of a library's or the system's words (a refusal's detail, an SMTP error) is kept for the
/// operator; the whole is in the log.
pub(crate) const DETAIL_CHARS: usize = 300;

/// How much of a cell's text a sentence, a mail or the follow-up quotes: enough to recognise it.
pub(crate) const QUOTED_CHARS: usize = 100;

/// `text` cut to `max` characters and ended with "…" when it is longer; as it is otherwise.
pub(crate) fn shortened(text: &str, max: usize) -> Cow<'_, str> {
    // No text of at most `max` bytes has more than `max` characters.
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// `text` as a sentence, a mail or the follow-up quotes a cell to people: at most [`QUOTED_CHARS`]
/// characters; a line break or tab (Alt+Enter in a cell) read as a space, as the keeper meant it;
/// any other control character or direction mark escaped, as [`printable`] does.
pub(crate) fn quoted(text: &str) -> Cow<'_, str> {
    let short = shortened(text, QUOTED_CHARS);
    if !short.chars().any(hidden) {
        return short;
    }
    let spaced: String =
        short.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    Cow::Owned(printable(&spaced).into_owned())
}

/// A character that would change how the text around it is shown: a control character (a line
/// break, ESC of a terminal's escape codes) or a mark that turns the direction of the text.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A name (of a file, a sheet) as a line of text shows it: a line break, a tab or another control
/// character in it is written as its escape (`\n`), so that it can neither break a table nor forge a
/// line of a log or a mail.
pub(crate) fn printable(name: &str) -> Cow<'_, str> {
    if !name.chars().any(hidden) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.chars()
            .map(|c| if hidden(c) { c.escape_default().to_string() } else { c.to_string() })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_in_a_name_is_written_as_its_escape() {
        assert_eq!(printable("logg 2019.xlsx"), "logg 2019.xlsx");
        assert_eq!(printable("logg\n2019-03-01 INFO forged.xlsx"), "logg\\n2019-03-01 INFO forged.xlsx");
        assert_eq!(printable("a\tb\u{1b}[31m"), "a\\tb\\u{1b}[31m");
        assert_eq!(printable("gol\u{202e}xslx.exe"), "gol\\u{202e}xslx.exe");
        assert_eq!(quoted("Torget\u{1b}[2J"), "Torget\\u{1b}[2J");
        // A line break in a cell (Alt+Enter) is a space to people; it still cannot begin a line.
        assert_eq!(quoted("Pajala\nIdrottsplatsen\r\nbakom hallen"), "Pajala Idrottsplatsen  bakom hallen");
    }

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
