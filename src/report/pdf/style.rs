//! The look of the printed report in numbers: the A4 page and its margins, type sizes, spacing and
//! colours. One place for the numbers that set the look, so it can be tuned here.

use crate::report::chart::Rgb;
use crate::report::doc::Tone;

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// 2 cm, the left and right margins.
pub(crate) const MARGIN_X: f32 = 56.69;
/// The top of the content box (2 cm); the draft banner sits above it.
pub(crate) const CONTENT_TOP: f32 = 56.69;
/// The bottom of the content box; the footer sits below it.
pub(crate) const CONTENT_BOTTOM: f32 = PAGE_H - 62.0;
/// The left edge of the content box.
pub(crate) const CONTENT_LEFT: f32 = MARGIN_X;
/// The width of the content box.
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The height of the content box.
pub(crate) const CONTENT_H: f32 = CONTENT_BOTTOM - CONTENT_TOP;

/// The height of a glyph's top above its baseline, as a share of the font size (Carlito's typo ascender).
pub(crate) const ASCENT: f32 = 0.75;
/// The depth of a glyph below its baseline, as a share of the font size.
pub(crate) const DESCENT: f32 = 0.25;
/// Line height as a multiple of the font size.
pub(crate) const LEADING: f32 = 1.3;

/// Body text.
pub(crate) const BODY_SIZE: f32 = 10.5;
/// Table cells.
pub(crate) const TABLE_SIZE: f32 = 9.0;
/// The footer and the draft banner.
pub(crate) const SMALL_SIZE: f32 = 8.5;
/// The draft banner.
pub(crate) const BANNER_SIZE: f32 = 10.0;
/// The cover's title.
pub(crate) const TITLE_SIZE: f32 = 26.0;
/// The cover's subtitle.
pub(crate) const SUBTITLE_SIZE: f32 = 14.0;
/// The diagonal draft watermark.
pub(crate) const WATERMARK_SIZE: f32 = 110.0;

/// Headings by level (1, 2, 3; deeper levels look like 3).
pub(crate) fn heading_size(level: u8) -> f32 {
    match level {
        0 | 1 => 18.0,
        2 => 14.0,
        _ => 12.0,
    }
}

/// Space above a heading, by level.
pub(crate) fn heading_gap(level: u8) -> f32 {
    match level {
        0 | 1 => 20.0,
        2 => 16.0,
        _ => 12.0,
    }
}

/// Space between a heading and what follows it (part of the heading's height).
pub(crate) const HEADING_AFTER: f32 = 3.0;
/// Space above a paragraph, list, quote, facts or table.
pub(crate) const BLOCK_GAP: f32 = 7.0;
/// Space above a chart.
pub(crate) const CHART_GAP: f32 = 10.0;
/// Space between list items.
pub(crate) const ITEM_GAP: f32 = 2.0;
/// Space below the cover, before the first block.
pub(crate) const COVER_AFTER: f32 = 12.0;
/// A section starts on a new page when less than this much of the page is left.
pub(crate) const SECTION_MIN_SPACE: f32 = CONTENT_H / 3.0;

/// The share of the width given to a fact's label.
pub(crate) const FACT_LABEL_SHARE: f32 = 0.3;
/// Space between a fact's label (set flush right) and its value: narrower than 0.7 em, so that
/// text extraction by position reads the two as one line.
pub(crate) const FACT_GUTTER: f32 = 6.0;
/// Left indent of a quote's text.
pub(crate) const QUOTE_INDENT: f32 = 16.0;
/// Width of a quote's bar.
pub(crate) const QUOTE_BAR: f32 = 2.5;
/// Left indent of a list item's text (the bullet hangs in it).
pub(crate) const LIST_INDENT: f32 = 16.0;
/// Left indent of a bullet.
pub(crate) const BULLET_INDENT: f32 = 4.0;
/// Horizontal padding of a table cell.
pub(crate) const CELL_PAD_X: f32 = 5.0;
/// Vertical padding of a table cell.
pub(crate) const CELL_PAD_Y: f32 = 2.5;
/// At most this many lines of a table header cell are shown.
pub(crate) const HEADER_MAX_LINES: usize = 4;

/// Width of a thin rule.
pub(crate) const RULE_WIDTH: f32 = 0.6;
/// The footer's rule, measured from the top of the page.
pub(crate) const FOOTER_RULE_Y: f32 = PAGE_H - 48.0;
/// The footer's baseline.
pub(crate) const FOOTER_BASELINE: f32 = PAGE_H - 34.0;
/// The draft banner's box: top and height.
pub(crate) const BANNER_TOP: f32 = 20.0;
/// The draft banner's height.
pub(crate) const BANNER_H: f32 = 20.0;

/// Body text.
pub(crate) const TEXT: Rgb = Rgb(0x24, 0x29, 0x2f);
/// Headings and the cover's title.
pub(crate) const HEADING: Rgb = Rgb(0x1b, 0x3a, 0x66);
/// Secondary text: subtitle, footer, quotes.
pub(crate) const MUTED: Rgb = Rgb(0x57, 0x60, 0x6a);
/// Thin rules.
pub(crate) const RULE: Rgb = Rgb(0xc4, 0xc9, 0xcf);
/// A quote's bar.
pub(crate) const QUOTE_BAR_COLOR: Rgb = Rgb(0xa9, 0xb8, 0xcc);
/// A table's header row.
pub(crate) const HEADER_BG: Rgb = Rgb(0xe6, 0xea, 0xef);
/// Every other table row.
pub(crate) const ZEBRA_BG: Rgb = Rgb(0xf5, 0xf7, 0xf9);
/// The draft banner's text.
pub(crate) const DRAFT: Rgb = Tone::Bad.color();
/// The draft banner's background.
pub(crate) const DRAFT_BG: Rgb = Rgb(0xfd, 0xec, 0xea);
/// The draft watermark, drawn over the content at [`WATERMARK_OPACITY`].
pub(crate) const WATERMARK: Rgb = DRAFT;
/// The draft watermark's opacity: visible, and the text under it readable.
pub(crate) const WATERMARK_OPACITY: f32 = 0.08;
