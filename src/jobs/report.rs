//! The report job: makes the follow-up of a period on its day, and writes and mails it as
//! `report::delivery` decides; a comments file that stops it is told to the log keepers.
//!
//! The edge: it reads the store and the comments file and writes the reports folder and the outbox.
//! What is done is decided by `report::delivery`, not here.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Config;
use crate::config::report::ReportPlan;
use crate::mail::compose::{ComposeError, Templates};
use crate::mail::report as mail_report;
use crate::report::comments::CommentError;
use crate::report::delivery::{Delivery, Hold, Outcome, delivery, interim_delivery};
use crate::report::{self, Format, ReportError};
use crate::store::{Store, StoreError};

/// Why the report job failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReportJobError {
    /// The job names a municipality the config no longer has.
    #[error("no municipality {0:?} in the config")]
    NoMunicipality(String),
    /// The job names a period the config no longer has.
    #[error("no period {0:?} in the config")]
    NoPeriod(String),
    /// The period has no `[period.report]`.
    #[error("period {0:?} has no [period.report]")]
    NoPlan(String),
    /// The job names an interim follow-up the period no longer has.
    #[error("period {0:?} has no [[period.interim]] of {1}")]
    NoInterim(String, NaiveDate),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The follow-up could not be made or written.
    #[error(transparent)]
    Report(ReportError),
    /// The comments file stops it; what the log keepers were told.
    #[error("the comments file {}: {error}{told}", path.display())]
    Blocked { path: PathBuf, error: Box<CommentError>, told: Told },
    /// Written, and not mailed: the store holds no activity dated in the period.
    #[error(
        "report {period} written to {}; not mailed: the store holds no activity dated in the period \
         (is the inbox empty or unreadable?)",
        dir.display()
    )]
    NoActivity { period: String, dir: PathBuf },
    /// Written, and not mailed: sources have delivered no log; what their keepers were told.
    #[error(
        "report {period} written to {}; not mailed: no log has been read from {}{told:#}",
        dir.display(),
        sources.join(", ")
    )]
    Awaited { period: String, dir: PathBuf, sources: Vec<String>, told: Box<Told> },
    /// Written, and its mail could not be made.
    #[error("report {period} written to {}; the mail could not be made: {error}", dir.display())]
    Compose { period: String, dir: PathBuf, error: Box<ComposeError> },
}

/// What the log keepers were told of a comments file that stops the follow-up.
#[derive(Debug)]
pub(crate) enum Told {
    /// Nothing: the follow-up's day has not come, or is long past.
    Nothing,
    /// No source has a log keeper to tell.
    Nobody,
    /// They were told of this mistake before.
    Before,
    /// So many mails were queued to them.
    Queued(usize),
    /// They could not be told.
    Failed(ComposeError),
}

impl std::fmt::Display for Told {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `{:#}`: the report was made (and held), so that is not said.
        let not_made = if f.alternate() { "" } else { "; the report is not made" };
        match self {
            Told::Nothing => Ok(()),
            Told::Nobody => {
                write!(f, "{not_made}; nobody was mailed (no log_keeper or mail.coordinator to tell)")
            }
            Told::Before => write!(f, "{not_made}; the log keepers were told before"),
            Told::Queued(n) => write!(f, "{not_made}; {n} mails queued to the log keepers"),
            Told::Failed(e) => write!(f, "{not_made}; the log keepers could not be told: {e}"),
        }
    }
}

/// Makes the follow-up of `period`, and writes and mails it as `report::delivery` decides: once (the
/// key `report/{period}`), on its day or up to `news_for_days` late, never without an activity of the
/// period; a comments file that stops it is told to the log keepers.
pub(super) fn report_job(
    config: &Config,
    store: &mut Store,
    period: &str,
    now: DateTime<Utc>,
) -> Result<String, ReportJobError> {
    let p = config.period(period).ok_or_else(|| ReportJobError::NoPeriod(period.to_owned()))?;
    let plan = config.report.plan(period).ok_or_else(|| ReportJobError::NoPlan(period.to_owned()))?;
    let mailed = store.has_message(&mail_report::key(config, period))?;
    let today = config.today(now);
    let made = match report::publish::make(config, store, p, today, &Format::ALL) {
        Ok(made) => Ok(made),
        Err(ReportError::Comments { path, error }) => Err((path, error)),
        Err(e) => return Err(ReportJobError::Report(e)),
    };
    let outcome = made.as_ref().map_or(Outcome::CommentsBroken, Outcome::Made);
    let supply = crate::supply::Supply::look(config, store)?;
    let delivery =
        delivery(outcome, Some(plan), today, mailed, config.mail.news_for_days, supply.all_delivered());
    let made = match (delivery, made) {
        (Delivery::KeepMailed, _) => {
            return Ok(format!("report {period} was mailed before; its files are left as they are"));
        }
        (_, Err((path, error))) => {
            let tell = delivery == Delivery::Blocked { tell: true };
            let told =
                if tell { tell_log_keepers(config, store, plan, &path, &error, now) } else { Told::Nothing };
            return Err(ReportJobError::Blocked { path, error, told });
        }
        (_, Ok(made)) => made,
    };
    let dir = &config.report.dir;
    report::publish::write(&made, dir).map_err(ReportJobError::Report)?;
    let written = format!("report {period} written to {}", dir.display());
    if let Delivery::Hold(hold) = delivery {
        if hold == Hold::NoActivity {
            return Err(ReportJobError::NoActivity { period: period.to_owned(), dir: dir.clone() });
        }
        if hold == Hold::Awaited {
            let told = tell_awaited(config, store, plan, &supply, now);
            let sources = supply.awaited.iter().map(|a| a.source.clone()).collect();
            return Err(ReportJobError::Awaited {
                period: period.to_owned(),
                dir: dir.clone(),
                sources,
                told: Box::new(told),
            });
        }
        let detail = format!("{written}; not mailed: {}", held_because(hold, today));
        tracing::warn!(period, "{detail}");
        return Ok(detail);
    }
    let message = mail_report::compose(&Templates::new(), config, plan, &made, now).map_err(|error| {
        ReportJobError::Compose { period: period.to_owned(), dir: dir.clone(), error: Box::new(error) }
    })?;
    let to = message.recipient.clone();
    // The figures it states are remembered with it (as of today, the period over, as a correction
    // will see them): a later change of them is a correction.
    let log = store.log_in(config.store_scope(), &crate::rules::days_to_read(&config.periods, &[p]))?;
    let reported = crate::rules::standings_in(&config.pledges, p, &config.periods, &log, today)
        .iter()
        .map(crate::notices::ReportedFigure::of)
        .collect();
    let decisions = crate::notices::Decisions { reported, ..Default::default() };
    let scope = config.store_scope();
    let new = store.immediate(|s| s.queue_of(&[(scope, &decisions)], std::slice::from_ref(&message), now))?;
    Ok(if new == 1 {
        format!("{written}; mail queued to {to}")
    } else {
        format!("{written}; its mail was queued before")
    })
}

/// Makes the interim follow-up ("Delrapport") of `period` configured for `date`, with figures of
/// the day before, and writes and mails it to the follow-up's recipients as
/// `report::delivery::interim_delivery` decides: once (its key names its day), on its day or up to
/// `news_for_days` late, with an activity of the period and every log in. The logs awaited are told
/// by the reminders' notices; a comments file that stops it fails the job (`jobs` shows why) and is
/// told when the follow-up's day comes.
pub(super) fn interim_job(
    config: &Config,
    store: &mut Store,
    period: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String, ReportJobError> {
    let p = config.period(period).ok_or_else(|| ReportJobError::NoPeriod(period.to_owned()))?;
    let plan = config.report.plan(period).ok_or_else(|| ReportJobError::NoPlan(period.to_owned()))?;
    let interim = plan
        .interims
        .iter()
        .find(|i| i.date == date)
        .ok_or_else(|| ReportJobError::NoInterim(period.to_owned(), date))?;
    let mailed = store.has_message(&mail_report::interim_key(config, period, interim.as_of()))?;
    if mailed {
        return Ok(format!("interim report {period} of {} was mailed before", interim.as_of()));
    }
    let made = match report::publish::make_interim(config, store, p, interim.as_of()) {
        Ok(made) => made,
        Err(ReportError::Comments { path, error }) => {
            return Err(ReportJobError::Blocked { path, error, told: Told::Nothing });
        }
        Err(e) => return Err(ReportJobError::Report(e)),
    };
    let supply = crate::supply::Supply::look(config, store)?;
    let today = config.today(now);
    let delivery =
        interim_delivery(&made, interim, today, false, config.mail.news_for_days, supply.all_delivered());
    let dir = &config.report.dir;
    report::publish::write(&made, dir).map_err(ReportJobError::Report)?;
    let written = format!("interim report {period} of {} written to {}", interim.as_of(), dir.display());
    match delivery {
        Delivery::Hold(Hold::NoActivity) => {
            return Err(ReportJobError::NoActivity { period: period.to_owned(), dir: dir.clone() });
        }
        Delivery::Hold(Hold::Awaited) => {
            let sources = supply.awaited.iter().map(|a| a.source.clone()).collect();
            let told = Box::new(Told::Nothing);
            return Err(ReportJobError::Awaited {
                period: period.to_owned(),
                dir: dir.clone(),
                sources,
                told,
            });
        }
        Delivery::Hold(hold) => {
            let detail = format!("{written}; not mailed: {}", held_because(hold, today));
            tracing::warn!(period, "{detail}");
            return Ok(detail);
        }
        Delivery::KeepMailed | Delivery::Blocked { .. } | Delivery::Send => {}
    }
    let message = mail_report::compose(&Templates::new(), config, plan, &made, now).map_err(|error| {
        ReportJobError::Compose { period: period.to_owned(), dir: dir.clone(), error: Box::new(error) }
    })?;
    let to = message.recipient.clone();
    let scope = config.store_scope();
    let none = crate::notices::Decisions::default();
    let new = store.immediate(|s| s.queue_of(&[(scope, &none)], std::slice::from_ref(&message), now))?;
    Ok(if new == 1 {
        format!("{written}; mail queued to {to}")
    } else {
        format!("{written}; its mail was queued before")
    })
}

/// Why a follow-up that was written is not mailed, in the job's detail.
fn held_because(hold: Hold, today: NaiveDate) -> String {
    match hold {
        Hold::NoActivity => "the store holds no activity dated in the period".into(),
        Hold::Awaited => "a source has delivered no log".into(),
        Hold::NoPlan => "the period has no [period.report]".into(),
        Hold::NotYet { send_on } => format!("its day is {send_on}"),
        Hold::TooLate { send_on, news_for_days } => {
            format!("{today} is more than news_for_days ({news_for_days}) after its day {send_on}")
        }
    }
}

/// Tells the log keepers of the awaited sources and the coordinator that the follow-up of `plan`
/// waits for their logs (once per source and period: the mails' keys name them).
fn tell_awaited(
    config: &Config,
    store: &mut Store,
    plan: &ReportPlan,
    supply: &crate::supply::Supply,
    now: DateTime<Utc>,
) -> Told {
    // These mails also say that the logs are awaited: that is not told again apart.
    let noticed = supply.awaited.iter().map(|a| config.scoped(&crate::notices::awaited_key(a))).collect();
    let decisions = crate::notices::Decisions { noticed, ..Default::default() };
    let told = mail_report::compose_awaited(&Templates::new(), config, plan, supply, now).and_then(|mails| {
        let n = mails.len();
        let scope = config.store_scope();
        store
            .immediate(|s| s.queue_of(&[(scope, &decisions)], &mails, now))
            .map(|new| (n, new))
            .map_err(ComposeError::Store)
    });
    match told {
        Ok((0, _)) => Told::Nobody,
        Ok((_, 0)) => Told::Before,
        Ok((_, n)) => Told::Queued(n),
        Err(e) => Told::Failed(e),
    }
}

/// Tells the log keepers that the comments file at `path` stops the follow-up of `plan` (once per
/// mistake: the mails' keys name it).
fn tell_log_keepers(
    config: &Config,
    store: &mut Store,
    plan: &ReportPlan,
    path: &Path,
    error: &CommentError,
    now: DateTime<Utc>,
) -> Told {
    let told =
        mail_report::compose_blocked(&Templates::new(), config, plan, path, error, now).and_then(|mails| {
            store
                .immediate(|s| s.queue(&crate::notices::Decisions::default(), &mails, now))
                .map_err(ComposeError::Store)
        });
    match told {
        Ok(_) if config.comments_keepers().is_empty() => Told::Nobody,
        Ok(0) => Told::Before,
        Ok(n) => Told::Queued(n),
        Err(e) => Told::Failed(e),
    }
}
