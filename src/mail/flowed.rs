//! A mail's plain text as `format=flowed` (RFC 3676): lines longer than 72 characters are broken
//! after a space, and the space left at the end of each broken line tells a client that reflows the
//! text that the line goes on (DelSp=no: the space is part of the text). A client that does not
//! reflow shows lines of at most 72 characters (a single word longer than that stays whole). Lines
//! that begin with a space, `>` or `From ` get one space more (space-stuffing), which the client
//! removes; a line's own trailing spaces are dropped, so no hard line break reads as a soft one.
//!
//! Pure, and lossless for the reader: what a flowed-aware client shows is the text given, line by
//! line, without trailing spaces.

/// The longest line written, in characters (RFC 3676 recommends at most 78).
pub(crate) const WIDTH: usize = 72;

/// The media type parameters of a part written by [`flowed`].
pub(crate) const CONTENT_TYPE: &str = "text/plain; charset=utf-8; format=flowed";

/// `text` as format=flowed lines.
pub(crate) fn flowed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in text.lines() {
        // The signature separator keeps its space; any other line ends hard.
        let line = if line == "-- " { line } else { line.trim_end_matches(' ') };
        for piece in pieces(line) {
            if piece.starts_with([' ', '>']) || piece.starts_with("From ") {
                out.push(' ');
            }
            out.push_str(piece);
            out.push('\n');
        }
    }
    out
}

/// `line` cut after spaces into pieces of at most [`WIDTH`] characters where a space allows: each
/// piece but the last ends with the space(s) it was cut after, and together they are `line`.
fn pieces(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while rest.chars().count() > WIDTH {
        let Some(cut) = cut(rest) else { break };
        let (piece, after) = rest.split_at(cut);
        out.push(piece);
        rest = after;
    }
    out.push(rest);
    out
}

/// Where to cut `line` (a byte index just after a run of spaces, never at its start): the last such
/// place within [`WIDTH`] characters, else the first after (a word longer than a line stays whole).
fn cut(line: &str) -> Option<usize> {
    let mut last_fitting = None;
    let mut chars = line.char_indices().enumerate().peekable();
    while let Some((n, (i, c))) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|&(_, (_, next))| next != ' ');
        if c == ' ' && next_is_word && !line[..i].trim_start_matches(' ').is_empty() {
            let end = i + 1;
            if n < WIDTH {
                last_fitting = Some(end);
            } else {
                return last_fitting.or(Some(end));
            }
        }
    }
    last_fitting
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a flowed-aware client shows (RFC 3676 section 4.2, DelSp=no).
    fn reflowed(flowed: &str) -> String {
        let mut out = String::new();
        for line in flowed.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            out.push_str(line);
            if !line.ends_with(' ') || line == "-- " {
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn a_long_line_is_broken_after_spaces_into_lines_of_at_most_72() {
        let line = "Löftet ”Medborgarkontakter” för 2019 ligger efter sin takt: 104 genomförda, i takt vore cirka 123 nu. Det behövs 52 till före 31 december 2019.";
        let out = flowed(line);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() >= 2, "{out}");
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(' ') && !l.ends_with("  ")));
        assert!(!lines[lines.len() - 1].ends_with(' '));
        assert_eq!(reflowed(&out), format!("{line}\n"));
    }

    #[test]
    fn short_lines_stay_and_hard_breaks_lose_their_trailing_spaces() {
        assert_eq!(flowed("Hej Lena!\n\nMål: minst 4  \n"), "Hej Lena!\n\nMål: minst 4\n");
        assert_eq!(flowed("-- \nPledgewatch"), "-- \nPledgewatch\n");
    }

    #[test]
    fn lines_starting_with_a_space_a_quote_mark_or_from_are_stuffed() {
        assert_eq!(
            flowed("  indragen\n> citat\nFrom Kalix\nFromage"),
            "   indragen\n > citat\n From Kalix\nFromage\n"
        );
    }

    #[test]
    fn a_word_longer_than_a_line_stays_whole() {
        let path = format!("/var/lib/pledgewatch/inbox/{}/logg.xlsx", "kommun".repeat(20));
        let out = flowed(&format!("Filen {path} kunde inte läsas."));
        assert_eq!(out, format!("Filen \n{path} \nkunde inte läsas.\n"));
    }

    proptest! {
        #[test]
        fn a_flowed_text_reads_back_as_written(words in proptest::collection::vec("[a-zåäö>]{0,30}|From|  | ", 0..80), breaks in proptest::collection::vec(0usize..80, 0..5)) {
            let mut text = String::new();
            for (i, word) in words.iter().enumerate() {
                text.push_str(word);
                text.push(if breaks.contains(&i) { '\n' } else { ' ' });
            }
            let written = flowed(&text);
            let expected: String = text.lines().map(|l| format!("{}\n", l.trim_end_matches(' '))).collect();
            prop_assert_eq!(reflowed(&written), expected);
            for line in written.lines() {
                let words_longer = line.split(' ').any(|w| w.chars().count() >= WIDTH);
                prop_assert!(line.chars().count() <= WIDTH + 1 || words_longer, "{:?}", line);
            }
        }
    }
}
