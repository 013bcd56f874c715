//! Blocks → a flow of slices: each block's text broken into lines and rows, set in its fonts and
//! colours, with the spacing above it and which slices must stay together (headings with what follows,
//! a paragraph's first and last two lines, a table's header with its first two rows and its last two
//! rows together, a section's chart with what leads to it).
//!
//! Each block also becomes its elements of the logical structure (a paragraph, a list of facts, a
//! table with its rows and cells), and each slice says which of its items are whose content.
//!
//! Pure. Knows the content box's width, not where pages end: that is [`super::paginate`]'s.

use crate::report::doc::{Block, Fact, Span, Table};

use super::cells::{Cell, RowStyle, baseline, line_items, row_slices};
use super::figure;
use super::fonts::{FontKind, Fonts};
use super::inline::{self, Ink, Line};
use super::layout::{Flow, Item, Kind, Mark, Node, NodeId, Role, Slice};
use super::style;

/// The blocks as a flow over the content box's width, and their elements of the logical structure.
/// A `leaflet` is set compactly (see [`Document::leaflet`](crate::report::doc::Document::leaflet)).
pub(crate) fn flow(fonts: &Fonts, blocks: &[Block], leaflet: bool) -> (Vec<Flow>, Vec<Node>) {
    let mut flowing = Flowing { fonts, out: Vec::new(), structure: Vec::new(), parent: None, leaflet };
    for block in blocks {
        flowing.block(block);
    }
    (flowing.out, flowing.structure)
}

struct Flowing<'a> {
    fonts: &'a Fonts,
    out: Vec<Flow>,
    structure: Vec<Node>,
    /// The section being flowed, which new top-level elements belong to.
    parent: Option<NodeId>,
    /// Set compactly: smaller headings, no new page for a section.
    leaflet: bool,
}

impl Flowing<'_> {
    /// A new structure element in the current section.
    fn node(&mut self, role: Role) -> NodeId {
        self.child(self.parent, role)
    }

    /// A new structure element that is part of `parent`.
    fn child(&mut self, parent: Option<NodeId>, role: Role) -> NodeId {
        self.structure.push(Node { role, parent });
        self.structure.len() - 1
    }

    /// A new row of `parent` (a table's head or body) and its `columns` cells of `role`.
    fn row(&mut self, parent: NodeId, role: Role, columns: usize) -> Vec<NodeId> {
        let row = self.child(Some(parent), Role::Row);
        (0..columns).map(|_| self.child(Some(row), role.clone())).collect()
    }

    fn block(&mut self, block: &Block) {
        let (x, width) = (style::CONTENT_LEFT, style::CONTENT_W);
        match block {
            Block::Cover { title, subtitle, facts } => self.cover(title, subtitle, facts),
            Block::Heading { level, text, .. } => self.heading(*level, text),
            Block::Paragraph(spans) => {
                let base = Ink::new(FontKind::Regular, style::TEXT);
                let node = self.node(Role::Paragraph);
                self.text(&inline::inks(spans, base), x, width, style::BODY_SIZE, &[], node);
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
                let quote = self.node(Role::Quote);
                let node = self.child(Some(quote), Role::Paragraph);
                self.text(&[(ink, text)], x + indent, width - indent, style::BODY_SIZE, &[bar], node);
            }
            Block::Facts(facts) => self.facts(facts, style::BLOCK_GAP),
            Block::List(items) => self.list(items, x, width),
            Block::Table(table) => self.table(table, x, width),
            Block::Chart(chart) => {
                if let Some(mut slice) = figure::chart(self.fonts, chart, x, width) {
                    let description = match chart.description.trim() {
                        "" => crate::messages::report::chart_without_description(),
                        text => text.to_owned(),
                    };
                    let node = self.node(Role::Figure(description));
                    let items = std::mem::take(&mut slice.items);
                    slice.push_content(node, items);
                    self.push(slice);
                }
            }
            Block::Section { blocks, .. } => {
                if !self.leaflet {
                    self.out.push(Flow::NeedSpace(style::SECTION_MIN_SPACE));
                }
                let section = self.node(Role::Section);
                let outer = self.parent.replace(section);
                let start = self.out.len();
                for block in blocks {
                    if matches!(block, Block::Chart(_)) {
                        // A section's chart stays with what leads to it (a pledge's heading, promise
                        // and facts): the page never ends between the figures and their chart.
                        self.keep_together(start);
                    }
                    self.block(block);
                }
                self.parent = outer;
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
    /// `decoration` is drawn with every line (a quote's bar); the lines are the content of `node`.
    fn text(
        &mut self,
        spans: &[(Ink, &str)],
        x: f32,
        width: f32,
        size: f32,
        decoration: &[Item],
        node: NodeId,
    ) {
        let lines = inline::wrap(self.fonts, spans, size, width);
        let count = lines.len();
        let height = size * style::LEADING;
        for (i, line) in lines.into_iter().enumerate() {
            let mut slice = Slice::new(Kind::Text, height, decoration.to_vec());
            slice.push_content(node, line_items(&line, x, baseline(height, size), size));
            slice.space_before = if i == 0 { style::BLOCK_GAP } else { 0.0 };
            slice.keep_with_next = keeps(i, count);
            self.push(slice);
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        // A leaflet's headings look one level down; their structure keeps the level.
        let looks = if self.leaflet { level.max(1) + 1 } else { level };
        let size = style::heading_size(looks);
        let ink = Ink::new(FontKind::Bold, style::HEADING);
        let lines = inline::wrap(self.fonts, &[(ink, text)], size, style::CONTENT_W);
        let count = lines.len();
        let height = size * 1.2;
        // A heading needs its text as its title (PDF/UA); one without text is only space.
        let role = match text.trim() {
            "" => Role::Paragraph,
            title => Role::Heading(level.clamp(1, 3), title.to_owned()),
        };
        let node = self.node(role);
        for (i, line) in lines.into_iter().enumerate() {
            let mut slice = Slice::new(Kind::Heading, 0.0, Vec::new());
            slice.push_content(node, line_items(&line, style::CONTENT_LEFT, baseline(height, size), size));
            let mut slice_height = height;
            if i + 1 == count {
                slice_height += style::HEADING_AFTER;
                if looks <= 1 {
                    let y = height + 2.0;
                    slice.items.push(Item::rule(
                        style::CONTENT_LEFT,
                        style::CONTENT_LEFT + style::CONTENT_W,
                        y,
                        style::RULE,
                    ));
                    slice_height += 4.0;
                }
            }
            slice.height = slice_height;
            slice.keep_with_next = true;
            if i == 0 {
                slice.space_before = style::heading_gap(looks);
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
            (title, Role::Title, Ink::new(FontKind::Bold, style::HEADING), style::TITLE_SIZE, 1.15, 0.0),
            (
                subtitle,
                Role::Paragraph,
                Ink::new(FontKind::Regular, style::MUTED),
                style::SUBTITLE_SIZE,
                style::LEADING,
                8.0,
            ),
        ];
        for (text, role, ink, size, leading, gap) in parts {
            let lines = inline::wrap(self.fonts, &[(ink, text)], size, style::CONTENT_W);
            let height = size * leading;
            let node = self.node(role);
            for (i, line) in lines.into_iter().enumerate() {
                let mut slice = Slice::new(Kind::Cover, height, Vec::new());
                slice
                    .push_content(node, line_items(&line, style::CONTENT_LEFT, baseline(height, size), size));
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
        let list = self.node(Role::List(false));
        for (i, fact) in facts.iter().enumerate() {
            let item = self.child(Some(list), Role::ListItem);
            let cells = [
                Cell {
                    x,
                    width: label_width,
                    lines: inline::wrap(self.fonts, &[(label_ink, &fact.label)], size, label_width),
                    // Set against its value, a narrow gutter apart: a label is read with its value,
                    // also where text is extracted by position (pdftotext), not by the tags.
                    right: true,
                    node: self.child(Some(item), Role::Label),
                },
                Cell {
                    x: value_x,
                    width: value_width,
                    lines: inline::wrap(self.fonts, &inline::inks(&fact.value, base), size, value_width),
                    right: false,
                    node: self.child(Some(item), Role::ListBody),
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
        let list = self.node(Role::List(true));
        for (n, item) in items.iter().enumerate() {
            let list_item = self.child(Some(list), Role::ListItem);
            let (label, body) =
                (self.child(Some(list_item), Role::Label), self.child(Some(list_item), Role::ListBody));
            let mut lines =
                inline::wrap(self.fonts, &inline::inks(item, base), size, width - style::LIST_INDENT);
            if lines.is_empty() {
                lines.push(Line::default());
            }
            let count = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                let mut slice = Slice::new(Kind::Text, height, Vec::new());
                if i == 0 {
                    let bullet = Item::Text {
                        x: x + style::BULLET_INDENT,
                        y: baseline(height, size),
                        size,
                        font: FontKind::Regular,
                        color: style::MUTED,
                        shaped: bullet.clone(),
                    };
                    slice.push_content(label, [bullet]);
                }
                slice.push_content(body, line_items(&line, text_x, baseline(height, size), size));
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
        let fonts = self.fonts;
        let cells =
            |texts: &mut dyn Iterator<Item = &str>, font: FontKind, max_lines: usize, nodes: Vec<NodeId>| {
                let ink = Ink::new(font, style::TEXT);
                table
                    .columns
                    .iter()
                    .zip(&edges)
                    .zip(nodes)
                    .map(|((column, &(left, column_width)), node)| {
                        let text = texts.next().unwrap_or("");
                        let inner = column_width - 2.0 * style::CELL_PAD_X;
                        let mut lines = inline::wrap(fonts, &[(ink, text)], size, inner);
                        lines.truncate(max_lines);
                        Cell { x: left + style::CELL_PAD_X, width: inner, lines, right: column.numeric, node }
                    })
                    .collect::<Vec<Cell>>()
            };
        let node = self.node(Role::Table);
        let (head, body) = (self.child(Some(node), Role::TableHead), self.child(Some(node), Role::TableBody));

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
            self.row(head, Role::HeaderCell, table.columns.len()),
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
            let nodes = self.row(body, Role::Cell, table.columns.len());
            let row_cells = cells(&mut row.iter().map(String::as_str), FontKind::Regular, usize::MAX, nodes);
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
