//! The follow-up's account of its sources: data quality (the files read, when each was saved and
//! read, refused files, row errors still open) and the appendix (a short key per file and sheet, the
//! checksum of the version counted, every figure as the sum of its rows). Pure, like
//! [`super::content`], which cites activities by these keys.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::content::{Entry, Input, row_error_table};
use super::doc::{Block, Column, Span, Table};
use crate::config::Config;
use crate::messages::report::{self as words, heading, label};
use crate::model::{Activity, Reading};
use crate::store::{FileState, ProblemDetail, parse_stamp};

/// Data quality: the files read, when each was last saved and read, refused files, open row errors.
pub(super) fn quality(input: &Input<'_>) -> Vec<Block> {
    let config = input.config;
    let files = input.files();
    let errors = input.row_errors();
    let shown: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut refusals: Vec<&ProblemDetail> =
        input.refusals.iter().filter(|r| shown.contains(r.file.as_str())).collect();
    refusals.sort_by(|a, b| a.file.cmp(&b.file));
    let read = files.iter().filter(|f| matches!(f.state, FileState::Read | FileState::Missing)).count();
    let mut blocks = vec![
        Block::Heading { level: 1, text: heading::QUALITY.into(), id: Some("datakvalitet".into()) },
        Block::Paragraph(vec![Span::plain(words::quality_summary(read, refusals.len(), errors.len()))]),
        Block::Heading { level: 2, text: heading::FILES.into(), id: None },
    ];
    if files.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::emphasis(words::no_files())]));
    } else {
        blocks.push(Block::Paragraph(vec![Span::plain(words::files_note())]));
        blocks.push(Block::Table(Table {
            class: "files",
            columns: vec![
                Column::text(label::FILE, 46),
                Column::text(label::LOG, 11),
                Column::text(label::UPDATED, 17),
                Column::number(label::ROWS, 8),
                Column::text(label::STATE, 18),
            ],
            rows: files
                .iter()
                .map(|f| {
                    vec![
                        crate::text::printable(&f.path).into_owned(),
                        f.source.clone(),
                        f.changed_at().map_or_else(String::new, |t| local_time(config, t)),
                        f.rows_read.to_string(),
                        words::file_state(f.state).to_owned(),
                    ]
                })
                .collect(),
        }));
    }
    if !refusals.is_empty() {
        blocks.push(Block::Heading { level: 2, text: heading::REFUSED.into(), id: None });
        blocks.extend(super::pledge::listed(Table {
            class: "refused",
            columns: vec![Column::text(label::FILE, 40), Column::text(label::REASON, 60)],
            rows: refusals
                .iter()
                .map(|r| {
                    vec![crate::text::printable(&r.file).into_owned(), crate::messages::problem(&r.reason)]
                })
                .collect(),
        }));
    }
    if !errors.is_empty() {
        blocks.push(Block::Heading { level: 2, text: heading::OPEN_ERRORS.into(), id: None });
        blocks.extend(row_error_table(&errors));
    }
    blocks
}

/// The appendix: each source key with its file, sheet and checksum; each figure with its rows.
pub(super) fn appendix(
    input: &Input<'_>,
    entries: &[Entry<'_>],
    by_id: &HashMap<i64, &Activity>,
    keys: &SourceKeys,
) -> Vec<Block> {
    let hashes: HashMap<&str, &str> =
        input.files.iter().map(|f| (f.path.as_str(), f.counted_hash.as_deref().unwrap_or(&f.hash))).collect();
    let mut blocks =
        vec![Block::Heading { level: 1, text: heading::APPENDIX.into(), id: Some("kallor".into()) }];
    if keys.keys.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::emphasis(words::no_sources())]));
        return blocks;
    }
    blocks.extend([
        Block::Paragraph(vec![Span::plain(words::appendix_intro())]),
        Block::Table(Table {
            class: "sources",
            columns: vec![
                Column::text(label::KEY, 9),
                Column::text(label::FILE, 51),
                Column::text(label::SHEET, 18),
                Column::text(label::CHECKSUM, 22),
            ],
            rows: keys
                .keys
                .iter()
                .map(|((file, sheet), key)| {
                    let hash =
                        hashes.get(file.as_str()).map_or(String::new(), |h| h.chars().take(16).collect());
                    let (file, sheet) = (crate::text::printable(file), crate::text::printable(sheet));
                    vec![key.clone(), file.into_owned(), sheet.into_owned(), hash]
                })
                .collect(),
        }),
        Block::Heading { level: 2, text: heading::TRACE.into(), id: None },
    ]);
    let items = entries
        .iter()
        .map(|e| {
            if let Some(i) = &e.standing.indicator {
                let cite = |r: &Reading| keys.cite_reading(r);
                let text = crate::messages::indicator::trace(i, &cite);
                return vec![Span::strong(format!("{}: ", e.pledge.title)), Span::plain(text)];
            }
            let activities: Vec<&Activity> =
                e.standing.counted.iter().filter_map(|id| by_id.get(id).copied()).collect();
            vec![
                Span::strong(format!("{}: ", e.pledge.title)),
                Span::plain(words::trace(
                    e.standing.activities,
                    &keys.ranges(&activities),
                    e.standing.measure,
                )),
            ]
        })
        .collect();
    blocks.push(Block::List(items));
    blocks
}

/// The indicator values a pledge's section shows: its history, those that disagree, its baseline's.
fn readings<'e>(e: &'e Entry<'_>) -> Vec<&'e Reading> {
    let Some(i) = &e.standing.indicator else { return Vec::new() };
    i.history.iter().chain(&i.conflict).chain(i.baseline.as_ref().and_then(|b| b.reading.as_ref())).collect()
}

/// A short key per (file, sheet) that holds activities of the report: `A`, `B`, … `Z`, `AA`, …
pub(super) struct SourceKeys {
    keys: BTreeMap<(String, String), String>,
}

impl SourceKeys {
    pub(super) fn new(entries: &[Entry<'_>], by_id: &HashMap<i64, &Activity>) -> SourceKeys {
        let sources: BTreeSet<(String, String)> = entries
            .iter()
            .flat_map(|e| {
                e.standing.counted.iter().copied().chain(e.standing.not_counted.iter().map(|n| n.activity))
            })
            .filter_map(|id| by_id.get(&id))
            .map(|a| (a.source.file.to_string(), a.source.sheet.to_string()))
            .chain(
                entries
                    .iter()
                    .flat_map(|e| readings(e))
                    .map(|r| (r.source.file.to_string(), r.source.sheet.to_string())),
            )
            .collect();
        let keys = sources.into_iter().enumerate().map(|(i, s)| (s, letters(i))).collect();
        SourceKeys { keys }
    }

    fn key(&self, a: &Activity) -> &str {
        self.keys.get(&(a.source.file.to_string(), a.source.sheet.to_string())).map_or("?", String::as_str)
    }

    /// `A 17`.
    pub(super) fn cite(&self, a: &Activity) -> String {
        words::row_ref(self.key(a), a.source.row)
    }

    /// `A 5`: the row an indicator's value was read from.
    pub(super) fn cite_reading(&self, r: &Reading) -> String {
        let key = self
            .keys
            .get(&(r.source.file.to_string(), r.source.sheet.to_string()))
            .map_or("?", String::as_str);
        words::row_ref(key, r.source.row)
    }

    /// `A 2–14, 16; B 3–9`: the rows of `activities`, by key, in ranges.
    fn ranges(&self, activities: &[&Activity]) -> String {
        let mut rows: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        for a in activities {
            rows.entry(self.key(a)).or_default().extend(a.source.row);
        }
        rows.iter()
            .map(|(key, rows)| {
                let mut parts: Vec<String> = Vec::new();
                let mut run: Option<(u32, u32)> = None;
                for &r in rows {
                    run = match run {
                        Some((a, b)) if r == b + 1 => Some((a, r)),
                        Some((a, b)) => {
                            parts.push(if a == b { a.to_string() } else { format!("{a}–{b}") });
                            Some((r, r))
                        }
                        None => Some((r, r)),
                    };
                }
                if let Some((a, b)) = run {
                    parts.push(if a == b { a.to_string() } else { format!("{a}–{b}") });
                }
                format!("{key} {}", parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `A` … `Z`, `AA`, `AB`, …
fn letters(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A store timestamp (UTC, RFC 3339) as a local date.
pub(super) fn local_date(config: &Config, stamp: &str) -> Option<NaiveDate> {
    parse_stamp(stamp).map(|t| config.today(t))
}

/// A time as `2020-01-14 09:12` local time.
fn local_time(config: &Config, t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&config.timezone).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_keys_run_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
