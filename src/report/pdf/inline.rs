//! Lines of mixed-style text: spans → words → lines that fit a width. Breaks at spaces; a long word
//! that does not fit is hyphenated between syllables (Swedish, [`super::hyphen`]); a word wider than
//! the line that cannot be hyphenated further is broken between characters.
//!
//! Pure. A line is a list of runs (one face and colour each) with their x offsets, measured with the
//! same glyphs that are drawn.

use crate::report::chart::Rgb;
use crate::report::doc::{Span, Style};

use super::fonts::{FontKind, Fonts, Shaped};
use super::hyphen;
use super::style;

/// How a run of text is set: face and colour (the size is the block's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ink {
    /// The face.
    pub(crate) font: FontKind,
    /// The colour.
    pub(crate) color: Rgb,
}

impl Ink {
    /// A face in a colour.
    pub(crate) fn new(font: FontKind, color: Rgb) -> Ink {
        Ink { font, color }
    }

    /// The ink of a span's style, on top of a base colour for normal text.
    pub(crate) fn of(span: Style, base: Ink) -> Ink {
        match span {
            Style::Normal => base,
            Style::Strong => Ink { font: FontKind::Bold, ..base },
            Style::Emphasis => Ink { font: FontKind::Italic, ..base },
            Style::Badge(tone) => Ink::new(FontKind::Bold, tone.color()),
        }
    }
}

/// One run of a line: where it starts (relative to the line's start), how it is set, its glyphs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Offset from the line's left end, in points.
    pub(crate) x: f32,
    /// Face and colour.
    pub(crate) ink: Ink,
    /// The glyphs.
    pub(crate) shaped: Shaped,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    /// Its width in points.
    pub(crate) width: f32,
    /// Its runs, left to right.
    pub(crate) runs: Vec<Run>,
}

impl Line {
    /// The line's text, runs joined, without the space it may break at (for tests).
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.runs.iter().map(|run| run.shaped.text.as_str()).collect::<String>().trim_end().to_owned()
    }
}

/// A piece of a word (or a space) in one ink.
#[derive(Debug, Clone)]
struct Piece {
    ink: Ink,
    shaped: Shaped,
}

/// A word: pieces with no break opportunity between them, and the space before it (if any).
#[derive(Debug, Clone)]
struct Word {
    gap: Option<Piece>,
    pieces: Vec<Piece>,
}

impl Word {
    fn advance(&self) -> f32 {
        self.pieces.iter().map(|piece| piece.shaped.advance()).sum()
    }
}

/// Breaks styled text into lines no wider than `max_width` at `size`. Spans are `(ink, text)`; runs of
/// spaces collapse to one, spaces at the ends are dropped. Empty text gives no lines.
pub(crate) fn wrap(fonts: &Fonts, spans: &[(Ink, &str)], size: f32, max_width: f32) -> Vec<Line> {
    let size = if size.is_finite() && size > 0.0 { size } else { style::BODY_SIZE };
    // In ems, so the comparison does not depend on the size.
    let max = (max_width.max(1.0)) / size;
    let mut lines = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut current_advance = 0.0_f32;
    for mut word in words(fonts, spans) {
        let mut word_advance = word.advance();
        let gap_advance = word.gap.as_ref().map_or(0.0, |gap| gap.shaped.advance());
        if !current.is_empty() && current_advance + gap_advance + word_advance <= max {
            if let Some(gap) = word.gap {
                current.push(gap);
            }
            current.extend(word.pieces);
            current_advance += gap_advance + word_advance;
            continue;
        }
        if !current.is_empty() {
            let room = max - current_advance - gap_advance;
            if let Some((head, tail)) = hyphenated(fonts, &word, room) {
                // The word's first syllables end this line, with a hyphen.
                current.extend(word.gap.take());
                current.push(head);
                word = Word { gap: None, pieces: vec![tail] };
                word_advance = word.advance();
            } else if let Some(mut gap) = word.gap.take() {
                // The space the line breaks at stays in its text, without width: read aloud or copied,
                // the last word of a line is not glued to the first of the next.
                gap.shaped.glyphs.iter_mut().for_each(|glyph| glyph.advance = 0.0);
                current.push(gap);
            }
            lines.push(finish(std::mem::take(&mut current), size));
        }
        // A word wider than a line (a narrow column) is cut between syllables while it can be.
        while word_advance > max {
            let Some((head, tail)) = hyphenated(fonts, &word, max) else { break };
            lines.push(finish(vec![head], size));
            word = Word { gap: None, pieces: vec![tail] };
            word_advance = word.advance();
        }
        if word_advance <= max {
            current = word.pieces;
            current_advance = word_advance;
        } else {
            let mut parts = break_word(word.pieces, max);
            let last = parts.pop().unwrap_or_default();
            lines.extend(parts.into_iter().map(|part| finish(part, size)));
            current_advance = last.iter().map(|piece| piece.shaped.advance()).sum();
            current = last;
        }
    }
    if !current.is_empty() {
        lines.push(finish(current, size));
    }
    lines
}

/// A word of one piece cut between syllables so that its first part, with a hyphen, takes at most
/// `room` ems (see [`hyphen::split`]).
fn hyphenated(fonts: &Fonts, word: &Word, room: f32) -> Option<(Piece, Piece)> {
    let [piece] = word.pieces.as_slice() else { return None };
    let (head, tail) = hyphen::split(fonts, piece.ink.font, &piece.shaped, room)?;
    Some((Piece { ink: piece.ink, shaped: head }, Piece { ink: piece.ink, shaped: tail }))
}

/// The spans as words, each with the space before it.
fn words(fonts: &Fonts, spans: &[(Ink, &str)]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut gap: Option<Piece> = None;
    let mut pending_space: Option<Ink> = None;
    for &(ink, text) in spans {
        let text = fonts.clean(ink.font, text);
        for (i, part) in text.split(' ').enumerate() {
            if i > 0 {
                if !pieces.is_empty() {
                    words.push(Word { gap: gap.take(), pieces: std::mem::take(&mut pieces) });
                }
                pending_space = Some(ink);
            }
            if part.is_empty() {
                continue;
            }
            if pieces.is_empty() {
                gap = match pending_space.take() {
                    Some(space_ink) if !words.is_empty() => {
                        Some(Piece { ink: space_ink, shaped: fonts.shape(space_ink.font, " ") })
                    }
                    _ => None,
                };
            }
            pieces.push(Piece { ink, shaped: fonts.shape(ink.font, part) });
        }
    }
    if !pieces.is_empty() {
        words.push(Word { gap, pieces });
    }
    words
}

/// Breaks a word that is wider than `max` ems into parts that fit, between clusters; every part holds
/// at least one cluster, so this always ends. Linear in the word's length: each piece's clusters are
/// measured once, and it is cut where its parts end.
fn break_word(pieces: Vec<Piece>, max: f32) -> Vec<Vec<Piece>> {
    let mut parts = Vec::new();
    let mut part: Vec<Piece> = Vec::new();
    // The advance of `part` before the current piece.
    let mut advance = 0.0_f32;
    for piece in pieces {
        let (cuts, taken) = cuts(&piece.shaped.clusters(), &piece.shaped, advance, max);
        let mut segments = split_at_cuts(piece.shaped, &cuts).into_iter();
        let ink = piece.ink;
        if !cuts.is_empty() {
            // Before the first cut: the end of the current part; between two cuts: a part of its own.
            for (i, shaped) in segments.by_ref().take(cuts.len()).enumerate() {
                if !shaped.glyphs.is_empty() {
                    part.push(Piece { ink, shaped });
                }
                if i == 0 || !part.is_empty() {
                    parts.push(std::mem::take(&mut part));
                }
            }
            advance = 0.0;
        }
        if let Some(shaped) = segments.next() {
            part.push(Piece { ink, shaped });
        }
        advance += taken;
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

/// Where a piece must be cut (glyph indices, ascending) when the line holds `advance` ems before it,
/// and the advance of what is left after the last cut. A cut goes past the last `/` (a path breaks
/// between its folders), else past the last `-` or `_`, if the line is then at least a third full;
/// else where the line is full.
fn cuts(clusters: &[(usize, usize, f32)], shaped: &Shaped, mut advance: f32, max: f32) -> (Vec<usize>, f32) {
    let mut cuts = Vec::new();
    let mut part_start = 0usize;
    let mut taken = 0.0_f32;
    let (mut after_slash, mut after_dash) = (None, None);
    let mut i = 0;
    while let Some(&(first, count, cluster_advance)) = clusters.get(i) {
        let holds_something = advance + taken > 0.0 || first > part_start;
        if advance + taken + cluster_advance > max && holds_something {
            let full = |&(_, full): &(usize, f32)| full >= max / 3.0;
            let at = after_slash.filter(full).or(after_dash.filter(full)).map_or(first, |(at, _)| at);
            cuts.push(at);
            (part_start, advance, taken, after_slash, after_dash) = (at, 0.0, 0.0, None, None);
            // Measure again from the cut: the clusters after a `/` or `-` begin the next part.
            while i > 0 && clusters[i].0 > at {
                i -= 1;
            }
            continue;
        }
        taken += cluster_advance;
        let range = &shaped.glyphs[first].range;
        match shaped.text[range.clone()].chars().last() {
            Some('/') => after_slash = Some((first + count, advance + taken)),
            Some('-' | '_') => after_dash = Some((first + count, advance + taken)),
            _ => {}
        }
        i += 1;
    }
    (cuts, taken)
}

/// `shaped` cut before each glyph of `cuts` (ascending): `cuts.len() + 1` segments. Cut from the end,
/// so that each glyph and byte is moved once.
fn split_at_cuts(mut shaped: Shaped, cuts: &[usize]) -> Vec<Shaped> {
    let mut segments: Vec<Shaped> = cuts.iter().rev().map(|&at| shaped.split_off(at)).collect();
    segments.push(shaped);
    segments.reverse();
    segments
}

/// Joins pieces into runs: neighbours with the same ink share one run.
fn finish(pieces: Vec<Piece>, size: f32) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0_f32;
    for piece in pieces {
        let width = piece.shaped.width(size);
        match runs.last_mut() {
            Some(run) if run.ink == piece.ink => run.shaped.append(&piece.shaped),
            _ => runs.push(Run { x, ink: piece.ink, shaped: piece.shaped }),
        }
        x += width;
    }
    Line { width: x, runs }
}

/// Spans of the document model as `(ink, text)` pairs, normal text in `base`.
pub(crate) fn inks(spans: &[Span], base: Ink) -> Vec<(Ink, &str)> {
    spans.iter().map(|span| (Ink::of(span.style, base), span.text.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(fonts: &Fonts, text: &str, max: f32) -> Vec<Line> {
        wrap(fonts, &[(Ink::new(FontKind::Regular, style::TEXT), text)], 10.0, max)
    }

    #[test]
    fn wraps_at_spaces_and_never_overflows() {
        let fonts = Fonts::load().unwrap();
        let text = "Polisen och kommunen genomför trygghetsvandringar i Östra centrum under året";
        let lines = plain(&fonts, text, 120.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 120.0 + 1e-3, "{} is {}", line.text(), line.width);
            assert!(!line.text().starts_with(' ') && !line.text().ends_with(' '));
        }
        // Lines join with a space, or without where a word was hyphenated (a soft hyphen ends it).
        let joined: String = lines.iter().map(|l| l.text().replace('\u{ad}', "\u{ad}\n") + " ").collect();
        assert_eq!(joined.replace("\u{ad}\n ", "").trim_end(), text);
    }

    #[test]
    fn a_long_word_at_the_end_of_a_line_is_hyphenated_between_syllables() {
        let fonts = Fonts::load().unwrap();
        let lines = plain(&fonts, "Vi genomför trygghetsvandringar i kommunen", 130.0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert!(texts.iter().any(|t| t.ends_with('\u{ad}')), "{texts:?}");
        assert!(lines.iter().all(|line| line.width <= 130.0 + 1e-3));
        // Never a stub of two letters before the hyphen, nor a short word hyphenated.
        for t in &texts {
            if let Some(head) = t.strip_suffix('\u{ad}') {
                let last = head.rsplit(' ').next().unwrap();
                assert!(last.chars().count() >= 3, "{texts:?}");
            }
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_between_characters() {
        let fonts = Fonts::load().unwrap();
        let word = "Trygghetsvandringar".repeat(20);
        let lines = plain(&fonts, &format!("a {word} b"), 80.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|line| line.width <= 80.0 + 1e-3));
        let joined: String = lines.iter().map(Line::text).collect::<Vec<_>>().join("");
        assert_eq!(joined.replace([' ', '\u{ad}'], ""), format!("a{word}b"));
        // Cut between syllables, with hyphens, not between any two letters.
        assert!(lines.iter().filter(|l| l.text().ends_with('\u{ad}')).count() > 5);
    }

    #[test]
    fn a_path_too_long_for_the_line_breaks_after_a_slash() {
        let fonts = Fonts::load().unwrap();
        let path = "data/inbox/kommun/kommunen-aktivitetslogg-2019.ods";
        let width = plain(&fonts, path, 1000.0)[0].width;
        let lines: Vec<String> = plain(&fonts, path, width * 0.8).iter().map(Line::text).collect();
        assert_eq!(lines, ["data/inbox/kommun/", "kommunen-aktivitetslogg-2019.ods"]);
        let lines: Vec<String> = plain(&fonts, path, width * 0.4).iter().map(Line::text).collect();
        assert_eq!(lines.concat(), path);
        assert!(lines.iter().all(|l| l.ends_with(['/', '-']) || l.ends_with(".ods")), "{lines:?}");
        // Never a stub: a separator early in the line is no place to break.
        let lines: Vec<String> = plain(&fonts, "a-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 60.0)
            .iter()
            .map(Line::text)
            .collect();
        assert!(lines[0].len() > 2, "{lines:?}");
        let narrow: Vec<String> = plain(&fonts, path, width * 0.2).iter().map(Line::text).collect();
        assert!(narrow.iter().all(|l| l.chars().count() > 1), "{narrow:?}");
    }

    #[test]
    fn a_very_long_word_in_two_styles_breaks_into_lines_that_keep_every_character() {
        // 100,000 characters: 300,000 took 16.6 s when each line re-measured and copied the rest of the word.
        let fonts = Fonts::load().unwrap();
        let base = Ink::new(FontKind::Regular, style::TEXT);
        let (head, tail) = ("Kalix".repeat(10_000), "torget/".repeat(7_143));
        let spans = [(base, head.as_str()), (Ink::new(FontKind::Bold, style::TEXT), tail.as_str())];
        let lines = wrap(&fonts, &spans, 10.0, 300.0);
        assert!(lines.iter().all(|line| line.width <= 300.0 + 1e-3));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), format!("{head}{tail}"));
        // The bold part breaks after its slashes.
        let bold: Vec<String> = lines
            .iter()
            .skip_while(|l| l.runs.len() == 1 && l.text().starts_with('K'))
            .skip(1)
            .map(Line::text)
            .collect();
        assert!(
            bold.len() > 100 && bold[..bold.len() - 1].iter().all(|l| l.ends_with('/')),
            "{:?}",
            &bold[..3]
        );
    }

    #[test]
    fn a_line_narrower_than_a_character_still_ends() {
        let fonts = Fonts::load().unwrap();
        let lines = plain(&fonts, "Åäö", 0.0);
        assert_eq!(lines.iter().map(Line::text).collect::<Vec<_>>(), ["Å", "ä", "ö"]);
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        let fonts = Fonts::load().unwrap();
        assert!(plain(&fonts, "", 100.0).is_empty());
        assert!(plain(&fonts, "   ", 100.0).is_empty());
    }

    #[test]
    fn styles_meet_inside_a_word_without_a_break_and_spaces_collapse() {
        let fonts = Fonts::load().unwrap();
        let base = Ink::new(FontKind::Regular, style::TEXT);
        let spans = [
            Span::plain("Status:  "),
            Span::badge("Uppfyllt", crate::report::doc::Tone::Good),
            Span::plain("."),
        ];
        let lines = wrap(&fonts, &inks(&spans, base), 10.0, 400.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "Status: Uppfyllt.");
        assert_eq!(lines[0].runs.len(), 3);
        assert_eq!(lines[0].runs[1].ink.font, FontKind::Bold);
    }
}
