//! The daemon's jobs, and one pass over them: for each job, the slot due now (the catch-up rule in
//! `schedule`), its body, and its record in the store. `pledgewatch once` makes one pass; the daemon
//! makes one at every slot.
//!
//! The edge: it reads and writes the store and sends mail. The clock is a parameter. Every body is
//! idempotent (ingest skips unchanged files, mail decisions have keys), and a slot is recorded only
//! after its body finished, so a pass cut short is simply made again.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::{Config, Install, Job};
use crate::ingest;
use crate::mail::compose::Templates;
use crate::mail::notify;
use crate::mail::send::{self, Sender};
use crate::notices::Which;
use crate::schedule;
use crate::store::{JobRun, RunOutcome, Store, StoreError, stamp};

mod error;
mod report;

pub(crate) use error::{Cause, JobError};
pub(crate) use report::ReportJobError;

/// What one job did in a pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct JobOutcome {
    /// The job.
    pub(crate) job: Job,
    /// The slot it ran (or was skipped) for.
    pub(crate) slot: DateTime<Utc>,
    /// `ok`, `failed` or `skipped`.
    pub(crate) outcome: RunOutcome,
    /// What it did, or why it failed or was skipped.
    pub(crate) detail: String,
}

/// A pass's view of time and of being stopped.
pub(crate) struct Pass<'a> {
    /// The clock (fixed for `once --now`, the system's for the daemon).
    pub(crate) clock: &'a dyn Fn() -> DateTime<Utc>,
    /// True once the daemon is being stopped: no new job, and no new mail, is begun.
    pub(crate) stop: &'a dyn Fn() -> bool,
    /// Mail is decided even for a day before the last one decided (`once --force`; see
    /// [`notify::guard`]).
    pub(crate) force: bool,
    /// Called as a job works through the files (between files, and as rows come in), so that the
    /// daemon's watchdog is fed during a long read, which has no await point.
    pub(crate) alive: &'a dyn Fn(),
}

/// Tells `alive` of a read's progress.
struct Alive<'a>(&'a dyn Fn());

impl ingest::Progress for Alive<'_> {
    fn file(&self, _path: &str) {
        (self.0)();
    }
    fn rows(&self, _rows: u64) {
        (self.0)();
    }
}

/// What of job `j` is due at `now`, given its last recorded slot. A one-off slot (the report) is
/// never skipped, however late.
pub fn due(
    config: &Config,
    j: &crate::config::JobSchedule,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> schedule::Due {
    let never_skip = matches!(j.schedule, schedule::Schedule::Once(_));
    schedule::due(&j.schedule, config.timezone, last, now, config.catch_up, never_skip)
}

/// Runs every job due now, once each, and records it. Only a failure of the store itself is an
/// error. A job that fails is not recorded as run, so its slot is tried again at the next pass (until
/// the catch-up horizon); mail decisions have keys, so nothing is sent twice. Its failure is recorded
/// apart (`jobs` shows it) until it succeeds.
pub(crate) async fn run_due(
    install: &Install,
    store: &mut Store,
    pass: &Pass<'_>,
) -> Result<Vec<JobOutcome>, StoreError> {
    let config = &install.shared;
    let now = (pass.clock)();
    let mut out = Vec::new();
    for j in install.jobs() {
        if (pass.stop)() {
            break;
        }
        let name = j.job.name();
        let name = name.as_str();
        let recorded = store.last_job_slot(name)?;
        // A slot recorded in the future (the clock was set wrong once) must not hold the job back
        // until that day comes.
        let last = recorded.filter(|l| *l <= now + chrono::Duration::hours(1));
        if recorded.is_some() && last.is_none() {
            tracing::warn!(job = name, recorded = ?recorded, "a slot in the future is recorded for this job (was the clock wrong?); it is ignored");
        }
        let due = due(config, j, last, now);
        if let Some(slot) = due.skipped {
            let detail = format!(
                "slot {} is more than {} h old: skipped",
                schedule::local_label(config.timezone, slot),
                config.catch_up.num_hours()
            );
            tracing::warn!(job = name, slot = %stamp(slot), "{detail}");
            store.record_job(&JobRun {
                job: name.into(),
                slot,
                outcome: RunOutcome::Skipped,
                started_at: now,
                finished_at: now,
                detail: detail.clone(),
            })?;
            out.push(JobOutcome { job: j.job.clone(), slot, outcome: RunOutcome::Skipped, detail });
        }
        let Some(slot) = due.run else { continue };
        tracing::info!(job = name, slot = %stamp(slot), "job starts");
        let started = (pass.clock)();
        match run_job(install, store, &j.job, pass).await {
            Ok(detail) => {
                tracing::info!(job = name, slot = %stamp(slot), outcome = "ok", detail = %detail, "job done");
                store.record_job(&JobRun {
                    job: name.into(),
                    slot,
                    outcome: RunOutcome::Ok,
                    started_at: started,
                    finished_at: (pass.clock)(),
                    detail: detail.clone(),
                })?;
                out.push(JobOutcome { job: j.job.clone(), slot, outcome: RunOutcome::Ok, detail });
            }
            Err(failure) => {
                let detail = failure.to_string();
                tracing::error!(job = name, slot = %stamp(slot), detail = %detail, "job failed; its slot is tried again at the next pass");
                store.record_job_failure(name, slot, (pass.clock)(), &detail)?;
                out.push(JobOutcome { job: j.job.clone(), slot, outcome: RunOutcome::Failed, detail });
            }
        }
    }
    Ok(out)
}

/// One job's body; its summary, or why it failed (with what it did before).
async fn run_job(
    install: &Install,
    store: &mut Store,
    job: &Job,
    pass: &Pass<'_>,
) -> Result<String, JobError> {
    let config = &install.shared;
    let now = (pass.clock)();
    let mut failed = JobError::default();
    match job {
        Job::Ingest => failed.done.push(
            ingest_once(install, store, pass.clock, pass.alive).map_err(|e| JobError::of(Cause::Store(e)))?,
        ),
        // The reminders are decided on what the store holds even when the inbox cannot be read now
        // (a share that is down); the job still counts as failed, and runs again.
        Job::Reminders => match ingest_once(install, store, pass.clock, pass.alive) {
            Ok(s) => failed.done.push(s),
            Err(e) => failed.causes.push(Cause::Inbox(e)),
        },
        Job::Digest => {}
        // Like the reminders: the report is made from what the store holds even when the inbox
        // cannot be read now; it says when each log was last read.
        // A report that fails still lets the outbox drain (a mail telling that it is blocked).
        Job::Report { scope, period, interim } => {
            let municipality = match scope {
                Some(id) => install.municipality(id),
                None => Some(config),
            };
            let Some(config) = municipality else {
                return Err(JobError::of(Cause::Report(ReportJobError::NoMunicipality(
                    scope.clone().unwrap_or_default(),
                ))));
            };
            match ingest_once(install, store, pass.clock, pass.alive) {
                Ok(s) => failed.done.push(s),
                Err(e) => failed.causes.push(Cause::Inbox(e)),
            }
            let done = match interim {
                None => report::report_job(config, store, period, now),
                Some(date) => report::interim_job(config, store, period, *date, now),
            };
            match done {
                Ok(s) => failed.done.push(s),
                Err(e) => failed.causes.push(Cause::Report(e)),
            }
        }
    }
    let which = match job {
        Job::Ingest => None,
        Job::Reminders => Some(Which { pledges: true, digest: false, data_quality: true }),
        Job::Digest => Some(Which { pledges: false, digest: true, data_quality: false }),
        Job::Report { .. } => None,
    };
    if let Some(which) = which {
        let today = config.today(now);
        let whose = notify::Whose::of(install, install.municipalities.iter().collect());
        let q = notify::queue(&whose, store, &Templates::new(), today, now, pass.force, which)
            .map_err(|e| JobError::of(Cause::Notify(e)))?;
        failed.done.push(format!("{} mails decided, {} new", q.decided, q.new));
        if !q.errors.is_empty() {
            failed.causes.push(Cause::NotComposed(q.errors));
            return Err(failed);
        }
    }
    let sender = match Sender::new(&config.mail) {
        Ok(s) => s,
        Err(e) => {
            failed.causes.push(Cause::CannotSend(e));
            return Err(failed);
        }
    };
    let r = send::drain_until(store, &sender, pass.clock, pass.stop)
        .await
        .map_err(|e| JobError::of(Cause::Store(e)))?;
    failed.done.push(format!("{} sent, {} to retry, {} failed", r.sent, r.retrying, r.failed));
    if let Some(e) = r.setup_failed {
        failed.causes.push(Cause::MailSettings(e));
    }
    if failed.causes.is_empty() { Ok(failed.done.join("; ")) } else { Err(failed) }
}

/// Reads the inbox, as `pledgewatch ingest` does (also outside any slot, when the daemon saw a log
/// change); a summary line, or why it failed. The run is recorded with the clock's time before and
/// after it.
pub fn ingest_once(
    install: &Install,
    store: &mut Store,
    clock: &dyn Fn() -> DateTime<Utc>,
    alive: &dyn Fn(),
) -> Result<String, StoreError> {
    let started = clock();
    let report = ingest::ingest(install, store, started, &Alive(alive))?;
    let json = serde_json::to_string(&report).unwrap_or_default();
    store.record_run(started, clock(), &json)?;
    let changed = report
        .files
        .iter()
        .filter(|f| {
            matches!(
                f.status,
                ingest::FileStatus::New | ingest::FileStatus::Changed | ingest::FileStatus::Reread
            )
        })
        .count();
    let refused = report.files.iter().filter(|f| f.status == ingest::FileStatus::Refused).count();
    Ok(format!("{} files read ({changed} new or changed, {refused} refused)", report.files.len()))
}
