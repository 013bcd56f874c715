//! The SQLite store: which files were seen, the activities read from them, and what could not be read.
//!
//! The only module that speaks SQL. WAL mode, versioned append-only migrations (`migrations/*.sql`,
//! applied in order by `PRAGMA user_version`). A file's rows are replaced in one transaction
//! ([`Store::begin_read`] … [`ReadTx::commit`]), so readers never see both versions or neither.

mod files;
mod indicators;
mod jobs;
mod log;
mod memory;
mod outbox;
mod reading;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::model::Log;

pub use files::FileVersion;
pub(crate) use files::{FileRecord, FileState, ProblemRecord};
pub(crate) use jobs::{JobFailure, JobRun, RunOutcome};
pub(crate) use outbox::{MailState, OutboxRow, ProblemDetail, Queued};
pub(crate) use reading::ReadTx;

/// The migrations, in order. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_row_problem_date_activity.sql"),
    include_str!("migrations/0003_outbox.sql"),
    include_str!("migrations/0004_job_runs.sql"),
    include_str!("migrations/0005_job_failures.sql"),
    include_str!("migrations/0006_mail_state.sql"),
    include_str!("migrations/0007_problem_reason_as_data.sql"),
    include_str!("migrations/0008_digest_counts.sql"),
    include_str!("migrations/0009_reported_figures.sql"),
    include_str!("migrations/0010_outbox_keys.sql"),
    include_str!("migrations/0011_outbox_uncertain.sql"),
    include_str!("migrations/0012_municipality.sql"),
    include_str!("migrations/0013_municipality_memory.sql"),
    include_str!("migrations/0014_file_municipalities.sql"),
    include_str!("migrations/0015_activity_hours.sql"),
    include_str!("migrations/0016_indicator_values.sql"),
    include_str!("migrations/0017_plan_rows.sql"),
];

/// How the store writes a moment: UTC, RFC 3339, whole seconds (`2019-10-14T05:00:00Z`), so that
/// stored moments compare as text.
pub(crate) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A moment the store wrote (see [`stamp`]) read back; `None` for text that is not one.
pub(crate) fn parse_stamp(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// Reads column `i` of a row as a `T` by its stored name (`FromStr`), or fails as a conversion
/// error of that column.
fn column<T>(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr<Err = crate::codes::UnknownName>,
{
    let name: String = row.get(i)?;
    name.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

/// A failure of the store itself (disk, permissions, a corrupt database): not a problem with a log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder of the store could not be created.
    #[error("cannot create the state folder {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    /// SQLite failed.
    #[error("store {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    /// The store file is there but empty: truncated, or never written. Starting over would decide
    /// and send every mail again, the follow-up included.
    #[error(
        "store {path} is empty (0 bytes): it was cut short or never written. pledgewatch does not start over on it, \
         since every mail (the follow-up to the BRÅ chair included) would be sent again. Restore it from a backup; \
         on a new install that has sent nothing yet, delete the file"
    )]
    Empty { path: PathBuf },
    /// The store file is there but cannot be read.
    #[error("cannot read the store {path}: {source}; it must be readable and writable by the service's user")]
    Unreadable { path: PathBuf, source: std::io::Error },
    /// SQLite cannot open the store (the file or its folder is not writable: SQLite keeps its journal
    /// beside it).
    #[error(
        "cannot open the store {path} for writing: the file and its folder must be writable by this user, since \
         SQLite keeps its journal beside it. Is the disk read-only, or the folder another user's?"
    )]
    CannotOpen { path: PathBuf },
    /// The file is an SQLite database of something else.
    #[error(
        "{path} is not a pledgewatch store (an SQLite database with other tables); point state_dir elsewhere"
    )]
    Foreign { path: PathBuf },
    /// The store was written by a newer pledgewatch.
    #[error(
        "store {path} has schema version {found}, newer than this pledgewatch knows ({known}); upgrade pledgewatch"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// SQLite's failure to open or set up the store, with what to do when it is the folder's fault.
fn opening(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) => {
            StoreError::CannotOpen { path: path.to_owned() }
        }
        _ => StoreError::Sqlite { path: path.to_owned(), source },
    }
}

/// A store (and its journal) that others may read, left so by an older pledgewatch or a copy, is
/// made private to the service's user and group; one this user may not change is left as it is.
fn private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if let Ok(m) = std::fs::metadata(&file)
            && m.permissions().mode() & 0o007 != 0
        {
            let mode = m.permissions().mode() & 0o770 & crate::durable::FILE_MODE;
            let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode));
        }
    }
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::durable::create_dir_all(dir)
                .map_err(|source| StoreError::CreateDir { path: dir.to_owned(), source })?;
        }
        match std::fs::metadata(path) {
            // Only an absent store is created.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::Unreadable { path: path.to_owned(), source }),
            Ok(m) if m.len() == 0 => return Err(StoreError::Empty { path: path.to_owned() }),
            Ok(_) => {
                std::fs::File::open(path)
                    .map_err(|source| StoreError::Unreadable { path: path.to_owned(), source })?;
            }
        }
        private(path);
        let conn = Connection::open(path).map_err(|source| opening(path, source))?;
        let store = Store { conn, path: path.to_owned() };
        store.setup().map_err(|e| match e {
            StoreError::Sqlite { path, source } => opening(&path, source),
            other => other,
        })?;
        Ok(store)
    }

    fn setup(&self) -> Result<(), StoreError> {
        self.wrap(self.conn.busy_timeout(std::time::Duration::from_secs(30)))?;
        self.wrap(self.conn.pragma_update(None, "journal_mode", "WAL"))?;
        // FULL: a committed decision or delivery record survives a power loss, not only a crash.
        self.wrap(self.conn.pragma_update(None, "synchronous", "FULL"))?;
        self.wrap(self.conn.pragma_update(None, "foreign_keys", "ON"))?;
        let version: usize = self.wrap(self.conn.pragma_query_value(None, "user_version", |r| r.get(0)))?;
        let tables: usize =
            self.wrap(self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)))?;
        // Each migration sets the version in its own transaction: tables without one are not ours.
        if version == 0 && tables > 0 {
            return Err(StoreError::Foreign { path: self.path.clone() });
        }
        if version > MIGRATIONS.len() {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known: MIGRATIONS.len(),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let batch = format!("BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {};\nCOMMIT;", i + 1);
            if let Err(e) = self.conn.execute_batch(&batch) {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(StoreError::Sqlite { path: self.path.clone(), source: e });
            }
        }
        Ok(())
    }

    fn wrap<T>(&self, r: rusqlite::Result<T>) -> Result<T, StoreError> {
        r.map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        self.wrap(self.conn.pragma_query_value(None, "user_version", |r| r.get(0)))
    }

    /// The files that hold an activity or a row problem of a municipality (its scope).
    /// Of each file holding rows of the municipality (its scope): its activities and row problems
    /// of it, by file id.
    pub(crate) fn file_totals_of(
        &self,
        municipality: &str,
    ) -> Result<std::collections::HashMap<i64, (usize, usize)>, StoreError> {
        self.wrap(log::file_totals_of(&self.conn, municipality))
    }

    pub(crate) fn files_with_rows_of(
        &self,
        municipality: &str,
    ) -> Result<std::collections::HashSet<i64>, StoreError> {
        self.wrap(log::files_with_rows_of(&self.conn, municipality))
    }

    /// What the logs hold for a municipality alone: the activities of every counted file version
    /// and its unreadable rows.
    pub fn log(&self) -> Result<Log, StoreError> {
        self.log_of("")
    }

    /// What the logs hold for a municipality (its scope, `Config::scope`; empty for a municipality
    /// alone): its activities of every counted file version and its unreadable rows, read in one
    /// transaction so both come from the same moment.
    pub fn log_of(&self, municipality: &str) -> Result<Log, StoreError> {
        let read = |conn: &Connection| -> rusqlite::Result<Log> {
            Ok(Log {
                activities: log::activities(conn, municipality)?,
                row_errors: log::row_errors(conn, municipality)?,
                readings: indicators::readings(conn, municipality)?,
                plans: indicators::plans(conn, municipality)?,
                totals: None,
            })
        };
        self.consistently(read)
    }

    /// As [`log_of`](Self::log_of), only the days of `ranges` (sorted, apart: `rules::days_to_read`)
    /// and the row problems without a date; how many activities and row problems there are in all
    /// is counted. Reads an index range per range, never every activity.
    pub fn log_in(&self, municipality: &str, ranges: &[(NaiveDate, NaiveDate)]) -> Result<Log, StoreError> {
        let read = |conn: &Connection| -> rusqlite::Result<Log> {
            Ok(Log {
                activities: log::activities_in(conn, municipality, ranges)?,
                row_errors: log::row_errors_in(conn, municipality, ranges)?,
                readings: indicators::readings(conn, municipality)?,
                plans: indicators::plans(conn, municipality)?,
                totals: Some(log::totals(conn, municipality)?),
            })
        };
        self.consistently(read)
    }

    /// How many activities and unreadable rows the logs hold for a municipality (its scope), in all.
    pub(crate) fn totals_of(&self, municipality: &str) -> Result<(usize, usize), StoreError> {
        self.wrap(log::totals(&self.conn, municipality))
    }

    /// The latest day of each file's activities of a municipality up to `as_of`, by path.
    pub(crate) fn latest_by_file(
        &self,
        municipality: &str,
        as_of: NaiveDate,
    ) -> Result<std::collections::HashMap<String, NaiveDate>, StoreError> {
        self.wrap(log::latest_by_file(&self.conn, municipality, as_of).map(|v| v.into_iter().collect()))
    }

    /// Runs `read` in one transaction (or in the one open), so what it reads is of one moment.
    fn consistently<T>(&self, read: impl Fn(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return self.wrap(read(&self.conn)); // inside `immediate`: already one consistent view
        }
        let r = (|| {
            let tx = self.conn.unchecked_transaction()?;
            let log = read(&tx)?;
            tx.finish()?;
            Ok(log)
        })();
        self.wrap(r)
    }

    /// The latest slot recorded for a job.
    pub(crate) fn last_job_slot(&self, job: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.wrap(jobs::last_slot(&self.conn, job))
    }

    /// The latest recorded run of a job.
    pub(crate) fn last_job_run(&self, job: &str) -> Result<Option<JobRun>, StoreError> {
        self.wrap(jobs::last_run(&self.conn, job))
    }

    /// Records that a job ran (or was skipped) for a slot; a run that went well clears its failure.
    pub(crate) fn record_job(&self, run: &JobRun) -> Result<(), StoreError> {
        self.wrap(jobs::record(&self.conn, run))
    }

    /// Records a failed attempt at a job's slot (counted with the attempts before, while it fails).
    pub(crate) fn record_job_failure(
        &self,
        job: &str,
        slot: DateTime<Utc>,
        at: DateTime<Utc>,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.wrap(jobs::record_failure(&self.conn, job, slot, at, detail))
    }

    /// The failure of a job that has not succeeded since.
    pub(crate) fn job_failure(&self, job: &str) -> Result<Option<JobFailure>, StoreError> {
        self.wrap(jobs::failure(&self.conn, job))
    }

    /// What was decided about mail before, for a municipality alone: pledge lapses, the last
    /// digest, problems told about.
    #[cfg(test)]
    pub(crate) fn mail_memory(&self) -> Result<crate::notices::Memory, StoreError> {
        self.mail_memory_of("")
    }

    /// What was decided about a municipality's mail before (its scope, `Config::store_scope`).
    pub(crate) fn mail_memory_of(&self, scope: &str) -> Result<crate::notices::Memory, StoreError> {
        self.wrap(memory::memory(&self.conn, scope))
    }

    /// Every row error and refusal, with a key that stays while the problem does.
    pub(crate) fn problem_refs(&self) -> Result<Vec<crate::notices::ProblemRef>, StoreError> {
        self.wrap(outbox::problem_refs(&self.conn))
    }

    /// The refusals of files whose version on disk could not be read.
    pub(crate) fn refusals(&self) -> Result<Vec<ProblemDetail>, StoreError> {
        self.wrap(outbox::refusals(&self.conn))
    }

    /// The problems with these ids, as a log keeper reads them.
    pub(crate) fn problem_details(&self, ids: &[i64]) -> Result<Vec<ProblemDetail>, StoreError> {
        self.wrap(outbox::problem_details(&self.conn, ids))
    }

    /// Runs `f` in one IMMEDIATE transaction: everything it reads and writes through this store is
    /// one consistent step, and a second writer waits. Committed if `f` succeeds, else rolled back.
    pub(crate) fn immediate<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.wrap(self.conn.execute_batch("BEGIN IMMEDIATE"))?;
        match f(self) {
            Ok(v) => {
                if let Err(e) = self.wrap(self.conn.execute_batch("COMMIT")) {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Records decisions and their composed messages: the memory of what was decided and each message
    /// under its key (a key already queued or sent is left as it is). Call inside [`Store::immediate`]
    /// with the reads the decisions were made from. Returns how many messages were new.
    pub(crate) fn queue(
        &self,
        decisions: &crate::notices::Decisions,
        messages: &[Queued],
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        self.queue_of(&[("", decisions)], messages, now)
    }

    /// As [`queue`](Self::queue), with each municipality's decisions under its scope.
    pub(crate) fn queue_of(
        &self,
        decisions: &[(&str, &crate::notices::Decisions)],
        messages: &[Queued],
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let now = &stamp(now);
        let mut new = 0;
        for m in messages {
            new += usize::from(self.wrap(outbox::enqueue(&self.conn, m, now))?);
        }
        for (scope, d) in decisions {
            self.wrap(memory::remember(&self.conn, scope, d, now))?;
        }
        Ok(new)
    }

    /// A fact about mail decisions (`last_as_of`).
    pub fn mail_state(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.wrap(outbox::state(&self.conn, key))
    }

    /// Sets a fact about mail decisions.
    pub(crate) fn set_mail_state(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.wrap(outbox::set_state(&self.conn, key, value))
    }

    /// Puts failed messages back in the queue (after the cause was fixed); returns how many.
    pub(crate) fn requeue_failed(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        self.wrap(outbox::requeue_failed(&self.conn, &stamp(now)))
    }

    /// Whether a message with this key was queued before.
    pub(crate) fn has_message(&self, key: &str) -> Result<bool, StoreError> {
        self.wrap(outbox::has_key(&self.conn, key))
    }

    /// Every message in the outbox, newest first.
    pub fn outbox(&self) -> Result<Vec<OutboxRow>, StoreError> {
        self.wrap(outbox::all(&self.conn))
    }

    /// The queued messages due at `now`, oldest first.
    pub(crate) fn due_messages(&self, now: DateTime<Utc>) -> Result<Vec<OutboxRow>, StoreError> {
        self.wrap(outbox::due(&self.conn, &stamp(now)))
    }

    /// The stored bytes of a message.
    pub(crate) fn message_bytes(&self, id: i64) -> Result<Vec<u8>, StoreError> {
        self.wrap(outbox::message(&self.conn, id))
    }

    /// Claims a due message for one attempt (see `outbox::claim`); false if another sender has it.
    pub(crate) fn claim_message(
        &self,
        id: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.wrap(outbox::claim(&self.conn, id, &stamp(now), &stamp(until)))
    }

    /// The server accepted the message.
    pub(crate) fn mark_sent(&self, id: i64, reply: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.wrap(outbox::mark_sent(&self.conn, id, reply, &stamp(now)))
    }

    /// The attempt failed for now; try again at `next`.
    pub(crate) fn mark_retry(&self, id: i64, error: &str, next: DateTime<Utc>) -> Result<(), StoreError> {
        self.wrap(outbox::mark_retry(&self.conn, id, error, &stamp(next)))
    }

    /// The message went without an answer: it may have been delivered; tried once more at `next`.
    pub(crate) fn mark_uncertain(&self, id: i64, error: &str, next: DateTime<Utc>) -> Result<(), StoreError> {
        self.wrap(outbox::mark_uncertain(&self.conn, id, error, &stamp(next)))
    }

    /// The message cannot be delivered: given up, shown in `outbox`, never retried.
    pub(crate) fn mark_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        self.wrap(outbox::mark_failed(&self.conn, id, error))
    }
}

pub use files::ReadCounts;

#[cfg(test)]
mod tests;
