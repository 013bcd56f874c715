//! SQL that reads what the logs hold for the reconcile step: the activities of every counted file
//! version and the rows of those versions that could not be read. Called only by `store/mod.rs`.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::model::{Activity, Provenance, RowError, Shared};

/// Hands out one shared copy of each distinct text, so a million rows of one file hold its path once.
#[derive(Default)]
struct Interner(HashSet<Shared>);

impl Interner {
    fn get(&mut self, r: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Shared> {
        let text = r.get_ref(column)?.as_str()?;
        if let Some(s) = self.0.get(text) {
            return Ok(s.clone());
        }
        let s: Shared = text.into();
        self.0.insert(s.clone());
        Ok(s)
    }
}

/// A date as stored (`YYYY-MM-DD`); a value that is not one is an error of the store, not of a log.
fn date(text: &str, column: usize) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Every stored activity of a municipality (its scope; empty for a municipality alone), by date, then file, sheet and row. Only counted file versions have
/// activities in the store (a duplicate's rows are removed; a refused or missing file keeps the rows of
/// its last readable version).
pub(super) fn activities(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<Activity>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, f.path, a.sheet, a.row, a.date, a.activity, a.count, a.place, a.partners, a.tags
         FROM activities a JOIN files f ON f.id = a.file_id
         WHERE a.municipality = ?1
         ORDER BY a.date, f.path, a.sheet, a.row, a.id",
    )?;
    let mut text = Interner::default();
    stmt.query_map([municipality], |r| {
        Ok(Activity {
            id: r.get(0)?,
            source: Provenance { file: text.get(r, 1)?, sheet: text.get(r, 2)?, row: Some(r.get(3)?) },
            date: date(r.get_ref(4)?.as_str()?, 4)?,
            kind: text.get(r, 5)?,
            count: r.get(6)?,
            place: text.get(r, 7)?,
            partners: text.get(r, 8)?,
            tags: text.get(r, 9)?,
        })
    })?
    .collect()
}

/// The stored row problems of a municipality, by file, sheet and row.
pub(super) fn row_errors(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<RowError>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, f.path, p.sheet, p.row, p.date, p.activity, p.level, p.code, p.detail, p.legacy_message
         FROM problems p JOIN files f ON f.id = p.file_id
         WHERE p.level = 'row' AND p.municipality = ?1
         ORDER BY f.path, p.sheet, p.row, p.id",
    )?;
    let mut text = Interner::default();
    stmt.query_map([municipality], |r| {
        Ok(RowError {
            id: r.get(0)?,
            source: Provenance { file: text.get(r, 1)?, sheet: text.get(r, 2)?, row: r.get(3)? },
            date: r.get::<_, Option<String>>(4)?.map(|d| date(&d, 4)).transpose()?,
            kind: r.get(5)?,
            reason: super::files::reason(r, 6)?,
        })
    })?
    .collect()
}

/// The files with an activity or a row problem of the municipality.
pub(super) fn files_with_rows_of(conn: &Connection, municipality: &str) -> rusqlite::Result<HashSet<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT file_id FROM activities WHERE municipality = ?1
         UNION SELECT DISTINCT file_id FROM problems WHERE municipality = ?1 AND level = 'row'",
    )?;
    stmt.query_map([municipality], |r| r.get(0))?.collect()
}
