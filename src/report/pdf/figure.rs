//! A chart's shapes as page items: its box scaled to the content width (keeping its aspect, and no
//! taller than a page), lines, rectangles and texts moved and scaled into place, texts anchored by
//! their shaped width.
//!
//! Pure. Shapes with coordinates that are not finite numbers are left out rather than drawn wrong.

use crate::report::chart::{Anchor, Chart, Shape};

use super::fonts::{FontKind, Fonts};
use super::layout::{Item, Kind, Slice};
use super::style;

/// The chart as one slice, centred in `x`..`x + width`; `None` when its box has no size.
pub(crate) fn chart(fonts: &Fonts, chart: &Chart, x: f32, width: f32) -> Option<Slice> {
    let usable = |v: f32| v.is_finite() && v > 0.0;
    if !usable(chart.width) || !usable(chart.height) {
        return None;
    }
    let scale = (width / chart.width).min(style::CONTENT_H * 0.95 / chart.height);
    let left = x + (width - chart.width * scale) / 2.0;
    let at = |(px, py): (f32, f32)| (left + px * scale, py * scale);
    let mut items = Vec::new();
    for shape in &chart.shapes {
        match shape {
            Shape::Line { points, color, width: line_width, dashed } => {
                let points: Vec<(f32, f32)> =
                    points.iter().copied().filter(|(a, b)| a.is_finite() && b.is_finite()).map(at).collect();
                let line_width = if usable(*line_width) { line_width * scale } else { scale };
                if points.len() >= 2 {
                    let dash = dashed.then_some(3.0 * line_width.max(1.0));
                    items.push(Item::Line { points, color: *color, width: line_width, dash });
                }
            }
            Shape::Rect { x: rx, y: ry, w, h, fill, stroke } => {
                if [*rx, *ry, *w, *h].iter().all(|v| v.is_finite()) && (fill.is_some() || stroke.is_some()) {
                    let (rx, ry) = at((*rx, *ry));
                    let stroke = stroke.map(|color| (color, 0.75 * scale));
                    items.push(Item::Rect { x: rx, y: ry, w: w * scale, h: h * scale, fill: *fill, stroke });
                }
            }
            Shape::Text { x: tx, y: ty, text, size, anchor, color, bold } => {
                if !tx.is_finite() || !ty.is_finite() || !usable(*size) {
                    continue;
                }
                let font = if *bold { FontKind::Bold } else { FontKind::Regular };
                let size = size * scale;
                let shaped = fonts.shape_clean(font, text);
                let (tx, ty) = at((*tx, *ty));
                let x = match anchor {
                    Anchor::Start => tx,
                    Anchor::Middle => tx - shaped.width(size) / 2.0,
                    Anchor::End => tx - shaped.width(size),
                };
                items.push(Item::Text { x, y: ty, size, font, color: *color, shaped });
            }
        }
    }
    let mut slice = Slice::new(Kind::Chart, chart.height * scale, items);
    slice.space_before = style::CHART_GAP;
    Some(slice)
}
