//! The verbs `once` and `jobs`.

use std::fmt::Write;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Error, now, open_store, runtime};
use crate::config::{Config, Install};

/// A moment as typed: RFC 3339, or a local date and time in the configured zone.
fn parse_now(config: &Config, text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Some(t.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()?;
    Some(crate::schedule::local_instant(config.timezone, local.date(), local.time()))
}

/// `once`: one pass over the jobs due at `--now`.
pub(super) fn once(install: &Install, at: Option<&str>, force: bool) -> Result<(), Error> {
    let config = &install.shared;
    let now = match at {
        None => now(),
        Some(text) => parse_now(config, text).ok_or_else(|| Error::Now(text.to_owned()))?,
    };
    // The daemon's lock: a pass never runs beside a daemon (or another pass) on the same state.
    let _lock = crate::daemon::lock(&config.state_dir)?;
    let mut store = open_store(config)?;
    // Before anything is read or stamped: a pass at a moment before the last day mail was decided
    // for would send old figures after newer ones.
    let today = config.today(now);
    let last = crate::mail::notify::last_decided(&store).map_err(Error::Store)?;
    crate::mail::notify::guard(last, today, force)?;
    let clock = || now;
    let pass = crate::jobs::Pass { clock: &clock, stop: &|| false, force, alive: &|| {} };
    let outcomes = runtime()?.block_on(crate::jobs::run_due(install, &mut store, &pass))?;
    let local = |t: DateTime<Utc>| crate::schedule::local_label(config.timezone, t);
    sayln!("Jobs due at {}:", local(now));
    if outcomes.is_empty() {
        sayln!("  none");
    }
    let width = outcomes.iter().map(|o| o.job.name().len()).max().unwrap_or(0).max(10);
    for o in &outcomes {
        sayln!("  {:width$} slot {}  {:7}  {}", o.job.name(), local(o.slot), o.outcome, o.detail);
    }
    match outcomes.iter().filter(|o| o.outcome == crate::store::RunOutcome::Failed).count() {
        0 => Ok(()),
        failed => Err(Error::JobsFailed(failed)),
    }
}

/// `jobs`: each job's schedule, last run and next slot.
pub(super) fn jobs(install: &Install) -> Result<(), Error> {
    let config = &install.shared;
    let store = open_store(config)?;
    let local = |t: DateTime<Utc>| crate::schedule::local_label(config.timezone, t);
    let mut out = String::new();
    let width = install.jobs().iter().map(|j| j.job.name().len()).max().unwrap_or(0).max(10);
    let _ = writeln!(
        out,
        "{:width$}  {:26}  {:22}  {:7}  {:22}  DETAIL",
        "JOB", "SCHEDULE", "LAST SLOT", "OUTCOME", "NEXT SLOT"
    );
    for j in install.jobs() {
        let (last, failure) = (store.last_job_run(&j.job.name())?, store.job_failure(&j.job.name())?);
        // A slot due and not yet recorded (a failing job's, a one-off whose time has passed) is
        // tried at the next pass, whatever the schedule says next.
        let recorded = last.as_ref().map(|r| r.slot);
        let due = crate::jobs::due(config, j, recorded, now());
        let next = if due.run.is_some() || due.skipped.is_some() {
            Some("next pass".to_owned())
        } else {
            j.schedule.next(config.timezone, now(), 1, chrono::Duration::days(400)).first().map(|t| local(*t))
        };
        // A job that is failing shows its failure (its slot is tried again at every pass).
        let (slot, outcome, detail) = match (&failure, &last) {
            (Some(f), _) => (
                local(f.slot),
                "failing".to_owned(),
                format!(
                    "{} attempts since {}, the latest {}: {}",
                    f.attempts,
                    local(f.first_at),
                    local(f.last_at),
                    f.detail
                ),
            ),
            (None, Some(r)) => (local(r.slot), r.outcome.as_str().to_owned(), r.detail.clone()),
            (None, None) => ("never".into(), String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "{:width$}  {:26}  {:22}  {:7}  {:22}  {detail}",
            j.job.name(),
            j.schedule.describe(),
            slot,
            outcome,
            next.unwrap_or_else(|| "never".into())
        );
    }
    say!("{out}");
    Ok(())
}

/// `run`: the daemon, until SIGTERM.
pub(super) fn daemon(install: Install, path: &std::path::Path) -> Result<(), Error> {
    let load = || Install::load(path);
    Ok(runtime()?.block_on(crate::daemon::run(install, load, now))?)
}
