//! The laid-out report: pages of positioned items (text runs, rectangles, lines) in page coordinates
//! (points, origin top left, y down), and the outline. What [`super::draw`] paints, nothing more.
//!
//! Pure: built by [`super::flow`] (blocks → slices) and [`super::paginate`] (slices → pages), so
//! positions, line and page breaks can be tested without writing a PDF.
//!
//! The logical structure (PDF/UA's tag tree) is laid out beside the pages: [`Layout::structure`]
//! holds the elements (a heading, a paragraph, a table's cell) in reading order, and each page says
//! which of its items are the content of which element ([`Tagged`]). Every other item (a zebra
//! stripe, a rule, a repeated table header, the footer, the watermark) is decoration, an artifact.

use std::ops::Range;

use crate::report::chart::Rgb;

use super::fonts::{FontKind, Shaped};

/// Something drawn at a position on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A run of glyphs; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, font: FontKind, color: Rgb, shaped: Shaped },
    /// A rectangle, filled and/or outlined (stroke colour and width).
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<(Rgb, f32)> },
    /// An open polyline; `dash` is the dash length (gaps as long) when dashed.
    Line { points: Vec<(f32, f32)>, color: Rgb, width: f32, dash: Option<f32> },
    /// Text drawn as outlines (not extractable), rotated by `angle` radians about its centre `(cx, cy)`.
    Watermark { cx: f32, cy: f32, angle: f32, size: f32, font: FontKind, color: Rgb, shaped: Shaped },
}

impl Item {
    /// A thin horizontal rule from `x0` to `x1` at `y`.
    pub(crate) fn rule(x0: f32, x1: f32, y: f32, color: Rgb) -> Item {
        Item::Line { points: vec![(x0, y), (x1, y)], color, width: super::style::RULE_WIDTH, dash: None }
    }

    /// Moves the item down by `dy`.
    pub(crate) fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text { y, .. } | Item::Rect { y, .. } => *y += dy,
            Item::Line { points, .. } => points.iter_mut().for_each(|point| point.1 += dy),
            Item::Watermark { cy, .. } => *cy += dy,
        }
        self
    }

    /// The box the item covers, `(left, top, right, bottom)`; text by its advance and the font's
    /// ascent and descent, lines without their stroke width. A watermark is reported by its centre.
    #[cfg(test)]
    pub(crate) fn bounds(&self) -> (f32, f32, f32, f32) {
        use super::style;
        match self {
            Item::Text { x, y, size, shaped, .. } => {
                (*x, y - style::ASCENT * size, x + shaped.width(*size), y + style::DESCENT * size)
            }
            Item::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Item::Line { points, .. } => points.iter().fold(
                (f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY),
                |(l, t, r, b), &(x, y)| (l.min(x), t.min(y), r.max(x), b.max(y)),
            ),
            Item::Watermark { cx, cy, .. } => (*cx, *cy, *cx, *cy),
        }
    }

    /// The item's text, if it is text (for tests).
    #[cfg(test)]
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Item::Text { shaped, .. } | Item::Watermark { shaped, .. } => Some(&shaped.text),
            _ => None,
        }
    }
}

/// An element of the logical structure, by its index in [`Layout::structure`].
pub(crate) type NodeId = usize;

/// What a structure element is (PDF's standard structure types).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    /// The document's title (the cover's).
    Title,
    /// A heading of level 1–3, with its text (PDF/UA wants it as the element's title too).
    Heading(u8, String),
    /// A paragraph (also a line of the cover, a quote's text).
    Paragraph,
    /// A quotation from the pledge document.
    Quote,
    /// A group about one thing (one pledge).
    Section,
    /// A list: bulleted (`true`) or label–value pairs (`false`).
    List(bool),
    /// An item of a list.
    ListItem,
    /// A list item's bullet or a fact's label.
    Label,
    /// A list item's text or a fact's value.
    ListBody,
    /// A table.
    Table,
    /// A table's header rows.
    TableHead,
    /// A table's body rows.
    TableBody,
    /// A table row.
    Row,
    /// A column's header cell.
    HeaderCell,
    /// A data cell.
    Cell,
    /// A chart, with its description as alternate text.
    Figure(String),
}

/// A structure element: what it is and the element it belongs to (none for the top level).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// What it is.
    pub(crate) role: Role,
    /// The element it is part of.
    pub(crate) parent: Option<NodeId>,
}

/// Items (by their index in a slice's or page's list) that are the content of a structure element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tagged {
    /// The items, consecutive.
    pub(crate) items: Range<usize>,
    /// The element they are the content of.
    pub(crate) node: NodeId,
}

/// What a slice of the flow is, for keeping and testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Part of the cover.
    Cover,
    /// A line of a heading.
    Heading,
    /// A line of a paragraph, quote or list, or a fact.
    Text,
    /// A table's header row (also when repeated on a following page).
    TableHeader,
    /// A table row (or a part of a row taller than a page).
    TableRow,
    /// A chart.
    Chart,
}

/// A heading that becomes an outline entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    /// 1 or 2.
    pub(crate) level: u8,
    /// The heading's text.
    pub(crate) text: String,
}

/// A strip of content that is never split across pages: a line, a table row, a chart. Items are placed
/// with y relative to the strip's top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slice {
    /// What it is.
    pub(crate) kind: Kind,
    /// Its height.
    pub(crate) height: f32,
    /// Space above it, dropped at the top of a page.
    pub(crate) space_before: f32,
    /// Move to the next page with the following slice rather than be left at the bottom of a page.
    pub(crate) keep_with_next: bool,
    /// An outline entry pointing at it.
    pub(crate) mark: Option<Mark>,
    /// What is drawn.
    pub(crate) items: Vec<Item>,
    /// Which items are the content of which structure element, in order; the others are decoration.
    pub(crate) tags: Vec<Tagged>,
}

impl Slice {
    /// A slice of `kind` with its height and items (all decoration); no space, keeping or mark.
    pub(crate) fn new(kind: Kind, height: f32, items: Vec<Item>) -> Slice {
        Slice { kind, height, space_before: 0.0, keep_with_next: false, mark: None, items, tags: Vec::new() }
    }

    /// Appends items that are the content of `node`.
    pub(crate) fn push_content(&mut self, node: NodeId, items: impl IntoIterator<Item = Item>) {
        let start = self.items.len();
        self.items.extend(items);
        if self.items.len() > start {
            self.tags.push(Tagged { items: start..self.items.len(), node });
        }
    }
}

/// The report as a stream, before it is cut into pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Flow {
    /// Content (a table's header slice is repeated where its rows continue on a new page).
    Slice(Slice),
    /// Continue on a new page (unless the page is still empty).
    PageBreak,
    /// Continue on a new page if less than this much height is left.
    NeedSpace(f32),
}

/// Where a slice ended up (for tests and the outline).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    /// What it is.
    pub(crate) kind: Kind,
    /// Its top on the page.
    pub(crate) top: f32,
    /// Its height.
    pub(crate) height: f32,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    /// The content, inside the content box.
    pub(crate) body: Vec<Item>,
    /// Which of the body's items are the content of which structure element, in order.
    pub(crate) tags: Vec<Tagged>,
    /// Footer, draft banner and watermark, in the margins (the watermark across the page, drawn last).
    pub(crate) furniture: Vec<Item>,
    /// The slices on the page, top to bottom.
    pub(crate) placed: Vec<Placed>,
}

/// An outline entry where its heading landed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    /// 1 or 2.
    pub(crate) level: u8,
    /// The heading's text.
    pub(crate) text: String,
    /// The page, from 0.
    pub(crate) page: usize,
    /// The heading's top on that page.
    pub(crate) y: f32,
}

/// The whole report, laid out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// At least one page.
    pub(crate) pages: Vec<Page>,
    /// The outline, in reading order.
    pub(crate) bookmarks: Vec<Bookmark>,
    /// The logical structure's elements, each after the element it belongs to, in reading order.
    pub(crate) structure: Vec<Node>,
}
