//! Charts as plain shapes in a fixed coordinate space: the HTML report draws them as inline SVG, the
//! PDF as vector graphics, from the same shapes.
//!
//! Coordinates are points in a `width` × `height` box, x to the right and y **down** (as in SVG and
//! krilla). A text's `y` is its baseline.

/// A chart: a box of shapes, with a description for screen readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Width of the box.
    pub width: f32,
    /// Height of the box.
    pub height: f32,
    /// What it shows, in words (SVG `<title>`, `aria-label`).
    pub description: String,
    /// Drawn in order: later shapes on top.
    pub shapes: Vec<Shape>,
}

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left end.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right end.
    End,
}

/// One shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line { points: Vec<(f32, f32)>, color: Rgb, width: f32, dashed: bool },
    /// A rectangle, filled and/or outlined.
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb> },
    /// One line of text.
    Text { x: f32, y: f32, text: String, size: f32, anchor: Anchor, color: Rgb, bold: bool },
}
