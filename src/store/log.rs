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

/// Every stored activity of a municipality (its scope; empty for a municipality alone), by date,
/// then file, sheet and row. Only counted file versions have activities in the store (a duplicate's
/// rows are removed; a refused or missing file keeps the rows of its last readable version).
pub(super) fn activities(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<Activity>> {
    activities_in(conn, municipality, &[(NaiveDate::MIN, NaiveDate::MAX)])
}

/// The stored row problems of a municipality, by file, sheet and row.
pub(super) fn row_errors(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<RowError>> {
    row_errors_in(conn, municipality, &[(NaiveDate::MIN, NaiveDate::MAX)])
}

/// The files with an activity or a row problem of the municipality.
pub(super) fn files_with_rows_of(conn: &Connection, municipality: &str) -> rusqlite::Result<HashSet<i64>> {
    let mut stmt = conn.prepare("SELECT file_id FROM file_municipalities WHERE municipality = ?1")?;
    stmt.query_map([municipality], |r| r.get(0))?.collect()
}

/// Of each file holding rows of the municipality: its activities and row problems of it.
pub(super) fn file_totals_of(
    conn: &Connection,
    municipality: &str,
) -> rusqlite::Result<std::collections::HashMap<i64, (usize, usize)>> {
    let mut stmt = conn.prepare(
        "SELECT file_id, activities, row_problems FROM file_municipalities WHERE municipality = ?1",
    )?;
    stmt.query_map([municipality], |r| {
        Ok((r.get::<_, i64>(0)?, (r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize)))
    })?
    .collect()
}

/// A day as the store keeps it, for a range's bound: the days before year 0 and after 9999 (which no
/// log holds) are its ends.
fn bound(d: NaiveDate) -> String {
    use chrono::Datelike;
    match d.year() {
        ..0 => "0000-01-01".into(),
        10_000.. => "9999-12-31".into(),
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

/// The columns of an activity, as [`activities_in`] reads them.
const COLUMNS: &str =
    "SELECT a.id, a.file_id, a.sheet, a.row, a.date, a.activity, a.count, a.place, a.partners, a.tags,
            a.hours
     FROM activities a";

/// A municipality's activities dated in `ranges` (sorted, apart), in the order of [`activities`]:
/// one range scan of the index (municipality, date) each, the files' paths looked up once and the
/// rows of a day put in order here (cheaper than SQLite's sort of the joined rows).
pub(super) fn activities_in(
    conn: &Connection,
    municipality: &str,
    ranges: &[(NaiveDate, NaiveDate)],
) -> rusqlite::Result<Vec<Activity>> {
    let mut paths: std::collections::HashMap<i64, Shared> = std::collections::HashMap::new();
    let mut stmt = conn.prepare("SELECT id, path FROM files")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, path) = row?;
        paths.insert(id, path.into());
    }
    // A municipality of an area: a scan of its index per range (the partial index needs its
    // condition said). A municipality alone: one scan of the table for all ranges.
    let (sql, scans): (String, Vec<Vec<String>>) = if municipality.is_empty() {
        let within: Vec<String> =
            (0..ranges.len()).map(|i| format!("a.date BETWEEN ?{} AND ?{}", 2 * i + 2, 2 * i + 3)).collect();
        let within = if within.is_empty() { "0".to_owned() } else { within.join(" OR ") };
        let days = ranges.iter().flat_map(|(a, b)| [bound(*a), bound(*b)]).collect();
        (format!("{COLUMNS} WHERE a.municipality = ?1 AND ({within})"), vec![days])
    } else {
        let sql = format!(
            "{COLUMNS} WHERE a.municipality = ?1 AND a.municipality != '' AND a.date BETWEEN ?2 AND ?3"
        );
        (sql, ranges.iter().map(|(a, b)| vec![bound(*a), bound(*b)]).collect())
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut text = Interner::default();
    let mut out = Vec::new();
    for days in &scans {
        let params: Vec<&dyn rusqlite::ToSql> = std::iter::once(&municipality as &dyn rusqlite::ToSql)
            .chain(days.iter().map(|d| d as &dyn rusqlite::ToSql))
            .collect();
        let rows = stmt.query_map(params.as_slice(), |r| {
            let file = paths.get(&r.get::<_, i64>(1)?).cloned().unwrap_or_else(|| "".into());
            Ok(Activity {
                id: r.get(0)?,
                source: Provenance { file, sheet: text.get(r, 2)?, row: Some(r.get(3)?) },
                date: date(r.get_ref(4)?.as_str()?, 4)?,
                kind: text.get(r, 5)?,
                count: r.get(6)?,
                place: text.get(r, 7)?,
                partners: text.get(r, 8)?,
                tags: text.get(r, 9)?,
                hours: r.get(10)?,
            })
        })?;
        for a in rows {
            out.push(a?);
        }
    }
    // By date (as read), then file, sheet, row and id, as `activities` orders them.
    out.sort_by(|a, b| {
        (a.date, &a.source.file, &a.source.sheet, a.source.row, a.id).cmp(&(
            b.date,
            &b.source.file,
            &b.source.sheet,
            b.source.row,
            b.id,
        ))
    });
    Ok(out)
}

/// A municipality's row problems dated in `ranges` or not dated, in the order of [`row_errors`].
pub(super) fn row_errors_in(
    conn: &Connection,
    municipality: &str,
    ranges: &[(NaiveDate, NaiveDate)],
) -> rusqlite::Result<Vec<RowError>> {
    let days: Vec<String> = ranges.iter().flat_map(|(a, b)| [bound(*a), bound(*b)]).collect();
    let within: String =
        (0..ranges.len()).map(|i| format!(" OR p.date BETWEEN ?{} AND ?{}", 2 * i + 2, 2 * i + 3)).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, f.path, p.sheet, p.row, p.date, p.activity, p.level, p.code, p.detail, p.legacy_message
         FROM problems p JOIN files f ON f.id = p.file_id
         WHERE p.level = 'row' AND p.municipality = ?1 AND (p.date IS NULL{within})
         ORDER BY f.path, p.sheet, p.row, p.id",
    ))?;
    let mut text = Interner::default();
    let params: Vec<&dyn rusqlite::ToSql> = std::iter::once(&municipality as &dyn rusqlite::ToSql)
        .chain(days.iter().map(|d| d as &dyn rusqlite::ToSql))
        .collect();
    stmt.query_map(params.as_slice(), |r| {
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

/// How many activities and row problems a municipality has in all.
pub(super) fn totals(conn: &Connection, municipality: &str) -> rusqlite::Result<(usize, usize)> {
    let (activities, errors): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(activities), 0), coalesce(sum(row_problems), 0) FROM file_municipalities
         WHERE municipality = ?1",
        [municipality],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((activities as usize, errors as usize))
}

/// The latest day of each file's activities of the municipality up to `as_of`, by the file's path.
pub(super) fn latest_by_file(
    conn: &Connection,
    municipality: &str,
    as_of: NaiveDate,
) -> rusqlite::Result<Vec<(String, NaiveDate)>> {
    // The partial index of (municipality, date) serves a municipality of an area.
    let of_area = if municipality.is_empty() { "" } else { " AND a.municipality != ''" };
    let mut stmt = conn.prepare(&format!(
        "SELECT f.path, MAX(a.date) FROM activities a JOIN files f ON f.id = a.file_id
         WHERE a.municipality = ?1{of_area} AND a.date <= ?2 GROUP BY a.file_id"
    ))?;
    stmt.query_map(rusqlite::params![municipality, bound(as_of)], |r| {
        Ok((r.get(0)?, date(r.get_ref(1)?.as_str()?, 1)?))
    })?
    .collect()
}
