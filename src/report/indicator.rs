//! A pledge measured by an outcome indicator in the follow-up: the table of its values (the
//! baseline, each value measured in the period, those that disagree), each with its source and the
//! file and row it was read from. Pure.

use super::doc::{Block, Column, Span, Table};
use crate::messages::indicator::{self as words, heading, label};
use crate::model::Reading;
use crate::rules::indicator::IndicatorStanding;

/// The heading and table of the indicator's values; a line saying there are none when there are none.
pub(super) fn values(s: &IndicatorStanding, keys: &super::sources::SourceKeys) -> Vec<Block> {
    let mut blocks = vec![Block::Heading { level: 3, text: heading::VALUES.into(), id: None }];
    let mut rows: Vec<Vec<String>> = Vec::new();
    if let Some(b) = &s.baseline {
        let when = b.year.map(|y| y.to_string()).unwrap_or_default();
        let (origin, from) = match &b.reading {
            Some(r) => (crate::text::quoted(&r.origin).into_owned(), keys.cite_reading(r)),
            None => (String::new(), words::FROM_CONFIG.to_owned()),
        };
        rows.push(vec![words::baseline_when(&when), words::value(b.value, &s.unit), origin, from]);
    }
    let line = |r: &Reading| {
        vec![
            words::when(r.measured),
            words::value(r.value, &s.unit),
            crate::text::quoted(&r.origin).into_owned(),
            keys.cite_reading(r),
        ]
    };
    rows.extend(s.history.iter().filter(|r| !s.conflict.contains(r)).map(line));
    if rows.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::emphasis(words::no_values())]));
        return blocks;
    }
    let table = Table {
        class: "indicator",
        columns: vec![
            Column::text(label::MEASURED, 22),
            Column::number(label::VALUE, 18),
            Column::text(label::ORIGIN, 40),
            Column::text(label::READ_FROM, 14),
        ],
        rows,
    }
    .without_empty_columns();
    blocks.push(Block::Table(table));
    if !s.conflict.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::plain(words::note(s))]));
    }
    blocks
}
