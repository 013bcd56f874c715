//! The verbs `once` and `jobs`.

use std::fmt::Write;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{EXIT_IO, EXIT_TEMPFAIL, EXIT_USAGE, now, open_store, runtime};
use crate::config::Config;

/// A moment as typed: RFC 3339, or a local date and time in the configured zone.
fn parse_now(config: &Config, text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Some(t.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()?;
    Some(crate::schedule::local_instant(config.timezone, local.date(), local.time()))
}

/// `once`: one pass over the jobs due at `--now`.
pub fn once(config: &Config, at: Option<&str>) -> ExitCode {
    let now = match at {
        None => now(),
        Some(text) => match parse_now(config, text) {
            Some(t) => t,
            None => {
                eprintln!(
                    "error: --now {text:?} is not a time; expected 2019-10-14T07:00:00+02:00 or \"2019-10-14 07:00\""
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    // The daemon's lock: a pass never runs beside a daemon (or another pass) on the same state.
    let _lock = match crate::daemon::lock(&config.state_dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_TEMPFAIL);
        }
    };
    let mut store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let outcomes = match runtime() {
        Ok(rt) => {
            let clock = || now;
            let pass = crate::jobs::Pass { clock: &clock, stop: &|| false };
            rt.block_on(crate::jobs::run_due(config, &mut store, &pass))
        }
        Err(code) => return code,
    };
    let outcomes = match outcomes {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    let local = |t: DateTime<Utc>| crate::schedule::local_label(config.timezone, t);
    println!("Jobs due at {}:", local(now));
    if outcomes.is_empty() {
        println!("  none");
    }
    let width = outcomes.iter().map(|o| o.job.name().len()).max().unwrap_or(0).max(10);
    for o in &outcomes {
        println!("  {:width$} slot {}  {:7}  {}", o.job.name(), local(o.slot), o.outcome, o.detail);
    }
    if outcomes.iter().any(|o| o.outcome == "failed") { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// `jobs`: each job's schedule, last run and next slot.
pub fn jobs(config: &Config) -> ExitCode {
    let store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let local = |t: DateTime<Utc>| crate::schedule::local_label(config.timezone, t);
    let mut out = String::new();
    let width = config.jobs.iter().map(|j| j.job.name().len()).max().unwrap_or(0).max(10);
    let _ = writeln!(
        out,
        "{:width$}  {:26}  {:22}  {:7}  {:22}  DETAIL",
        "JOB", "SCHEDULE", "LAST SLOT", "OUTCOME", "NEXT SLOT"
    );
    for j in &config.jobs {
        let (last, failure) = match (store.last_job_run(&j.job.name()), store.job_failure(&j.job.name())) {
            (Ok(l), Ok(f)) => (l, f),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_IO);
            }
        };
        let at = |text: &str| crate::store::parse_stamp(text).map_or_else(|| text.to_owned(), local);
        // A slot due and not yet recorded (a failing job's, a one-off whose time has passed) is
        // tried at the next pass, whatever the schedule says next.
        let recorded = last.as_ref().and_then(|r| crate::store::parse_stamp(&r.slot));
        let due = crate::jobs::due(config, j, recorded, now());
        let next = if due.run.is_some() || due.skipped.is_some() {
            Some("next pass".to_owned())
        } else {
            j.schedule.next(config.timezone, now(), 1, chrono::Duration::days(400)).first().map(|t| local(*t))
        };
        // A job that is failing shows its failure (its slot is tried again at every pass).
        let (slot, outcome, detail) = match (&failure, &last) {
            (Some(f), _) => (
                at(&f.slot),
                "failing".to_owned(),
                format!(
                    "{} attempts since {}, the latest {}: {}",
                    f.attempts,
                    at(&f.first_at),
                    at(&f.last_at),
                    f.detail
                ),
            ),
            (None, Some(r)) => (at(&r.slot), r.outcome.clone(), r.detail.clone()),
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
    print!("{out}");
    ExitCode::SUCCESS
}

/// `run`: the daemon, until SIGTERM.
pub fn daemon(config: Config, path: &std::path::Path) -> ExitCode {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let load = || Config::load(path).map_err(|e| e.to_string());
    match rt.block_on(crate::daemon::run(config, load, now)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ crate::daemon::DaemonError::Locked(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_TEMPFAIL)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_IO)
        }
    }
}
