//! The daemon's jobs, and one pass over them: for each job, the slot due now (the catch-up rule in
//! `schedule`), its body, and its record in the store. `pledgewatch once` makes one pass; the daemon
//! makes one at every slot.
//!
//! The edge: it reads and writes the store and sends mail. The clock is a parameter. Every body is
//! idempotent (ingest skips unchanged files, mail decisions have keys), and a slot is recorded only
//! after its body finished, so a pass cut short is simply made again.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::{Config, Job};
use crate::ingest;
use crate::mail::compose::Templates;
use crate::mail::notify;
use crate::mail::report as mail_report;
use crate::mail::send::{self, Sender};
use crate::notices::Which;
use crate::report::{self, Format, ReportError};
use crate::schedule;
use crate::store::{JobRun, Store, StoreError, stamp};

/// What one job did in a pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobOutcome {
    /// The job.
    pub job: Job,
    /// The slot it ran (or was skipped) for.
    pub slot: DateTime<Utc>,
    /// `ok`, `failed` or `skipped`.
    pub outcome: String,
    /// What it did, or why it failed or was skipped.
    pub detail: String,
}

/// A pass's view of time and of being stopped.
pub struct Pass<'a> {
    /// The clock (fixed for `once --now`, the system's for the daemon).
    pub clock: &'a dyn Fn() -> DateTime<Utc>,
    /// True once the daemon is being stopped: no new job, and no new mail, is begun.
    pub stop: &'a dyn Fn() -> bool,
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
pub async fn run_due(
    config: &Config,
    store: &mut Store,
    pass: &Pass<'_>,
) -> Result<Vec<JobOutcome>, StoreError> {
    let now = (pass.clock)();
    let mut out = Vec::new();
    for j in &config.jobs {
        if (pass.stop)() {
            break;
        }
        let name = j.job.name();
        let name = name.as_str();
        let recorded = store.last_job_slot(name)?.and_then(|s| crate::store::parse_stamp(&s));
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
                slot: stamp(slot),
                outcome: "skipped".into(),
                started_at: stamp(now),
                finished_at: stamp(now),
                detail: detail.clone(),
            })?;
            out.push(JobOutcome { job: j.job.clone(), slot, outcome: "skipped".into(), detail });
        }
        let Some(slot) = due.run else { continue };
        tracing::info!(job = name, slot = %stamp(slot), "job starts");
        let started = (pass.clock)();
        match run_job(config, store, &j.job, pass).await {
            Ok(detail) => {
                tracing::info!(job = name, slot = %stamp(slot), outcome = "ok", detail = %detail, "job done");
                store.record_job(&JobRun {
                    job: name.into(),
                    slot: stamp(slot),
                    outcome: "ok".into(),
                    started_at: stamp(started),
                    finished_at: stamp((pass.clock)()),
                    detail: detail.clone(),
                })?;
                out.push(JobOutcome { job: j.job.clone(), slot, outcome: "ok".into(), detail });
            }
            Err(detail) => {
                tracing::error!(job = name, slot = %stamp(slot), detail = %detail, "job failed; its slot is tried again at the next pass");
                store.record_job_failure(name, &stamp(slot), &stamp((pass.clock)()), &detail)?;
                out.push(JobOutcome { job: j.job.clone(), slot, outcome: "failed".into(), detail });
            }
        }
    }
    Ok(out)
}

/// One job's body; its summary, or why it failed.
async fn run_job(config: &Config, store: &mut Store, job: &Job, pass: &Pass<'_>) -> Result<String, String> {
    let now = (pass.clock)();
    let mut parts = Vec::new();
    let mut failure = None;
    match job {
        Job::Ingest => parts.push(ingest_once(config, store, pass.clock)?),
        // The reminders are decided on what the store holds even when the inbox cannot be read now
        // (a share that is down); the job still counts as failed, and runs again.
        Job::Reminders => match ingest_once(config, store, pass.clock) {
            Ok(s) => parts.push(s),
            Err(e) => failure = Some(format!("reading the inbox failed: {e}")),
        },
        Job::Digest => {}
        // Like the reminders: the report is made from what the store holds even when the inbox
        // cannot be read now; it says when each log was last read.
        // A report that fails still lets the outbox drain (a mail telling that it is blocked).
        Job::Report(period) => {
            match ingest_once(config, store, pass.clock) {
                Ok(s) => parts.push(s),
                Err(e) => failure = Some(format!("reading the inbox failed: {e}")),
            }
            match report_job(config, store, period, now) {
                Ok(s) => parts.push(s),
                Err(e) => failure = Some(failure.map_or(e.clone(), |f| format!("{f}; {e}"))),
            }
        }
    }
    let which = match job {
        Job::Ingest => None,
        Job::Reminders => Some(Which { pledges: true, digest: false, data_quality: true }),
        Job::Digest => Some(Which { pledges: false, digest: true, data_quality: false }),
        Job::Report(_) => None,
    };
    if let Some(which) = which {
        let today = now.with_timezone(&config.timezone).date_naive();
        let q = notify::queue(config, store, &Templates::new(), today, now, false, which)
            .map_err(|e| e.to_string())?;
        parts.push(format!("{} mails decided, {} new", q.decided, q.new));
        if !q.errors.is_empty() {
            return Err(format!("{}; not composed: {}", parts.join("; "), q.errors.join("; ")));
        }
    }
    let sender = Sender::new(&config.mail).map_err(|e| format!("{}; cannot send: {e}", parts.join("; ")))?;
    let r = send::drain_until(store, &sender, pass.clock, pass.stop).await.map_err(|e| e.to_string())?;
    parts.push(format!("{} sent, {} to retry, {} failed", r.sent, r.retrying, r.failed));
    if let Some(e) = r.setup_failed {
        return Err(format!("{}; mail settings: {e}", parts.join("; ")));
    }
    match failure {
        Some(f) => Err(format!("{f}; {}", parts.join("; "))),
        None => Ok(parts.join("; ")),
    }
}

/// Writes the follow-up of `period` to the reports folder and queues its mail, once (the key
/// `report/{period}`); a mail more than `news_for_days` after its day is not sent (a new install does
/// not mail long-past reports), the files are still written.
fn report_job(
    config: &Config,
    store: &mut Store,
    period: &str,
    now: DateTime<Utc>,
) -> Result<String, String> {
    let p = config.period(period).ok_or(format!("no period {period:?} in the config"))?;
    let plan = config.report.plan(period).ok_or(format!("period {period:?} has no [period.report]"))?;
    let key = mail_report::key(period);
    // Once mailed, the files stay as mailed (a job that failed after queuing runs again).
    if store.has_message(&key).map_err(|e| e.to_string())? {
        return Ok(format!("report {period} was mailed before; its files are left as they are"));
    }
    let today = now.with_timezone(&config.timezone).date_naive();
    let made = match report::publish::make(config, store, p, today, &Format::ALL) {
        Ok(made) => made,
        Err(ReportError::Comments { path, error })
            if mail_report::is_due(plan.send_on, today, config.mail.news_for_days) =>
        {
            // The coordinators can mend the file; they are told once per mistake.
            let detail = format!("the comments file {}: {error}; the report is not made", path.display());
            let told = mail_report::compose_blocked(&Templates::new(), config, plan, &path, &error, now)
                .and_then(|mails| {
                    store
                        .immediate(|s| s.queue(&crate::notices::Decisions::default(), &mails, &stamp(now)))
                        .map_err(|e: StoreError| e.to_string())
                });
            return Err(match told {
                Ok(_) if config.log_keepers().is_empty() => {
                    format!("{detail}; nobody was mailed (no source has a log_keeper)")
                }
                Ok(0) => format!("{detail}; the log keepers were told before"),
                Ok(n) => format!("{detail}; {n} mails queued to the log keepers"),
                Err(e) => format!("{detail}; the log keepers could not be told: {e}"),
            });
        }
        Err(e) => return Err(e.to_string()),
    };
    report::publish::write(&made, &config.report.dir).map_err(|e| e.to_string())?;
    let written = format!("report {period} written to {}", config.report.dir.display());
    if made.activities == 0 {
        return Err(format!(
            "{written}; not mailed: the store holds no activity dated in the period (is the inbox empty or unreadable?)"
        ));
    }
    if !mail_report::is_due(plan.send_on, today, config.mail.news_for_days) {
        let detail = format!(
            "{written}; not mailed: {today} is more than news_for_days ({}) after its day {}",
            config.mail.news_for_days, plan.send_on
        );
        tracing::warn!(period, "{detail}");
        return Ok(detail);
    }
    let message = mail_report::compose(&Templates::new(), config, plan, &made, now)
        .map_err(|e| format!("{written}; the mail could not be made: {e}"))?;
    let to = message.recipient.clone();
    let new = store
        .immediate(|s| {
            s.queue(&crate::notices::Decisions::default(), std::slice::from_ref(&message), &stamp(now))
        })
        .map_err(|e: StoreError| e.to_string())?;
    Ok(if new == 1 {
        format!("{written}; mail queued to {to}")
    } else {
        format!("{written}; its mail was queued before")
    })
}

/// Reads the inbox, as `pledgewatch ingest` does (also outside any slot, when the daemon saw a log
/// change); a summary line, or why it failed. The run is recorded with the clock's time before and
/// after it.
pub fn ingest_once(
    config: &Config,
    store: &mut Store,
    clock: &dyn Fn() -> DateTime<Utc>,
) -> Result<String, String> {
    let started = clock();
    let report = ingest::ingest(config, store, started, &ingest::Quiet).map_err(|e| e.to_string())?;
    let json = serde_json::to_string(&report).unwrap_or_default();
    store.record_run(started, clock(), &json).map_err(|e| e.to_string())?;
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
