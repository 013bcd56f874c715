//! The laid-out pages painted with krilla: glyph runs with their text (so the PDF's text can be
//! extracted), rectangles, lines, the rotated watermark, the outline and the metadata.
//!
//! With [`super::tags`], the only module that calls krilla. It decides nothing about positions or
//! structure: everything comes from the [`Layout`]. Each run of items that is an element's content is
//! marked content, and the rest is marked as artifacts (decoration, and the footer, banner and
//! watermark as pagination).

use chrono::Datelike;
use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::report::chart::Rgb;
use crate::report::doc::Document;

use super::PdfError;
use super::fonts::{FontKind, Shaped};
use super::layout::{Bookmark, Item, Layout, Page, Role};
use super::style;

/// The embedded faces as krilla fonts.
struct Faces([Font; 3]);

impl Faces {
    fn load() -> Result<Faces, PdfError> {
        let font = |kind: FontKind| Font::new(kind.data().into(), 0).ok_or(PdfError::Font(kind.file_name()));
        Ok(Faces([font(FontKind::Regular)?, font(FontKind::Bold)?, font(FontKind::Italic)?]))
    }

    fn get(&self, kind: FontKind) -> Font {
        self.0[kind.index()].clone()
    }
}

/// Writes the layout as a PDF with the document's metadata.
pub(crate) fn draw(doc: &Document, layout: &Layout) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::load()?;
    let mut pdf = PdfDocument::new_with(settings()?);
    let mut leaves: Vec<Vec<Identifier>> = vec![Vec::new(); layout.structure.len()];
    for page in &layout.pages {
        let settings = PageSettings::from_wh(style::PAGE_W, style::PAGE_H).ok_or(PdfError::PageSize)?;
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        draw_page(&mut surface, &faces, layout, page, &mut leaves);
        surface.finish();
        pdf_page.finish();
    }
    pdf.set_tag_tree(super::tags::tree(&layout.structure, leaves));
    pdf.set_outline(outline(&layout.bookmarks));
    pdf.set_metadata(metadata(doc));
    pdf.finish().map_err(PdfError::Write)
}

/// The page's body, each element's content marked and added to `leaves`, the rest as artifacts; then
/// its furniture.
fn draw_page(
    surface: &mut Surface<'_>,
    faces: &Faces,
    layout: &Layout,
    page: &Page,
    leaves: &mut [Vec<Identifier>],
) {
    let mut next = 0;
    for tagged in &page.tags {
        artifact(surface, faces, &page.body[next..tagged.items.start], ArtifactType::Layout);
        let content = match layout.structure.get(tagged.node).map(|node| &node.role) {
            Some(Role::Figure(_)) => ContentTag::Other,
            _ => ContentTag::Span(SpanTag::empty()),
        };
        let id = surface.start_tagged(content);
        page.body[tagged.items.clone()].iter().for_each(|item| draw_item(surface, faces, item));
        surface.end_tagged();
        if let Some(node) = leaves.get_mut(tagged.node) {
            node.push(id);
        }
        next = tagged.items.end;
    }
    artifact(surface, faces, &page.body[next..], ArtifactType::Layout);
    artifact(surface, faces, &page.furniture, ArtifactType::PaginationOther);
}

/// Items drawn as one artifact of `kind`.
fn artifact(surface: &mut Surface<'_>, faces: &Faces, items: &[Item], kind: ArtifactType) {
    if items.is_empty() {
        return;
    }
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
    items.iter().for_each(|item| draw_item(surface, faces, item));
    surface.end_tagged();
}

fn draw_item(surface: &mut Surface<'_>, faces: &Faces, item: &Item) {
    match item {
        Item::Text { x, y, size, font, color, shaped } => {
            if shaped.glyphs.is_empty() {
                return;
            }
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            surface.draw_glyphs(
                Point::from_xy(*x, *y),
                &glyphs(shaped),
                faces.get(*font),
                &shaped.text,
                *size,
                false,
            );
        }
        Item::Rect { x, y, w, h, fill: fill_color, stroke } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { return };
            let mut builder = PathBuilder::new();
            builder.push_rect(rect);
            let Some(path) = builder.finish() else { return };
            surface.set_fill(fill_color.map(fill));
            surface.set_stroke(stroke.map(|(color, width)| line_stroke(color, width, None)));
            if fill_color.is_some() || stroke.is_some() {
                surface.draw_path(&path);
            }
        }
        Item::Line { points, color, width, dash } => {
            let mut builder = PathBuilder::new();
            for (i, &(px, py)) in points.iter().enumerate() {
                if i == 0 {
                    builder.move_to(px, py);
                } else {
                    builder.line_to(px, py);
                }
            }
            let Some(path) = builder.finish() else { return };
            surface.set_fill(None);
            surface.set_stroke(Some(line_stroke(*color, *width, *dash)));
            surface.draw_path(&path);
        }
        Item::Watermark { cx, cy, angle, size, font, color, shaped } => {
            let (sin, cos) = angle.sin_cos();
            surface.push_opacity(NormalizedF32::new(style::WATERMARK_OPACITY).unwrap_or(NormalizedF32::ONE));
            surface.push_transform(&Transform::from_row(cos, sin, -sin, cos, *cx, *cy));
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            let start =
                Point::from_xy(-shaped.width(*size) / 2.0, (style::ASCENT - style::DESCENT) / 2.0 * size);
            surface.draw_glyphs(start, &glyphs(shaped), faces.get(*font), &shaped.text, *size, true);
            surface.pop();
            surface.pop();
        }
    }
}

fn glyphs(shaped: &Shaped) -> Vec<KrillaGlyph> {
    shaped
        .glyphs
        .iter()
        .map(|glyph| {
            KrillaGlyph::new(
                GlyphId::new(u32::from(glyph.id)),
                glyph.advance,
                glyph.x_offset,
                glyph.y_offset,
                0.0,
                glyph.range.clone(),
                None,
            )
        })
        .collect()
}

fn color(Rgb(r, g, b): Rgb) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

fn fill(rgb: Rgb) -> Fill {
    Fill { paint: color(rgb).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn line_stroke(rgb: Rgb, width: f32, dash: Option<f32>) -> Stroke {
    Stroke {
        paint: color(rgb).into(),
        width,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Round,
        dash: dash.map(|length| StrokeDash { array: vec![length, length], offset: 0.0 }),
        ..Stroke::default()
    }
}

/// Level-1 headings at the top, level-2 headings under the level 1 before them.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let mut outline = Outline::new();
    let mut part: Option<OutlineNode> = None;
    for bookmark in bookmarks {
        let target = XyzDestination::new(bookmark.page, Point::from_xy(style::CONTENT_LEFT, bookmark.y));
        let node = OutlineNode::new(bookmark.text.clone(), target);
        if bookmark.level <= 1 {
            if let Some(done) = part.replace(node.with_open(true)) {
                outline.push_child(done);
            }
        } else if let Some(part) = part.as_mut() {
            part.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = part {
        outline.push_child(done);
    }
    outline
}

/// How the PDF is written: validated as PDF/UA-1 (municipalities publish accessibly, lag 2018:1937)
/// and PDF/A-2a (an allmän handling is archived), so that an export that is not (a font without its
/// glyphs' code points, a figure without alternate text, a colour without a profile) fails here.
fn settings() -> Result<krilla::SerializeSettings, PdfError> {
    use krilla::configure::ConfigurationBuilder;
    use krilla::configure::validate::{Accessibility, Archival};
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(PdfError::Configure)?;
    Ok(krilla::SerializeSettings { configuration, ..krilla::SerializeSettings::default() })
}

/// Title, authors, language and the document's date at midnight; no clock, no producer.
fn metadata(doc: &Document) -> Metadata {
    let year = u16::try_from(doc.date.year().clamp(0, 9999)).unwrap_or(0);
    let narrow = |n: u32| u8::try_from(n).unwrap_or(1);
    let created = DateTime::new(year)
        .month(narrow(doc.date.month()))
        .day(narrow(doc.date.day()))
        .hour(0)
        .minute(0)
        .second(0);
    Metadata::new()
        .title(doc.title.clone())
        .authors(doc.authors.clone())
        .language("sv".to_owned())
        .creation_date(created)
}
