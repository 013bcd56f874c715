//! Blocks → a flow of slices: each block's text broken into lines and rows, set in its fonts and
//! colours, with the spacing above it and which slices must stay together (headings with what follows,
//! a paragraph's first and last two lines, a table's header with its first two rows and its last two
//! rows together, a section's chart with what leads to it).
//!
//! Pure. Knows the content box's width, not where pages end: that is [`super::paginate`]'s.

use crate::report::chart::Rgb;
use crate::report::doc::{Block, Fact, Span, Table};

use super::figure;
use super::fonts::{FontKind, Fonts};
use super::inline::{self, Ink, Line};
use super::layout::{Flow, Item, Kind, Mark, Slice};
use super::style;

/// The blocks as a flow over the content box's width.
pub(crate) fn flow(fonts: &Fonts, blocks: &[Block]) -> Vec<Flow> {
    let mut flowing = Flowing { fonts, out: Vec::new() };
    for block in blocks {
        flowing.block(block);
    }
    flowing.out
}

/// A table cell or a fact's column: where it is and its lines.
struct Cell {
    x: f32,
    width: f32,
    lines: Vec<Line>,
    right: bool,
}

/// How a row of cells is set.
struct RowStyle {
    kind: Kind,
    size: f32,
    pad_y: f32,
    background: Option<Rgb>,
}

struct Flowing<'a> {
    fonts: &'a Fonts,
    out: Vec<Flow>,
}

impl Flowing<'_> {
    fn block(&mut self, block: &Block) {
        let (x, width) = (style::CONTENT_LEFT, style::CONTENT_W);
        match block {
            Block::Cover { title, subtitle, facts } => self.cover(title, subtitle, facts),
            Block::Heading { level, text, .. } => self.heading(*level, text),
            Block::Paragraph(spans) => {
                let base = Ink::new(FontKind::Regular, style::TEXT);
                self.text(&inline::inks(spans, base), x, width, style::BODY_SIZE, &[]);
            }
            Block::Quote(text) => {
                let ink = Ink::new(FontKind::Italic, style::MUTED);
                let bar = Item::Rect {
                    x: x + 1.0,
                    y: 0.0,
                    w: style::QUOTE_BAR,
                    h: style::BODY_SIZE * style::LEADING,
                    fill: Some(style::QUOTE_BAR_COLOR),
                    stroke: None,
                };
                let indent = style::QUOTE_INDENT;
                self.text(&[(ink, text)], x + indent, width - indent, style::BODY_SIZE, &[bar]);
            }
            Block::Facts(facts) => self.facts(facts, style::BLOCK_GAP),
            Block::List(items) => self.list(items, x, width),
            Block::Table(table) => self.table(table, x, width),
            Block::Chart(chart) => {
                if let Some(slice) = figure::chart(self.fonts, chart, x, width) {
                    self.push(slice);
                }
            }
            Block::Section { blocks, .. } => {
                self.out.push(Flow::NeedSpace(style::SECTION_MIN_SPACE));
                let start = self.out.len();
                for block in blocks {
                    if matches!(block, Block::Chart(_)) {
                        // A section's chart stays with what leads to it (a pledge's heading, promise
                        // and facts): the page never ends between the figures and their chart.
                        self.keep_together(start);
                    }
                    self.block(block);
                }
            }
            Block::PageBreak => self.out.push(Flow::PageBreak),
        }
    }

    fn push(&mut self, slice: Slice) {
        self.out.push(Flow::Slice(slice));
    }

    /// Every slice from `start` on stays with the next.
    fn keep_together(&mut self, start: usize) {
        for entry in &mut self.out[start..] {
            if let Flow::Slice(slice) = entry {
                slice.keep_with_next = true;
            }
        }
    }

    /// Lines of text at `x`, one slice each, the first with the block gap; widows and orphans kept.
    /// `decoration` is drawn with every line (a quote's bar).
    fn text(&mut self, spans: &[(Ink, &str)], x: f32, width: f32, size: f32, decoration: &[Item]) {
        let lines = inline::wrap(self.fonts, spans, size, width);
        let count = lines.len();
        let height = size * style::LEADING;
        for (i, line) in lines.into_iter().enumerate() {
            let mut items = decoration.to_vec();
            items.extend(line_items(&line, x, baseline(height, size), size));
            let mut slice = Slice::new(Kind::Text, height, items);
            slice.space_before = if i == 0 { style::BLOCK_GAP } else { 0.0 };
            slice.keep_with_next = keeps(i, count);
            self.push(slice);
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = style::heading_size(level);
        let ink = Ink::new(FontKind::Bold, style::HEADING);
        let lines = inline::wrap(self.fonts, &[(ink, text)], size, style::CONTENT_W);
        let count = lines.len();
        let height = size * 1.2;
        for (i, line) in lines.into_iter().enumerate() {
            let mut items = line_items(&line, style::CONTENT_LEFT, baseline(height, size), size);
            let mut slice_height = height;
            if i + 1 == count {
                slice_height += style::HEADING_AFTER;
                if level <= 1 {
                    let y = height + 2.0;
                    items.push(Item::rule(
                        style::CONTENT_LEFT,
                        style::CONTENT_LEFT + style::CONTENT_W,
                        y,
                        style::RULE,
                    ));
                    slice_height += 4.0;
                }
            }
            let mut slice = Slice::new(Kind::Heading, slice_height, items);
            slice.keep_with_next = true;
            if i == 0 {
                slice.space_before = style::heading_gap(level);
                if level <= 2 {
                    slice.mark = Some(Mark { level: level.max(1), text: text.trim().to_owned() });
                }
            }
            self.push(slice);
        }
    }

    fn cover(&mut self, title: &str, subtitle: &str, facts: &[Fact]) {
        let accent = Item::Rect {
            x: style::CONTENT_LEFT,
            y: 0.0,
            w: 64.0,
            h: 4.0,
            fill: Some(style::HEADING),
            stroke: None,
        };
        let mut top = Slice::new(Kind::Cover, 22.0, vec![accent]);
        top.keep_with_next = true;
        self.push(top);
        let parts = [
            (title, Ink::new(FontKind::Bold, style::HEADING), style::TITLE_SIZE, 1.15, 0.0),
            (subtitle, Ink::new(FontKind::Regular, style::MUTED), style::SUBTITLE_SIZE, style::LEADING, 8.0),
        ];
        for (text, ink, size, leading, gap) in parts {
            let lines = inline::wrap(self.fonts, &[(ink, text)], size, style::CONTENT_W);
            let height = size * leading;
            for (i, line) in lines.into_iter().enumerate() {
                let items = line_items(&line, style::CONTENT_LEFT, baseline(height, size), size);
                let mut slice = Slice::new(Kind::Cover, height, items);
                slice.space_before = if i == 0 { gap } else { 0.0 };
                slice.keep_with_next = true;
                self.push(slice);
            }
        }
        self.facts(facts, 18.0);
        let end = Item::rule(style::CONTENT_LEFT, style::CONTENT_LEFT + style::CONTENT_W, 0.0, style::RULE);
        let mut last = Slice::new(Kind::Cover, style::COVER_AFTER, vec![end]);
        last.space_before = 14.0;
        self.push(last);
    }

    fn facts(&mut self, facts: &[Fact], gap: f32) {
        let (x, width) = (style::CONTENT_LEFT, style::CONTENT_W);
        let label_width = width * style::FACT_LABEL_SHARE;
        let value_x = x + label_width + style::FACT_GUTTER;
        let value_width = width - label_width - style::FACT_GUTTER;
        let size = style::BODY_SIZE;
        let base = Ink::new(FontKind::Regular, style::TEXT);
        let label_ink = Ink::new(FontKind::Bold, style::TEXT);
        let row_style = RowStyle { kind: Kind::Text, size, pad_y: 1.0, background: None };
        for (i, fact) in facts.iter().enumerate() {
            let cells = [
                Cell {
                    x,
                    width: label_width,
                    lines: inline::wrap(self.fonts, &[(label_ink, &fact.label)], size, label_width),
                    right: false,
                },
                Cell {
                    x: value_x,
                    width: value_width,
                    lines: inline::wrap(self.fonts, &inline::inks(&fact.value, base), size, value_width),
                    right: false,
                },
            ];
            let mut slices = row_slices(&cells, x, width, &row_style, style::CONTENT_H);
            if let Some(first) = slices.first_mut() {
                first.space_before = if i == 0 { gap } else { 0.0 };
            }
            for slice in slices {
                self.push(slice);
            }
        }
    }

    fn list(&mut self, items: &[Vec<Span>], x: f32, width: f32) {
        let size = style::BODY_SIZE;
        let height = size * style::LEADING;
        let base = Ink::new(FontKind::Regular, style::TEXT);
        let bullet = self.fonts.shape(FontKind::Regular, "•");
        let text_x = x + style::LIST_INDENT;
        for (n, item) in items.iter().enumerate() {
            let mut lines =
                inline::wrap(self.fonts, &inline::inks(item, base), size, width - style::LIST_INDENT);
            if lines.is_empty() {
                lines.push(Line::default());
            }
            let count = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                let mut items = line_items(&line, text_x, baseline(height, size), size);
                if i == 0 {
                    items.push(Item::Text {
                        x: x + style::BULLET_INDENT,
                        y: baseline(height, size),
                        size,
                        font: FontKind::Regular,
                        color: style::MUTED,
                        shaped: bullet.clone(),
                    });
                }
                let mut slice = Slice::new(Kind::Text, height, items);
                slice.space_before = match (n, i) {
                    (0, 0) => style::BLOCK_GAP,
                    (_, 0) => style::ITEM_GAP,
                    _ => 0.0,
                };
                slice.keep_with_next = keeps(i, count);
                self.push(slice);
            }
        }
    }

    fn table(&mut self, table: &Table, x: f32, width: f32) {
        if table.columns.is_empty() {
            return;
        }
        let size = style::TABLE_SIZE;
        let total: f32 = table.columns.iter().map(|column| f32::from(column.weight.max(1))).sum();
        let mut edges = Vec::with_capacity(table.columns.len());
        let mut left = x;
        for column in &table.columns {
            let column_width = width * f32::from(column.weight.max(1)) / total;
            edges.push((left, column_width));
            left += column_width;
        }
        let cells = |texts: &mut dyn Iterator<Item = &str>, font: FontKind, max_lines: usize| -> Vec<Cell> {
            let ink = Ink::new(font, style::TEXT);
            table
                .columns
                .iter()
                .zip(&edges)
                .map(|(column, &(left, column_width))| {
                    let text = texts.next().unwrap_or("");
                    let inner = column_width - 2.0 * style::CELL_PAD_X;
                    let mut lines = inline::wrap(self.fonts, &[(ink, text)], size, inner);
                    lines.truncate(max_lines);
                    Cell { x: left + style::CELL_PAD_X, width: inner, lines, right: column.numeric }
                })
                .collect()
        };

        let header_style = RowStyle {
            kind: Kind::TableHeader,
            size,
            pad_y: style::CELL_PAD_Y,
            background: Some(style::HEADER_BG),
        };
        let titles = cells(
            &mut table.columns.iter().map(|column| column.title.as_str()),
            FontKind::Bold,
            style::HEADER_MAX_LINES,
        );
        let mut header = row_slices(&titles, x, width, &header_style, style::CONTENT_H / 2.0).swap_remove(0);
        let header_height = header.height;
        header.items.push(Item::rule(x, x + width, header_height, style::MUTED));
        header.space_before = style::BLOCK_GAP;
        header.keep_with_next = !table.rows.is_empty();
        self.push(header);

        let room = style::CONTENT_H - header_height;
        let count = table.rows.len();
        for (n, row) in table.rows.iter().enumerate() {
            let background = (n % 2 == 1).then_some(style::ZEBRA_BG);
            let row_style = RowStyle { kind: Kind::TableRow, size, pad_y: style::CELL_PAD_Y, background };
            let row_cells = cells(&mut row.iter().map(String::as_str), FontKind::Regular, usize::MAX);
            let mut slices = row_slices(&row_cells, x, width, &row_style, room);
            let parts = slices.len();
            if n + 1 == count
                && let Some(last) = slices.last_mut()
            {
                last.items.push(Item::rule(x, x + width, last.height, style::RULE));
            }
            for (i, mut slice) in slices.into_iter().enumerate() {
                // Never one row alone: the first two rows stay together, and so do the last two.
                slice.keep_with_next = i + 1 < parts || keeps(n, count);
                self.push(slice);
            }
        }
    }
}

/// Whether line `i` of `count` stays with the next: the first two lines stay together, and so do the
/// last two.
fn keeps(i: usize, count: usize) -> bool {
    (i == 0 && count >= 2) || (count >= 3 && i + 2 == count)
}

/// The baseline in a line box of `height` for text of `size`: the glyphs' box centred.
fn baseline(height: f32, size: f32) -> f32 {
    (height - size) / 2.0 + style::ASCENT * size
}

/// The items of a line starting at `x`, on baseline `y`.
fn line_items(line: &Line, x: f32, y: f32, size: f32) -> Vec<Item> {
    line.runs
        .iter()
        .map(|run| Item::Text {
            x: x + run.x,
            y,
            size,
            font: run.ink.font,
            color: run.ink.color,
            shaped: run.shaped.clone(),
        })
        .collect()
}

/// A row of cells spanning `x`..`x + width` as slices no taller than `max_height`: one slice, or for a
/// row taller than that, one per group of lines that fits.
fn row_slices(cells: &[Cell], x: f32, width: f32, row: &RowStyle, max_height: f32) -> Vec<Slice> {
    let line_height = row.size * style::LEADING;
    let rows = cells.iter().map(|cell| cell.lines.len()).max().unwrap_or(0).max(1);
    let per_slice = (((max_height - 2.0 * row.pad_y) / line_height).floor() as usize).max(1);
    let mut slices = Vec::new();
    let mut first = 0;
    while first < rows {
        let end = (first + per_slice).min(rows);
        let height = 2.0 * row.pad_y + line_height * (end - first) as f32;
        let mut items = Vec::new();
        if let Some(fill) = row.background {
            items.push(Item::Rect { x, y: 0.0, w: width, h: height, fill: Some(fill), stroke: None });
        }
        for cell in cells {
            for (k, line) in cell.lines.iter().enumerate().take(end).skip(first) {
                let left = if cell.right { cell.x + cell.width - line.width } else { cell.x };
                let top = row.pad_y + line_height * (k - first) as f32;
                items.extend(line_items(line, left, top + baseline(line_height, row.size), row.size));
            }
        }
        slices.push(Slice::new(row.kind, height, items));
        first = end;
    }
    slices
}
