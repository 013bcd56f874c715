//! A report as a sequence of blocks: what it says, in Swedish, without how it looks. `html.rs` and
//! `pdf/` render the same document, so the two formats cannot say different things.
//!
//! Pure data. Every string is final text for people; renderers only choose fonts, sizes and colours.

use chrono::NaiveDate;

use super::chart::Chart;

/// A whole report: the full follow-up or the public summary.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    /// The title (HTML `<title>`, PDF metadata).
    pub(crate) title: String,
    /// The date the document is of (PDF metadata): a date from the data, never the clock, so the
    /// same store gives the same bytes.
    pub(crate) date: NaiveDate,
    /// The municipality and police area (PDF metadata: authors).
    pub(crate) authors: Vec<String>,
    /// Shown on every page when the period has not ended: a banner (`UTKAST – läget per 14 oktober
    /// 2019 …`) and the word across the page (`UTKAST`, or a Delrapport's `DELRAPPORT`).
    pub(crate) draft: Option<Draft>,
    /// The running footer of a printed page, e.g. `Uppföljning av medborgarlöften 2019 · Kalix kommun`;
    /// the renderer adds the page number (`sida 3 av 12`).
    pub(crate) footer: String,
    /// Printed as a leaflet (the public summary, meant for one page): smaller headings, and a section
    /// does not move to a new page for want of space. HTML ignores it.
    pub(crate) leaflet: bool,
    /// The content, in reading order.
    pub(crate) blocks: Vec<Block>,
}

/// The marks of a document whose period has not ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    /// Above the content on every page.
    pub(crate) banner: String,
    /// Across each printed page.
    pub(crate) mark: String,
}

/// One block of content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// The cover: the report's title, a subtitle and facts (period, date, recipients). Printed at the
    /// top of the first page; what follows continues on the same page.
    Cover { title: String, subtitle: String, facts: Vec<Fact> },
    /// A heading; level 1 (part), 2 (a pledge, a section) or 3 (renderers treat 0 as 1 and more than
    /// 3 as 3). `id` is an anchor for links.
    Heading { level: u8, text: String, id: Option<String> },
    /// A paragraph of text in one or more styles.
    Paragraph(Vec<Span>),
    /// A quotation from the pledge document (the promise as written).
    Quote(String),
    /// Label–value pairs, e.g. `Mål: minst 4 under året`.
    Facts(Vec<Fact>),
    /// A bulleted list; each item is a line of spans.
    List(Vec<Vec<Span>>),
    /// A table.
    Table(Table),
    /// A chart (drawn as inline SVG in HTML, as vector graphics in PDF).
    Chart(Chart),
    /// A group about one thing (one pledge): in HTML a `<section>` carrying `id`, `class` and
    /// `data-*` attributes (machine-readable facts: status, count); in print it starts on a new page
    /// when less than a third of the page is left.
    Section { id: String, class: &'static str, data: Vec<(&'static str, String)>, blocks: Vec<Block> },
    /// Continue on a new page in print (ignored in HTML).
    PageBreak,
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fact {
    /// The label, without colon: `Mål`.
    pub(crate) label: String,
    /// The value, possibly in several styles.
    pub(crate) value: Vec<Span>,
}

impl Fact {
    /// A fact whose value is plain text.
    pub(crate) fn plain(label: impl Into<String>, value: impl Into<String>) -> Fact {
        Fact { label: label.into(), value: vec![Span::plain(value)] }
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// The text (may contain spaces; never newlines).
    pub(crate) text: String,
    /// How it is set.
    pub(crate) style: Style,
}

impl Span {
    /// Normal text.
    pub(crate) fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), style: Style::Normal }
    }

    /// Bold text.
    pub(crate) fn strong(text: impl Into<String>) -> Span {
        Span { text: text.into(), style: Style::Strong }
    }

    /// Italic text.
    pub(crate) fn emphasis(text: impl Into<String>) -> Span {
        Span { text: text.into(), style: Style::Emphasis }
    }

    /// A verdict, set in its colour: `Uppfyllt`.
    pub(crate) fn badge(text: impl Into<String>, tone: Tone) -> Span {
        Span { text: text.into(), style: Style::Badge(tone) }
    }
}

/// The style of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Body text.
    Normal,
    /// Bold.
    Strong,
    /// Italic.
    Emphasis,
    /// A status word, bold in the colour of its tone.
    Badge(Tone),
}

/// The colour of a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Tone {
    /// Met, done.
    Good,
    /// Partly met, on the way.
    Partial,
    /// Not met.
    Bad,
    /// Neither (not yet decided, no target).
    #[default]
    Neutral,
}

impl Tone {
    /// The colour of the tone, the same in the HTML report, the PDF and the report mail (and in
    /// `templates/report/page.html.hbs`'s style).
    pub(crate) const fn color(self) -> super::chart::Rgb {
        use super::chart::Rgb;
        match self {
            Tone::Good => Rgb(0x1a, 0x7f, 0x37),
            Tone::Partial => Rgb(0xb3, 0x5c, 0x00),
            Tone::Bad => Rgb(0xc6, 0x28, 0x28),
            Tone::Neutral => Rgb(0x6a, 0x73, 0x7d),
        }
    }
}

/// A table of text cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// A class for HTML (`activities`, `sources`, …).
    pub(crate) class: &'static str,
    /// The columns.
    pub(crate) columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    /// The table without the text columns that are empty in every row (a log that never fills in
    /// Samverkan): an empty column tells the reader nothing. A table without rows keeps them all.
    pub(crate) fn without_empty_columns(mut self) -> Table {
        if self.rows.is_empty() {
            return self;
        }
        let keep: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.iter().any(|row| row.get(i).is_some_and(|c| !c.trim().is_empty())))
            .collect();
        fn kept<T>(items: Vec<T>, keep: &[bool]) -> Vec<T> {
            items.into_iter().zip(keep).filter(|(_, k)| **k).map(|(item, _)| item).collect()
        }
        self.columns = kept(std::mem::take(&mut self.columns), &keep);
        self.rows = std::mem::take(&mut self.rows).into_iter().map(|row| kept(row, &keep)).collect();
        self
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    /// The header.
    pub(crate) title: String,
    /// Its share of the width, relative to the other columns' weights (at least 1; 0 counts as 1).
    pub(crate) weight: u16,
    /// Numbers: right-aligned.
    pub(crate) numeric: bool,
}

impl Column {
    /// A text column.
    pub(crate) fn text(title: impl Into<String>, weight: u16) -> Column {
        Column { title: title.into(), weight, numeric: false }
    }

    /// A numeric column (right-aligned).
    pub(crate) fn number(title: impl Into<String>, weight: u16) -> Column {
        Column { title: title.into(), weight, numeric: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_columns_are_left_out() {
        let t = Table {
            class: "activities",
            columns: vec![Column::text("Datum", 1), Column::text("Samverkan", 1), Column::text("Källa", 1)],
            rows: vec![
                vec!["2019-01-02".into(), " ".into(), "A 2".into()],
                vec!["2019-01-03".into(), String::new(), "A 3".into()],
            ],
        }
        .without_empty_columns();
        assert_eq!(t.columns.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["Datum", "Källa"]);
        assert_eq!(t.rows[1], ["2019-01-03", "A 3"]);
        let empty = Table { class: "x", columns: vec![Column::text("Datum", 1)], rows: vec![] }
            .without_empty_columns();
        assert_eq!(empty.columns.len(), 1);
    }
}
