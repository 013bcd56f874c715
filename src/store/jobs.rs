//! SQL for the daemon's job runs. Called only by `store/mod.rs`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// How a job's slot went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// It ran and succeeded.
    Ok,
    /// It ran and failed (its slot is tried again at the next pass).
    Failed,
    /// Its slot was older than the catch-up horizon and was not run.
    Skipped,
}

impl RunOutcome {
    /// Every outcome.
    pub const ALL: [RunOutcome; 3] = [RunOutcome::Ok, RunOutcome::Failed, RunOutcome::Skipped];

    /// Its name in the store and in `once` and `jobs`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Ok => "ok",
            RunOutcome::Failed => "failed",
            RunOutcome::Skipped => "skipped",
        }
    }
}

impl std::str::FromStr for RunOutcome {
    type Err = crate::codes::UnknownName;

    fn from_str(s: &str) -> Result<RunOutcome, Self::Err> {
        RunOutcome::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| crate::codes::UnknownName::new("job outcome", s))
    }
}

impl std::fmt::Display for RunOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for RunOutcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One recorded run (or skip) of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRun {
    /// The job's name.
    pub job: String,
    /// The slot, UTC RFC 3339.
    pub slot: String,
    /// How it went.
    pub outcome: RunOutcome,
    /// When it started.
    pub started_at: String,
    /// When it finished.
    pub finished_at: String,
    /// What it did, or why it failed.
    pub detail: String,
}

/// The latest slot recorded for a job.
pub(super) fn last_slot(conn: &Connection, job: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT MAX(slot) FROM job_runs WHERE job = ?1", [job], |r| r.get(0))
        .optional()
        .map(Option::flatten)
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
                slot: r.get(1)?,
                outcome: super::column(r, 2)?,
                started_at: r.get(3)?,
                finished_at: r.get(4)?,
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
        params![run.job, run.slot, run.outcome.as_str(), run.started_at, run.finished_at, run.detail],
    )?;
    if run.outcome == RunOutcome::Ok {
        conn.execute("DELETE FROM job_failures WHERE job = ?1", [&run.job])?;
    }
    Ok(())
}

/// A job that is failing: its latest failed attempt, and how long it has failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobFailure {
    /// The job's name.
    pub job: String,
    /// The slot being tried, UTC RFC 3339.
    pub slot: String,
    /// The first failed attempt.
    pub first_at: String,
    /// The latest failed attempt.
    pub last_at: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Why the latest attempt failed.
    pub detail: String,
}

/// Records a failed attempt: the first, or one more of a job that is still failing.
pub(super) fn record_failure(
    conn: &Connection,
    job: &str,
    slot: &str,
    at: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO job_failures (job, slot, first_at, last_at, attempts, detail) VALUES (?1, ?2, ?3, ?3, 1, ?4)
         ON CONFLICT(job) DO UPDATE SET slot = ?2, last_at = ?3, attempts = attempts + 1, detail = ?4",
        params![job, slot, at, detail],
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
                slot: r.get(1)?,
                first_at: r.get(2)?,
                last_at: r.get(3)?,
                attempts: r.get(4)?,
                detail: r.get(5)?,
            })
        },
    )
    .optional()
}
