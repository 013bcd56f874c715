//! Lines and rows set at a position: a line's glyph runs as items on a baseline, and a row of cells
//! (a table's, a fact's label and value) as slices, each cell's lines the content of its element.
//!
//! Pure; used by [`super::flow`].

use crate::report::chart::Rgb;

use super::inline::Line;
use super::layout::{Item, Kind, NodeId, Slice};
use super::style;

/// A table cell or a fact's column: where it is and its lines.
pub(super) struct Cell {
    pub(super) x: f32,
    pub(super) width: f32,
    pub(super) lines: Vec<Line>,
    pub(super) right: bool,
    /// The structure element its lines are the content of.
    pub(super) node: NodeId,
}

/// How a row of cells is set.
pub(super) struct RowStyle {
    pub(super) kind: Kind,
    pub(super) size: f32,
    pub(super) pad_y: f32,
    pub(super) background: Option<Rgb>,
}

/// The baseline in a line box of `height` for text of `size`: the glyphs' box centred.
pub(super) fn baseline(height: f32, size: f32) -> f32 {
    (height - size) / 2.0 + style::ASCENT * size
}

/// The items of a line starting at `x`, on baseline `y`.
pub(super) fn line_items(line: &Line, x: f32, y: f32, size: f32) -> Vec<Item> {
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
pub(super) fn row_slices(cells: &[Cell], x: f32, width: f32, row: &RowStyle, max_height: f32) -> Vec<Slice> {
    let line_height = row.size * style::LEADING;
    let rows = cells.iter().map(|cell| cell.lines.len()).max().unwrap_or(0).max(1);
    let per_slice = (((max_height - 2.0 * row.pad_y) / line_height).floor() as usize).max(1);
    let mut slices = Vec::new();
    let mut first = 0;
    while first < rows {
        let end = (first + per_slice).min(rows);
        let height = 2.0 * row.pad_y + line_height * (end - first) as f32;
        let mut slice = Slice::new(row.kind, height, Vec::new());
        if let Some(fill) = row.background {
            slice.items.push(Item::Rect { x, y: 0.0, w: width, h: height, fill: Some(fill), stroke: None });
        }
        for cell in cells {
            let lines = cell.lines.iter().enumerate().take(end).skip(first);
            slice.push_content(
                cell.node,
                lines.flat_map(|(k, line)| {
                    let left = if cell.right { cell.x + cell.width - line.width } else { cell.x };
                    let top = row.pad_y + line_height * (k - first) as f32;
                    line_items(line, left, top + baseline(line_height, row.size), row.size)
                }),
            );
        }
        slices.push(slice);
        first = end;
    }
    slices
}
