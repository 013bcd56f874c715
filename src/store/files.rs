//! SQL for the `files`, `activities` and `problems` tables. Called only by `store/mod.rs`, which
//! owns the transactions.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use super::stamp;
use crate::model::stored::Level;
use crate::model::{ActivityRow, FileRefusal, Reason};

/// A version of a file as found on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileVersion {
    /// The source (folder) it was found in.
    pub source: String,
    /// Path relative to the config file's directory, `/` separators.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// blake3 of the content, hex.
    pub hash: String,
    /// The format read (`xlsx`, `xls`, …), when known.
    pub format: Option<String>,
    /// The config's reading fingerprint.
    pub fingerprint: String,
}

/// What the store knows of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRecord {
    /// Row id.
    pub id: i64,
    /// Source name.
    pub(crate) source: String,
    /// Path relative to the config file's directory.
    pub(crate) path: String,
    /// Size of the version on disk when last seen.
    pub(crate) size: u64,
    /// Its mtime in nanoseconds.
    pub(crate) mtime_ns: i64,
    /// Its hash.
    pub(crate) hash: String,
    /// What became of it.
    pub(crate) state: FileState,
    /// The format it was last read as (`xlsx`, `ods`, …), when known.
    pub(crate) format: Option<String>,
    /// The file it is a copy of, when `state` is `Duplicate`; the log it is named a copy of, when it
    /// is `Refused` as such (`FileRefusal::CopyOf`).
    pub(crate) duplicate_of: Option<i64>,
    /// The config's reading fingerprint when it was last read.
    pub(crate) fingerprint: String,
    /// Hash of the version whose rows are stored, if any.
    pub(crate) counted_hash: Option<String>,
    /// Activities read from the counted version.
    pub(crate) rows_read: u64,
    /// Blank and totals rows skipped.
    pub(crate) rows_skipped: u64,
    /// Row problems in the counted version.
    pub(crate) row_problems: u64,
    /// Indicator values read from the counted version.
    pub(crate) values_read: u64,
    /// Planned activities read from the counted version (a plan sheet's).
    pub(crate) plans_read: u64,
    /// When the path was first seen.
    pub(crate) first_seen: String,
    /// When the path was last seen in its folder.
    pub(crate) last_seen: String,
    /// When the version on disk was first read.
    pub(crate) last_changed: String,
    /// Since when it has been missing from its folder.
    pub(crate) missing_since: Option<String>,
}

impl FileRecord {
    /// When its content last changed: when the file was saved (its mtime), never later than the
    /// version was first read (a touch after that, or a clock that is off, does not move it). Every
    /// mail and report that says when a log changed says this.
    pub(crate) fn changed_at(&self) -> Option<DateTime<Utc>> {
        let read = super::parse_stamp(&self.last_changed)?;
        let saved = (self.mtime_ns > 0).then(|| DateTime::from_timestamp_nanos(self.mtime_ns));
        Some(saved.map_or(read, |saved| saved.min(read)))
    }

    /// The local day of [`FileRecord::changed_at`].
    pub(crate) fn changed_on(&self, config: &crate::config::Config) -> Option<chrono::NaiveDate> {
        self.changed_at().map(|t| config.today(t))
    }
}

/// The state of a file record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FileState {
    /// Its rows count.
    Read,
    /// A byte-identical copy of another file; it counts once, there.
    Duplicate,
    /// The version on disk could not be read; an earlier version's rows, if any, still count.
    Refused,
    /// Gone from its folder; its rows still count.
    Missing,
}

impl FileState {
    fn parse(s: &str) -> FileState {
        match s {
            "duplicate" => FileState::Duplicate,
            "refused" => FileState::Refused,
            "missing" => FileState::Missing,
            _ => FileState::Read,
        }
    }
}

/// A stored problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemRecord {
    /// What it is about.
    pub(crate) level: Level,
    /// Sheet name, empty for a file-level problem.
    pub(crate) sheet: String,
    /// 1-based row, for row problems.
    pub(crate) row: Option<u32>,
    /// Machine-readable reason code.
    pub(crate) code: String,
    /// Why, as data (its Swedish words come from `messages`).
    pub(crate) reason: Reason,
    /// When first seen.
    pub(crate) first_seen: String,
}

/// A problem to store while reading a file: a row problem or a sheet's note, encoded.
#[derive(Debug, Clone)]
pub(super) struct NewProblem<'a> {
    /// A row or a sheet.
    pub(crate) level: Level,
    /// Sheet name.
    pub(crate) sheet: &'a str,
    /// 1-based row.
    pub(crate) row: Option<u32>,
    /// Reason code (`as_str` of the reason).
    pub(crate) code: &'static str,
    /// The reason's fields (`detail` of the reason).
    pub(crate) detail: String,
    /// For a row problem: the row's date, when readable.
    pub(crate) date: Option<chrono::NaiveDate>,
    /// For a row problem: the activity kind the row names or most resembles.
    pub(crate) kind: Option<&'a str>,
    /// For a row problem in a police area: the municipality it names or most resembles.
    pub(crate) municipality: &'a str,
}

/// The reason of a stored problem, decoded from its level, code and detail; else the text an older
/// pledgewatch stored with it (`legacy_message`, see migration 0007). `first` is the column of the
/// level, followed by code, detail and legacy_message.
pub(super) fn reason(r: &Row<'_>, first: usize) -> rusqlite::Result<Reason> {
    let (level, code, detail) =
        (r.get_ref(first)?.as_str()?, r.get_ref(first + 1)?.as_str()?, r.get_ref(first + 2)?.as_str()?);
    if let Some(reason) = Reason::decode(level, code, detail) {
        return Ok(reason);
    }
    match r.get::<_, Option<String>>(first + 3)? {
        Some(text) => Ok(Reason::Written(text)),
        None => Err(rusqlite::Error::FromSqlConversionFailure(
            first + 2,
            rusqlite::types::Type::Text,
            format!("a {level} problem {code} {detail} that this pledgewatch cannot read").into(),
        )),
    }
}

/// Counts kept on the file record after a read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadCounts {
    /// Activities read.
    pub rows_read: u64,
    /// Blank and totals rows skipped.
    pub rows_skipped: u64,
    /// Row problems.
    pub row_problems: u64,
    /// Indicator values read.
    pub values_read: u64,
    /// Planned activities read.
    pub plans_read: u64,
}

/// Identifies "the same problem" across re-reads, to keep when it was first seen.
pub(super) type ProblemKey = (String, String, Option<u32>, String, String);

const COLUMNS: &str =
    "id, source, path, size, mtime_ns, hash, state, duplicate_of, fingerprint, counted_hash,
     rows_read, rows_skipped, row_problems, first_seen, last_seen, last_changed, missing_since, format,
     values_read, plans_read";

fn record(r: &Row<'_>) -> rusqlite::Result<FileRecord> {
    Ok(FileRecord {
        id: r.get(0)?,
        source: r.get(1)?,
        path: r.get(2)?,
        size: r.get(3)?,
        mtime_ns: r.get(4)?,
        hash: r.get(5)?,
        state: FileState::parse(&r.get::<_, String>(6)?),
        duplicate_of: r.get(7)?,
        fingerprint: r.get(8)?,
        counted_hash: r.get(9)?,
        rows_read: r.get(10)?,
        rows_skipped: r.get(11)?,
        row_problems: r.get(12)?,
        first_seen: r.get(13)?,
        last_seen: r.get(14)?,
        last_changed: r.get(15)?,
        missing_since: r.get(16)?,
        format: r.get(17)?,
        values_read: r.get(18)?,
        plans_read: r.get(19)?,
    })
}

pub(super) fn all(conn: &Connection) -> rusqlite::Result<Vec<FileRecord>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM files ORDER BY path"))?;
    stmt.query_map([], record)?.collect()
}

pub(super) fn by_id(conn: &Connection, id: i64) -> rusqlite::Result<FileRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM files WHERE id = ?1"), [id], record)
}

pub(super) fn by_path(conn: &Connection, path: &str) -> rusqlite::Result<FileRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM files WHERE path = ?1"), [path], record)
}

pub(super) fn problems(conn: &Connection, file_id: i64) -> rusqlite::Result<Vec<ProblemRecord>> {
    let mut stmt = conn.prepare(
        "SELECT level, sheet, row, code, first_seen, level, code, detail, legacy_message
         FROM problems WHERE file_id = ?1 ORDER BY id",
    )?;
    stmt.query_map([file_id], |r| {
        Ok(ProblemRecord {
            level: super::column(r, 0)?,
            sheet: r.get(1)?,
            row: r.get(2)?,
            code: r.get(3)?,
            reason: reason(r, 5)?,
            first_seen: r.get(4)?,
        })
    })?
    .collect()
}

/// Inserts or updates the record of `v.path` with the version on disk, to be read; returns its id.
pub(super) fn upsert_for_read(
    conn: &Connection,
    v: &FileVersion,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    upsert(conn, v, "read", now)
}

/// Inserts or updates the record of `v.path` with the version on disk and `state`; returns its id.
/// `last_changed` moves only when the content did.
fn upsert(conn: &Connection, v: &FileVersion, state: &str, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    conn.query_row(
        "INSERT INTO files (source, path, size, mtime_ns, hash, state, format, fingerprint,
                            first_seen, last_seen, last_changed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?9, ?6, ?7, ?8, ?8, ?8)
         ON CONFLICT(path) DO UPDATE SET
            source = excluded.source, size = excluded.size, mtime_ns = excluded.mtime_ns,
            last_changed = CASE WHEN files.hash = excluded.hash THEN files.last_changed ELSE excluded.last_changed END,
            hash = excluded.hash, format = COALESCE(excluded.format, files.format), fingerprint = excluded.fingerprint,
            state = excluded.state, duplicate_of = NULL, last_seen = excluded.last_seen, missing_since = NULL
         RETURNING id",
        params![v.source, v.path, v.size, v.mtime_ns, v.hash, v.format, v.fingerprint, stamp(now), state],
        |r| r.get(0),
    )
}

pub(super) fn problem_first_seen(
    conn: &Connection,
    file_id: i64,
) -> rusqlite::Result<HashMap<ProblemKey, String>> {
    let mut stmt =
        conn.prepare("SELECT level, sheet, row, code, detail, first_seen FROM problems WHERE file_id = ?1")?;
    stmt.query_map([file_id], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?), r.get(5)?)))?
        .collect()
}

/// Removes a file's activities and problems (inside the caller's transaction).
pub(super) fn clear_rows(conn: &Connection, file_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM file_municipalities WHERE file_id = ?1", [file_id])?;
    conn.execute("DELETE FROM activities WHERE file_id = ?1", [file_id])?;
    super::indicators::clear(conn, file_id)?;
    super::indicators::clear_plans(conn, file_id)?;
    conn.execute("DELETE FROM problems WHERE file_id = ?1", [file_id])?;
    conn.execute(
        "UPDATE files SET counted_hash = NULL, rows_read = 0, rows_skipped = 0, row_problems = 0,
            values_read = 0, plans_read = 0 WHERE id = ?1",
        [file_id],
    )?;
    Ok(())
}

pub(super) fn insert_activity(
    conn: &Connection,
    file_id: i64,
    sheet: &str,
    a: &ActivityRow,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO activities (file_id, sheet, row, date, activity, count, place, partners, tags, municipality, hours)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let date = a.date.format("%Y-%m-%d").to_string();
    let (place, partners, tags, municipality) = (&a.place, &a.partners, &a.tags, &a.municipality);
    stmt.execute(params![
        file_id,
        sheet,
        a.row,
        date,
        a.activity,
        a.count,
        place,
        partners,
        tags,
        municipality,
        a.hours
    ])?;
    Ok(())
}

pub(super) fn insert_problem(
    conn: &Connection,
    file_id: i64,
    p: &NewProblem<'_>,
    first_seen: &HashMap<ProblemKey, String>,
    now: &str,
) -> rusqlite::Result<()> {
    let key: ProblemKey = (p.level.as_str().into(), p.sheet.into(), p.row, p.code.into(), p.detail.clone());
    let seen = first_seen.get(&key).map_or(now, String::as_str);
    let mut stmt = conn.prepare_cached(
        "INSERT INTO problems (file_id, level, sheet, row, code, detail, first_seen, date, activity, municipality)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let date = p.date.map(|d| d.format("%Y-%m-%d").to_string());
    let (level, m) = (p.level.as_str(), p.municipality);
    stmt.execute(params![file_id, level, p.sheet, p.row, p.code, p.detail, seen, date, p.kind, m])?;
    Ok(())
}

/// Records how many activities and row problems of each municipality the file's version holds.
pub(super) fn record_municipalities(
    conn: &Connection,
    file_id: i64,
    counts: &HashMap<String, (u64, u64)>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO file_municipalities (file_id, municipality, activities, row_problems) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (municipality, (activities, problems)) in counts {
        stmt.execute(params![file_id, municipality, activities, problems])?;
    }
    Ok(())
}

pub(super) fn finish_read(conn: &Connection, file_id: i64, c: &ReadCounts) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET counted_hash = hash, rows_read = ?2, rows_skipped = ?3, row_problems = ?4,
            values_read = ?5, plans_read = ?6 WHERE id = ?1",
        params![file_id, c.rows_read, c.rows_skipped, c.row_problems, c.values_read, c.plans_read],
    )?;
    Ok(())
}

pub(super) fn forget(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM file_municipalities WHERE file_id = ?1", [id])?;
    conn.execute("DELETE FROM activities WHERE file_id = ?1", [id])?;
    super::indicators::clear(conn, id)?;
    super::indicators::clear_plans(conn, id)?;
    conn.execute("DELETE FROM problems WHERE file_id = ?1", [id])?;
    // A file refused while it waited on this one is looked at again (its reading fingerprint is
    // blanked): it may count now.
    conn.execute(
        "UPDATE files SET duplicate_of = NULL,
            fingerprint = CASE WHEN state = 'refused' THEN '' ELSE fingerprint END
         WHERE duplicate_of = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM files WHERE id = ?1", [id])?;
    Ok(())
}

pub(super) fn touch(conn: &Connection, id: i64, v: &FileVersion, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET source = ?5, size = ?2, mtime_ns = ?3, last_seen = ?4, missing_since = NULL,
            state = CASE WHEN state = 'missing' THEN CASE WHEN counted_hash = hash THEN 'read' ELSE 'refused' END ELSE state END
         WHERE id = ?1",
        params![id, v.size, v.mtime_ns, stamp(now), v.source],
    )?;
    Ok(())
}

pub(super) fn mark_missing(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET state = 'missing', missing_since = COALESCE(missing_since, ?2) WHERE id = ?1",
        params![id, stamp(now)],
    )?;
    Ok(())
}

pub(super) fn set_duplicate(conn: &Connection, id: i64, original: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET state = 'duplicate', duplicate_of = ?2 WHERE id = ?1",
        params![id, original],
    )?;
    Ok(())
}

/// Records that the version on disk was refused. Rows of an earlier version stay; earlier row
/// problems stay with them; the refusal replaces any earlier refusal.
pub(super) fn record_refusal(
    conn: &Connection,
    v: &FileVersion,
    refusal: &FileRefusal,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let id = upsert(conn, v, "refused", now)?;
    let (code, detail) = (refusal.as_str(), refusal.detail());
    let first_seen: Option<String> = conn
        .query_row(
            "SELECT first_seen FROM problems WHERE file_id = ?1 AND level = 'file' AND detail = ?2",
            params![id, detail],
            |r| r.get(0),
        )
        .ok();
    conn.execute("DELETE FROM problems WHERE file_id = ?1 AND level = 'file'", [id])?;
    conn.execute(
        "INSERT INTO problems (file_id, level, sheet, row, code, detail, first_seen)
         VALUES (?1, 'file', '', NULL, ?2, ?3, ?4)",
        params![id, code, detail, first_seen.unwrap_or_else(|| stamp(now))],
    )?;
    Ok(())
}

pub(super) fn move_to(
    conn: &Connection,
    id: i64,
    v: &FileVersion,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE files SET source = ?2, path = ?3, size = ?4, mtime_ns = ?5, last_seen = ?6,
            missing_since = NULL, state = CASE WHEN counted_hash = hash THEN 'read' ELSE 'refused' END
         WHERE id = ?1",
        params![id, v.source, v.path, v.size, v.mtime_ns, stamp(now)],
    )?;
    Ok(())
}

/// Notes that the refused record `id` is named a copy of the log `original` (it waits while that is there).
pub(super) fn set_copy_of(conn: &Connection, id: i64, original: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE files SET duplicate_of = ?2 WHERE id = ?1", params![id, original]).map(|_| ())
}
