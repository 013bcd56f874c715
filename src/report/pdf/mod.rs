//! The report as a PDF: an A4 document set in the embedded Carlito fonts, with a footer and page
//! number on every page, a draft banner while the period runs, and an outline of the headings.
//!
//! Two passes: [`layout`] (pure: shaping, line and page breaks, positions, the logical structure) and
//! [`draw`] with [`tags`] (krilla). Tagged (PDF/UA-1) and archival (PDF/A-2a), both checked by
//! krilla's validators when it is written.
//! Deterministic: no clock, no randomness; the same document gives the same bytes. No input text
//! makes it panic: characters the font lacks become `?`, words wider than a line are broken, rows
//! taller than a page are split.

mod cells;
mod draw;
mod figure;
mod flow;
mod fonts;
mod hyphen;
mod inline;
mod layout;
mod paginate;
mod style;
mod tags;
#[cfg(test)]
mod tests;

use crate::report::doc::Document;

use fonts::Fonts;
use layout::Layout;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font compiled into the program could not be read (a broken build).
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
    /// krilla refused the A4 page size (cannot happen with valid constants).
    #[error("the page size was refused")]
    PageSize,
    /// krilla could not serialize the document.
    #[error("writing the PDF failed: {0}")]
    Write(krilla::error::KrillaError),
    /// krilla refused the PDF/A configuration (cannot happen with valid constants).
    #[error("the PDF/A configuration was refused: {0:?}")]
    Configure(krilla::configure::ConfigurationError),
}

/// Renders a document as PDF bytes (A4). Deterministic: the same document gives the same bytes.
pub(crate) fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    draw::draw(doc, &lay_out(doc, &fonts))
}

/// The document laid out on pages, footer and draft marks included.
fn lay_out(doc: &Document, fonts: &Fonts) -> Layout {
    let (flow, structure) = flow::flow(fonts, &doc.blocks, doc.leaflet);
    let (mut pages, bookmarks) = paginate::paginate(&flow);
    paginate::furnish(&mut pages, doc, fonts);
    Layout { pages, bookmarks, structure }
}
