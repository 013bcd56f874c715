//! The flow cut into pages: slices placed top to bottom in the content box, a new page when the next
//! slice (with what it must stay with) does not fit, a table's header repeated above its continued
//! rows; then every page's footer (`sida 3 av 12`), and the draft banner and watermark.
//!
//! Pure. Every slice is placed exactly once, so this ends for any flow; a slice taller than a page
//! (the flow avoids making one) is placed at the top of its own page.

use crate::messages;
use crate::report::doc::Document;

use super::fonts::{FontKind, Fonts, Shaped};
use super::layout::{Bookmark, Flow, Item, Kind, Page, Placed, Slice, Tagged};
use super::style;

/// Room for rounding when deciding whether a slice fits.
const EPSILON: f32 = 0.01;

/// Places the flow on pages; returns the pages (at least one) and the outline.
pub(crate) fn paginate(flow: &[Flow]) -> (Vec<Page>, Vec<Bookmark>) {
    let mut pager =
        Pager { pages: vec![Page::default()], bookmarks: Vec::new(), y: style::CONTENT_TOP, fresh: true };
    // The header of the table being placed: its rows follow it directly.
    let mut header: Option<&Slice> = None;
    for (i, entry) in flow.iter().enumerate() {
        match entry {
            Flow::PageBreak => {
                if !pager.fresh {
                    pager.new_page();
                }
            }
            Flow::NeedSpace(height) => {
                if !pager.fresh && style::CONTENT_BOTTOM - pager.y < *height {
                    pager.new_page();
                }
            }
            Flow::Slice(slice) => {
                match slice.kind {
                    Kind::TableHeader => header = Some(slice),
                    Kind::TableRow => {}
                    _ => header = None,
                }
                let chain = chain_height(&flow[i..]);
                let need = slice.space_before + if chain <= style::CONTENT_H { chain } else { slice.height };
                if !pager.fresh && pager.y + need > style::CONTENT_BOTTOM + EPSILON {
                    pager.new_page();
                    if let (Kind::TableRow, Some(header)) = (slice.kind, header) {
                        // The repeated header is decoration: its cells are read once, where it began.
                        pager.place(header, false);
                    }
                }
                pager.place(slice, true);
            }
        }
    }
    (pager.pages, pager.bookmarks)
}

/// The height of the slice at the start of `flow` and of those it must stay with.
fn chain_height(flow: &[Flow]) -> f32 {
    let mut height = 0.0;
    for (i, entry) in flow.iter().enumerate() {
        let Flow::Slice(slice) = entry else { break };
        height += slice.height + if i == 0 { 0.0 } else { slice.space_before };
        if !slice.keep_with_next || height > style::CONTENT_H {
            break;
        }
    }
    height
}

struct Pager {
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    /// The top of the free space on the last page.
    y: f32,
    /// Nothing is placed on the last page yet.
    fresh: bool,
}

impl Pager {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = style::CONTENT_TOP;
        self.fresh = true;
    }

    /// Places `slice` below what is on the page; its content stays tagged when `tagged`.
    fn place(&mut self, slice: &Slice, tagged: bool) {
        let top = if self.fresh { self.y } else { self.y + slice.space_before };
        let index = self.pages.len() - 1;
        let page = &mut self.pages[index];
        if tagged {
            let offset = page.body.len();
            page.tags.extend(slice.tags.iter().map(|tag| Tagged {
                items: tag.items.start + offset..tag.items.end + offset,
                node: tag.node,
            }));
        }
        page.body.extend(slice.items.iter().cloned().map(|item| item.shifted(top)));
        page.placed.push(Placed { kind: slice.kind, top, height: slice.height });
        if let Some(mark) = &slice.mark {
            self.bookmarks.push(Bookmark { level: mark.level, text: mark.text.clone(), page: index, y: top });
        }
        self.y = top + slice.height;
        self.fresh = false;
    }
}

/// Adds the footer to every page, and the draft banner and watermark when the document is a draft.
pub(crate) fn furnish(pages: &mut [Page], doc: &Document, fonts: &Fonts) {
    let total = pages.len();
    let right = style::CONTENT_LEFT + style::CONTENT_W;
    let size = style::SMALL_SIZE;
    let draft = doc.draft.as_ref().map(|draft| draft_marks(fonts, draft)).unwrap_or_default();
    for (i, page) in pages.iter_mut().enumerate() {
        let number = fonts.shape_clean(FontKind::Regular, &messages::report::page_number(i + 1, total));
        let number_width = number.width(size);
        let footer = fit(fonts, FontKind::Regular, &doc.footer, size, style::CONTENT_W - number_width - 16.0);
        let y = style::FOOTER_BASELINE;
        let text = |x: f32, shaped: Shaped| Item::Text {
            x,
            y,
            size,
            font: FontKind::Regular,
            color: style::MUTED,
            shaped,
        };
        page.furniture.push(Item::rule(style::CONTENT_LEFT, right, style::FOOTER_RULE_Y, style::RULE));
        page.furniture.push(text(style::CONTENT_LEFT, footer));
        page.furniture.push(text(right - number_width, number));
        page.furniture.extend(draft.iter().cloned());
    }
}

/// The watermark across the page and the banner above the content box.
fn draft_marks(fonts: &Fonts, draft: &crate::report::doc::Draft) -> Vec<Item> {
    let mut items = Vec::new();
    let watermark = fonts.shape_clean(FontKind::Bold, &draft.mark);
    let size = style::WATERMARK_SIZE.min(style::PAGE_H * 0.9 / watermark.advance().max(0.01));
    items.push(Item::Watermark {
        cx: style::PAGE_W / 2.0,
        cy: style::PAGE_H / 2.0,
        angle: -style::PAGE_H.atan2(style::PAGE_W),
        size,
        font: FontKind::Bold,
        color: style::WATERMARK,
        shaped: watermark,
    });
    items.push(Item::Rect {
        x: style::CONTENT_LEFT,
        y: style::BANNER_TOP,
        w: style::CONTENT_W,
        h: style::BANNER_H,
        fill: Some(style::DRAFT_BG),
        stroke: None,
    });
    let size = style::BANNER_SIZE;
    let banner = fit(fonts, FontKind::Bold, &draft.banner, size, style::CONTENT_W - 12.0);
    let x = style::CONTENT_LEFT + (style::CONTENT_W - banner.width(size)) / 2.0;
    let y = style::BANNER_TOP + style::BANNER_H / 2.0 + (style::ASCENT - style::DESCENT) / 2.0 * size;
    items.push(Item::Text { x, y, size, font: FontKind::Bold, color: style::DRAFT, shaped: banner });
    items
}

/// `text` on one line no wider than `max`, cut short with `…` when it is too long.
fn fit(fonts: &Fonts, font: FontKind, text: &str, size: f32, max: f32) -> Shaped {
    let mut shaped = fonts.shape_clean(font, text);
    if shaped.width(size) <= max {
        return shaped;
    }
    let ellipsis = fonts.shape_clean(font, "…");
    let room = (max / size - ellipsis.advance()).max(0.0);
    let mut advance = 0.0;
    let mut cut = shaped.glyphs.len();
    for (first, _, cluster_advance) in shaped.clusters() {
        if advance + cluster_advance > room {
            cut = first;
            break;
        }
        advance += cluster_advance;
    }
    shaped.split_off(cut);
    let trimmed = shaped.text.trim_end().len();
    if trimmed < shaped.text.len() {
        let keep = shaped
            .glyphs
            .iter()
            .position(|glyph| glyph.range.start >= trimmed)
            .unwrap_or(shaped.glyphs.len());
        shaped.split_off(keep);
    }
    shaped.append(&ellipsis);
    shaped
}
