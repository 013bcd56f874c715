//! SQL for the daemon's job runs. Called only by `store/mod.rs`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::stamp;
use serde::Serialize;

/// How a job's slot went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunOutcome {
    /// It ran and succeeded.
    Ok,
    /// It ran and failed (its slot is tried again at the next pass).
    Failed,
    /// Its slot was older than the catch-up horizon and was not run.
    Skipped,
}

crate::codes::stored_names!(pub(crate) RunOutcome, "job outcome", {
    Ok => "ok",
    Failed => "failed",
    Skipped => "skipped",
});

impl std::fmt::Display for RunOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// One recorded run (or skip) of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct JobRun {
    /// The job's name.
    pub(crate) job: String,
    /// The slot.
    pub(crate) slot: DateTime<Utc>,
    /// How it went.
    pub(crate) outcome: RunOutcome,
    /// When it started.
    pub(crate) started_at: DateTime<Utc>,
    /// When it finished.
    pub(crate) finished_at: DateTime<Utc>,
    /// What it did, or why it failed.
    pub(crate) detail: String,
}

/// The latest slot recorded for a job.
pub(super) fn last_slot(conn: &Connection, job: &str) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let slot = conn.query_row("SELECT MAX(slot) FROM job_runs WHERE job = ?1", [job], |r| {
        r.get::<_, Option<String>>(0)?.map(|_| moment(r, 0)).transpose()
    });
    slot.optional().map(Option::flatten)
}

/// Column `i` as the moment it stamps.
fn moment(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = r.get(i)?;
    super::parse_stamp(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("not a moment: {text:?}").into(),
        )
    })
}

/// The latest run of a job.
pub(super) fn last_run(conn: &Connection, job: &str) -> rusqlite::Result<Option<JobRun>> {
    conn.query_row(
        "SELECT job, slot, outcome, started_at, finished_at, detail FROM job_runs WHERE job = ?1
         ORDER BY slot DESC LIMIT 1",
        [job],
        |r| {
            Ok(JobRun {
                job: r.get(0)?,
                slot: moment(r, 1)?,
                outcome: super::column(r, 2)?,
                started_at: moment(r, 3)?,
                finished_at: moment(r, 4)?,
                detail: r.get(5)?,
            })
        },
    )
    .optional()
}

/// Records a run; a slot recorded before keeps its first record. A run that went well ends the job's
/// failure; a skipped slot does not (the job may still be failing).
pub(super) fn record(conn: &Connection, run: &JobRun) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO job_runs (job, slot, outcome, started_at, finished_at, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(job, slot) DO NOTHING",
        params![
            run.job,
            stamp(run.slot),
            run.outcome.as_str(),
            stamp(run.started_at),
            stamp(run.finished_at),
            run.detail
        ],
    )?;
    if run.outcome == RunOutcome::Ok {
        conn.execute("DELETE FROM job_failures WHERE job = ?1", [&run.job])?;
    }
    Ok(())
}

/// A job that is failing: its latest failed attempt, and how long it has failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct JobFailure {
    /// The job's name.
    pub(crate) job: String,
    /// The slot being tried.
    pub(crate) slot: DateTime<Utc>,
    /// The first failed attempt.
    pub(crate) first_at: DateTime<Utc>,
    /// The latest failed attempt.
    pub(crate) last_at: DateTime<Utc>,
    /// Failed attempts so far.
    pub(crate) attempts: u32,
    /// Why the latest attempt failed.
    pub(crate) detail: String,
}

/// Records a failed attempt: the first, or one more of a job that is still failing.
pub(super) fn record_failure(
    conn: &Connection,
    job: &str,
    slot: DateTime<Utc>,
    at: DateTime<Utc>,
    detail: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO job_failures (job, slot, first_at, last_at, attempts, detail) VALUES (?1, ?2, ?3, ?3, 1, ?4)
         ON CONFLICT(job) DO UPDATE SET slot = ?2, last_at = ?3, attempts = attempts + 1, detail = ?4",
        params![job, stamp(slot), stamp(at), detail],
    )?;
    Ok(())
}

/// The failure of a job, if it is failing.
pub(super) fn failure(conn: &Connection, job: &str) -> rusqlite::Result<Option<JobFailure>> {
    conn.query_row(
        "SELECT job, slot, first_at, last_at, attempts, detail FROM job_failures WHERE job = ?1",
        [job],
        |r| {
            Ok(JobFailure {
                job: r.get(0)?,
                slot: moment(r, 1)?,
                first_at: moment(r, 2)?,
                last_at: moment(r, 3)?,
                attempts: r.get(4)?,
                detail: r.get(5)?,
            })
        },
    )
    .optional()
}
