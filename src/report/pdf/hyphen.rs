//! Swedish hyphenation, by [hypher](https://crates.io/crates/hypher)'s patterns: a long word that
//! does not fit the end of a line, or is wider than a whole line (a narrow table column), is cut
//! between syllables with a hyphen, rather than moved whole or cut between any two letters.
//!
//! Pure. The hyphen is drawn as `-` but its text is a soft hyphen (U+00AD), as PDF/UA asks: a
//! screen reader or a copy reads the word whole.

use hypher::{Lang, hyphenate_bounded};

use super::fonts::{FontKind, Fonts, Shaped};

/// The text of a hyphen set at a line's end.
const SOFT_HYPHEN: &str = "\u{AD}";

/// Words shorter than this (in letters) are never hyphenated: a hyphen in a short word reads badly.
const MIN_LETTERS: usize = 8;

/// The fewest letters before and after a hyphen ("ge-nomför" is not cut).
const MIN_SIDE: usize = 3;

/// `shaped` (one word in `font`) cut at its last syllable break where the part before it, with a
/// hyphen, is at most `room` ems: `(that part with the hyphen, the rest)`. `None` when no break fits,
/// or the word's leading letters (up to the first character that is not a letter: a digit, `-`, `.`)
/// are too few to hyphenate.
pub(crate) fn split(fonts: &Fonts, font: FontKind, shaped: &Shaped, room: f32) -> Option<(Shaped, Shaped)> {
    let text = shaped.text.as_str();
    let letters = text.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(text.len(), |(i, _)| i);
    let core = &text[..letters];
    if core.chars().count() < MIN_LETTERS {
        return None;
    }
    let mut hyphen = fonts.shape(font, "-");
    hyphen.text = SOFT_HYPHEN.to_owned();
    hyphen.glyphs.iter_mut().for_each(|glyph| glyph.range = 0..SOFT_HYPHEN.len());
    let hyphen_advance = hyphen.advance();
    let syllables: Vec<&str> = hyphenate_bounded(core, Lang::Swedish, MIN_SIDE, MIN_SIDE).collect();
    let mut best = None;
    let mut offset = 0;
    for syllable in &syllables[..syllables.len().saturating_sub(1)] {
        offset += syllable.len();
        // A break inside a cluster (a letter and its combining marks) is no break.
        let Some(at) = shaped.glyphs.iter().position(|glyph| glyph.range.start == offset) else { continue };
        let advance: f32 = shaped.glyphs[..at].iter().map(|glyph| glyph.advance).sum();
        if advance + hyphen_advance > room {
            break;
        }
        best = Some(at);
    }
    let mut head = shaped.clone();
    let tail = head.split_off(best?);
    head.append(&hyphen);
    Some((head, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_swedish_word_is_cut_between_syllables_with_a_soft_hyphen() {
        let fonts = Fonts::load().unwrap();
        let word = fonts.shape(FontKind::Regular, "trygghetsvandringar");
        let (head, tail) = split(&fonts, FontKind::Regular, &word, word.advance() * 0.6).unwrap();
        assert!(head.text.ends_with('\u{AD}'), "{:?}", head.text);
        let whole = format!("{}{}", head.text.trim_end_matches('\u{AD}'), tail.text);
        assert_eq!(whole, "trygghetsvandringar");
        assert!(head.advance() <= word.advance() * 0.6 + 1e-6);
        // Between syllables: trygg-hets-vand-ring-ar (hypher's Swedish patterns).
        assert!(["trygg", "trygghets", "trygghetsvand"].contains(&head.text.trim_end_matches('\u{AD}')));
    }

    #[test]
    fn short_words_numbers_and_no_room_give_no_cut() {
        let fonts = Fonts::load().unwrap();
        let shaped = |t: &str| fonts.shape(FontKind::Regular, t);
        assert!(split(&fonts, FontKind::Regular, &shaped("kommun"), 100.0).is_none(), "too short");
        assert!(split(&fonts, FontKind::Regular, &shaped("2019-10-14"), 100.0).is_none());
        assert!(split(&fonts, FontKind::Regular, &shaped("trygghetsvandringar"), 0.5).is_none(), "no room");
        // The letters before a digit or punctuation are hyphenated; the rest stays with the tail.
        let (head, tail) = split(&fonts, FontKind::Regular, &shaped("Trygghetsmätning2019."), 100.0).unwrap();
        assert!(tail.text.ends_with("2019."), "{:?} {:?}", head.text, tail.text);
    }
}
