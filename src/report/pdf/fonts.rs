//! The three embedded Carlito faces and the shaper: text in, positioned glyphs out, with each glyph's
//! range in the text so the PDF can map glyphs back to characters (copying, search, `pdftotext`).
//!
//! Pure. Layout measures with exactly the glyphs that are later drawn, so a measured width is the drawn
//! width. Characters the font lacks become `?`; invisible format characters are dropped.

use std::ops::Range;

use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer, script};

use super::PdfError;

const REGULAR: &[u8] = include_bytes!("../../../templates/report/fonts/Carlito-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../templates/report/fonts/Carlito-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../templates/report/fonts/Carlito-Italic.ttf");

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FontKind {
    /// Carlito Regular.
    Regular,
    /// Carlito Bold.
    Bold,
    /// Carlito Italic.
    Italic,
}

impl FontKind {
    /// The font file.
    pub(crate) fn data(self) -> &'static [u8] {
        match self {
            FontKind::Regular => REGULAR,
            FontKind::Bold => BOLD,
            FontKind::Italic => ITALIC,
        }
    }

    /// The file's name, for error messages.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            FontKind::Regular => "Carlito-Regular.ttf",
            FontKind::Bold => "Carlito-Bold.ttf",
            FontKind::Italic => "Carlito-Italic.ttf",
        }
    }

    /// Its place in tables of the three faces.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// One glyph of shaped text; lengths in ems (multiply by the font size for points).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The glyph in the font.
    pub(crate) id: u16,
    /// How far the pen moves after it.
    pub(crate) advance: f32,
    /// Horizontal displacement from the pen position.
    pub(crate) x_offset: f32,
    /// Vertical displacement, up.
    pub(crate) y_offset: f32,
    /// The bytes of [`Shaped::text`] this glyph stands for (its cluster).
    pub(crate) range: Range<usize>,
}

/// A run of text in one face, shaped: the text and its glyphs, left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Shaped {
    /// The text the glyphs' ranges point into.
    pub(crate) text: String,
    /// The glyphs, in visual (= logical) order.
    pub(crate) glyphs: Vec<Glyph>,
}

impl Shaped {
    /// The advance of the whole run in ems.
    pub(crate) fn advance(&self) -> f32 {
        self.glyphs.iter().map(|glyph| glyph.advance).sum()
    }

    /// The width of the run in points at `size`.
    pub(crate) fn width(&self, size: f32) -> f32 {
        self.advance() * size
    }

    /// Appends another run of the same face: its glyphs follow, its text is appended.
    pub(crate) fn append(&mut self, other: &Shaped) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.glyphs.extend(
            other.glyphs.iter().map(|glyph| Glyph {
                range: glyph.range.start + base..glyph.range.end + base,
                ..glyph.clone()
            }),
        );
    }

    /// Splits before glyph `at`, which must start a cluster: `self` keeps the glyphs before it, the rest
    /// is returned with its ranges rebased on its own text.
    pub(crate) fn split_off(&mut self, at: usize) -> Shaped {
        let Some(first) = self.glyphs.get(at) else {
            return Shaped::default();
        };
        let cut = first.range.start;
        let tail_glyphs = self.glyphs.split_off(at);
        let tail_text = self.text.split_off(cut);
        Shaped {
            text: tail_text,
            glyphs: tail_glyphs
                .into_iter()
                .map(|glyph| Glyph {
                    range: glyph.range.start.saturating_sub(cut)..glyph.range.end.saturating_sub(cut),
                    ..glyph
                })
                .collect(),
        }
    }

    /// The clusters: `(first glyph, glyph count, advance in ems)` for each run of glyphs sharing a
    /// text range start.
    pub(crate) fn clusters(&self) -> Vec<(usize, usize, f32)> {
        let mut clusters: Vec<(usize, usize, f32)> = Vec::new();
        let mut last_start = None;
        for (i, glyph) in self.glyphs.iter().enumerate() {
            match clusters.last_mut() {
                Some(cluster) if last_start == Some(glyph.range.start) => {
                    cluster.1 += 1;
                    cluster.2 += glyph.advance;
                }
                _ => clusters.push((i, 1, glyph.advance)),
            }
            last_start = Some(glyph.range.start);
        }
        clusters
    }
}

/// The parsed faces, ready to shape with.
pub(crate) struct Fonts {
    faces: [Face<'static>; 3],
    /// One plan per face (left to right, Latin script): making a plan is slow, so it is made once.
    plans: [ShapePlan; 3],
}

impl Fonts {
    /// Parses the embedded fonts.
    pub(crate) fn load() -> Result<Fonts, PdfError> {
        let face = |kind: FontKind| Face::from_slice(kind.data(), 0).ok_or(PdfError::Font(kind.file_name()));
        let faces = [face(FontKind::Regular)?, face(FontKind::Bold)?, face(FontKind::Italic)?];
        let plans = faces
            .each_ref()
            .map(|face| ShapePlan::new(face, Direction::LeftToRight, Some(script::LATIN), None, &[]));
        Ok(Fonts { faces, plans })
    }

    fn face(&self, kind: FontKind) -> &Face<'static> {
        &self.faces[kind.index()]
    }

    /// `text` made safe to set in `kind`: composed (NFC: an `o` and a combining diaeresis, as macOS
    /// and some pasted text write `ö`, become `ö`), whitespace and control characters become spaces,
    /// invisible format characters are dropped, characters the face lacks become `?`.
    pub(crate) fn clean(&self, kind: FontKind, text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let face = self.face(kind);
        text.nfc()
            .filter(|&c| !is_invisible(c))
            .map(|c| {
                if c.is_whitespace() || c.is_control() {
                    ' '
                } else if face.glyph_index(c).is_some() {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }

    /// Shapes `text` (already [`clean`](Self::clean)ed) in one face, left to right, with kerning and
    /// ligatures.
    pub(crate) fn shape(&self, kind: FontKind, text: &str) -> Shaped {
        if text.is_empty() {
            return Shaped::default();
        }
        let face = self.face(kind);
        let units = face.units_per_em().max(1) as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        // The plan's properties; Swedish is Latin, and Carlito shapes other scripts the same way.
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(script::LATIN);
        let output = rustybuzz::shape_with_plan(face, &self.plans[kind.index()], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, position)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // The cluster ends where the next cluster begins (left to right, clusters never decrease).
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&next| next != start)
                .unwrap_or(text.len());
            let (start, end) = (start.min(text.len()), end.clamp(start.min(text.len()), text.len()));
            glyphs.push(Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: position.x_advance as f32 / units,
                x_offset: position.x_offset as f32 / units,
                y_offset: position.y_offset as f32 / units,
                range: start..end,
            });
        }
        Shaped { text: text.to_owned(), glyphs }
    }

    /// [`clean`](Self::clean)s and [`shape`](Self::shape)s.
    pub(crate) fn shape_clean(&self, kind: FontKind, text: &str) -> Shaped {
        self.shape(kind, &self.clean(kind, text))
    }
}

/// Characters that take no space and that a font need not have: soft hyphen, zero-width spaces and
/// joiners, direction marks, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_are_in_every_face() {
        let fonts = Fonts::load().unwrap();
        for kind in [FontKind::Regular, FontKind::Bold, FontKind::Italic] {
            assert_eq!(fonts.clean(kind, "Åsa ärver Östra “•” – … ·"), "Åsa ärver Östra “•” – … ·");
        }
    }

    #[test]
    fn missing_characters_become_question_marks_and_tabs_spaces() {
        let fonts = Fonts::load().unwrap();
        assert_eq!(fonts.clean(FontKind::Regular, "a\u{1F600}b\tc\u{ad}d"), "a?b cd");
    }

    #[test]
    fn ranges_cover_the_text_and_split_keeps_them_valid() {
        let fonts = Fonts::load().unwrap();
        let mut shaped = fonts.shape(FontKind::Regular, "Trygghetsvandringar i Östra");
        assert_eq!(shaped.glyphs.first().unwrap().range.start, 0);
        assert_eq!(shaped.glyphs.last().unwrap().range.end, shaped.text.len());
        let clusters = shaped.clusters();
        let at = clusters[clusters.len() - 3].0;
        let tail = shaped.split_off(at);
        assert_eq!(format!("{}{}", shaped.text, tail.text), "Trygghetsvandringar i Östra");
        for glyph in &tail.glyphs {
            assert!(tail.text.get(glyph.range.clone()).is_some());
        }
        assert!(shaped.width(10.0) > 0.0);
    }
}
