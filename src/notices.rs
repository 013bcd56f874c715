//! Which mails to send: from the standings and what was sent before, the reminders, outcomes, digest
//! and data-quality notices due on a day, each under an idempotency key.
//!
//! Pure: no store, no clock, no templates. What was decided before comes in as [`Memory`]; what to
//! remember comes out with the notices, and the caller commits both in one transaction with the
//! composed messages. A key names one mail to one person; deciding it again is a no-op in the outbox.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::config::Config;
use crate::rules::{PledgeStanding, Status};
use crate::supply::Supply;

mod corrections;
pub(crate) mod plan;
pub(crate) use corrections::{NO_VALUE, ReportedFigure, corrections};

/// What kind of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A pledge fell behind its pace.
    Reminder,
    /// A pledge was met.
    Met,
    /// A pledge can no longer be met.
    Missed,
    /// The weekly digest to the chiefs.
    Digest,
    /// New row errors and refused files, to a source's log keeper.
    DataQuality,
    /// A test message (`pledgewatch test-mail`).
    Test,
    /// The written follow-up of a period, to the BRÅ chair with others in copy.
    Report,
    /// The follow-up is due but stopped by the comments file, to the log keepers who can mend it.
    ReportBlocked,
    /// A source has never delivered a log, to its log keeper and the coordinator: figures that
    /// depend on it are held until it does.
    LogsAwaited,
    /// No pledge period is current or to come and the last one's follow-up has gone: the digest
    /// stops; to the digest's recipients and the coordinator, saying what to add to the config.
    NoPeriod,
    /// A mailed follow-up's figures changed (a log re-saved late), to its recipients.
    Correction,
    /// A person's reminders and outcomes of one pass, merged into one mail (each decision keeps
    /// its key).
    Pledges,
    /// A planned activity is near, to the party that does it (or the pledge's owners).
    Planned,
}

crate::codes::stored_names!(pub(crate) Kind, "mail kind", {
    Reminder => "reminder",
    Met => "met",
    Missed => "missed",
    Digest => "digest",
    DataQuality => "data_quality",
    Test => "test",
    Report => "report",
    ReportBlocked => "report_blocked",
    LogsAwaited => "logs_awaited",
    NoPeriod => "no_period",
    Correction => "correction",
    Pledges => "pledges",
    Planned => "planned",
});

/// What was last decided for a pledge in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PledgeMemory {
    /// The pledge.
    pub(crate) pledge: String,
    /// The period.
    pub(crate) period: String,
    /// Its status when last decided on; `behind` also while it is on track again but not yet back at
    /// its pace (the lapse goes on).
    pub(crate) status: Status,
    /// How many times it has fallen behind in the period (the current lapse's number while behind).
    pub(crate) lapse: u32,
    /// Reminders sent in the current lapse.
    pub(crate) reminders: u32,
    /// The day of the last reminder.
    pub(crate) last_reminder: Option<NaiveDate>,
}

/// The figures of the last digest, for the trend.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DigestMemory {
    /// The ISO week it was sent for, e.g. `2019-W41`.
    pub(crate) week: String,
    /// The day it was computed for.
    pub(crate) as_of: Option<NaiveDate>,
    /// Each pledge's count then, by [`digest_key`].
    pub(crate) counts: BTreeMap<String, u32>,
}

/// A problem of a source's files that its log keeper may need to hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProblemRef {
    /// A key that stays the same while the problem does (file, sheet, row, reason).
    pub(crate) key: String,
    /// The source of its file.
    pub(crate) source: String,
    /// The store's id of the problem (for the message).
    pub id: i64,
    /// In a police area, the municipality a row problem names or resembles (empty when none, for a
    /// refused file, and for a municipality alone): whose round tells it.
    pub(crate) municipality: String,
}

/// What was sent before.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memory {
    /// Per pledge and period.
    pub pledges: Vec<PledgeMemory>,
    /// The last digest.
    pub(crate) digest: Option<DigestMemory>,
    /// Keys of the problems (and awaited logs, and periods ended) already told about.
    pub(crate) noticed: BTreeSet<String>,
    /// The periods whose follow-up is in the outbox, with when it was queued (a store stamp).
    pub(crate) reports_mailed: BTreeMap<String, String>,
    /// The figures the mailed follow-ups stated (or the last correction told).
    pub(crate) reported: Vec<ReportedFigure>,
}

/// What the decisions of a day are made from, besides the config and the memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    /// Every pledge's standing in its current period (`rules::standing`).
    pub(crate) standings: &'a [PledgeStanding],
    /// The standings in the periods whose follow-up was mailed (for corrections).
    pub(crate) finished: &'a [PledgeStanding],
    /// The standings in periods that ended within `news_for_days` but are no longer their pledges'
    /// current period (the next one began): their outcomes are still mailed.
    pub(crate) ended: &'a [PledgeStanding],
    /// The problems of the logs.
    pub(crate) problems: &'a [ProblemRef],
    /// Which sources have delivered.
    pub(crate) supply: &'a Supply,
    /// The follow-up that the report job makes at this pass, if any.
    pub(crate) follow_up: Option<&'a FollowUpToday>,
}

/// The follow-up that the report job makes at this pass (`report::delivery::foresee`), as the day's
/// other mails need to know it: they do not repeat what it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FollowUpToday {
    /// Who receives it (to and cc).
    pub(crate) to: Vec<String>,
    /// It is mailed; else it is held (for awaited logs, their keepers and the coordinator are told
    /// so by the report job, in the one mail that also says the logs are awaited).
    pub(crate) goes: bool,
    /// The problems (store ids) its data-quality pages show.
    pub(crate) carries: BTreeSet<i64>,
}

/// One mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notice {
    /// The idempotency key: kind, subject (pledge and period, week, or source and problems), lapse,
    /// recipient.
    pub(crate) key: String,
    /// What kind.
    pub(crate) kind: Kind,
    /// The person's id.
    pub(crate) to: String,
    /// The pledge, for reminders and outcomes.
    pub(crate) pledge: Option<String>,
    /// The period, for reminders and outcomes: a pledge stands in the period that began and, for a
    /// while, in the one that just ended, whose outcome is still news.
    pub(crate) period: Option<String>,
    /// The source, for data-quality and logs-awaited notices; the period, for corrections.
    pub(crate) source: Option<String>,
    /// The problems, for data-quality notices (store ids).
    pub(crate) problems: Vec<i64>,
}

/// What to send and what to remember.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decisions {
    /// The mails, in a stable order.
    pub(crate) notices: Vec<Notice>,
    /// The pledges' memory after these decisions.
    pub pledges: Vec<PledgeMemory>,
    /// The digest to remember, when one is sent.
    pub(crate) digest: Option<DigestMemory>,
    /// Problem keys now told about.
    pub(crate) noticed: Vec<String>,
    /// The figures now told (a follow-up mailed, a correction).
    pub(crate) reported: Vec<ReportedFigure>,
}

/// The day of the week the digest goes out on (or the first run after it in the same ISO week).
pub(crate) const DIGEST_DAY: Weekday = Weekday::Mon;

/// How a pledge's count is kept in [`DigestMemory`]: per pledge and period, so a trend never
/// compares one period with another.
pub(crate) fn digest_key(pledge: &str, period: &str) -> String {
    format!("{pledge}/{period}")
}

/// The ISO week of a day, as `2019-W41`.
pub(crate) fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The people a pledge's reminders and outcomes go to: the contacts of its owners, each once.
pub(crate) fn pledge_recipients<'a>(config: &'a Config, pledge: &str) -> Vec<&'a str> {
    let Some(p) = config.pledges.iter().find(|p| p.id == pledge) else { return Vec::new() };
    let mut out: Vec<&str> = Vec::new();
    for owner in &p.owners {
        for c in config.parties.iter().filter(|x| &x.id == owner).flat_map(|x| &x.contacts) {
            if !out.contains(&c.as_str()) {
                out.push(c);
            }
        }
    }
    out
}

/// Which mails a round decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Which {
    /// Reminders and outcomes of pledges.
    pub pledges: bool,
    /// The weekly digest.
    pub(crate) digest: bool,
    /// Data-quality notices.
    pub(crate) data_quality: bool,
}

impl Which {
    /// Every kind (`pledgewatch notify`).
    pub(crate) const ALL: Which = Which { pledges: true, digest: true, data_quality: true };
}

/// The key under which the memory keeps that a source's awaited logs were told about.
pub(crate) fn awaited_key(awaited: &crate::supply::Awaited) -> String {
    // A folder gone is told apart from logs never delivered (it may come after them).
    let folder = if awaited.folder == crate::supply::Folder::Listed { "" } else { "/folder" };
    format!("{}/{}{folder}", Kind::LogsAwaited.as_str(), awaited.source)
}

/// Decides the mails due on `as_of`, of the kinds in `which`; the memory of the other kinds is left
/// as it was.
///
/// No mail states a pledge's figures while a source of its owners is awaited (`supply`): its
/// reminders and outcomes wait (its memory is left as it was, so they are decided once the logs
/// are in), the digest leaves it out (and is not sent while no pledge can be shown), and the log
/// keeper and the coordinator are told once, per source, that its logs are awaited.
///
/// Once a period's follow-up is mailed, its pledges get no reminder or outcome mail: a figure that
/// changes afterwards is one correction to the follow-up's recipients.
pub(crate) fn decide(
    config: &Config,
    facts: Facts<'_>,
    memory: &Memory,
    as_of: NaiveDate,
    which: Which,
) -> Decisions {
    let Facts { standings, finished, ended, problems, supply, follow_up } = facts;
    let mut d = Decisions::default();
    let ready: Vec<&PledgeStanding> =
        standings.iter().filter(|s| supply.is_ready(config, &s.pledge)).collect();
    let ready_ended = ended.iter().filter(|s| supply.is_ready(config, &s.pledge));
    let pledges: Vec<&PledgeStanding> =
        if which.pledges { ready_ended.chain(ready.iter().copied()).collect() } else { Vec::new() };
    let open = |s: &&&PledgeStanding| !memory.reports_mailed.contains_key(&s.period);
    for s in pledges.iter().filter(open).filter(|s| s.status != Status::Qualitative) {
        let before = memory.pledges.iter().find(|m| m.pledge == s.pledge && m.period == s.period);
        let (m, kind) = pledge_step(config, s, before, as_of);
        if let Some((kind, tag)) = kind {
            for to in pledge_recipients(config, &s.pledge) {
                d.notices.push(Notice {
                    key: format!("{}/{}/{}/{tag}/{to}", kind.as_str(), s.pledge, s.period),
                    kind,
                    to: to.to_owned(),
                    pledge: Some(s.pledge.clone()),
                    period: Some(s.period.clone()),
                    source: None,
                    problems: Vec::new(),
                });
            }
        }
        d.pledges.push(m);
    }
    let week = iso_week(as_of);
    let digest_due = as_of.weekday().num_days_from_monday() >= DIGEST_DAY.num_days_from_monday()
        && memory.digest.as_ref().is_none_or(|m| m.week != week);
    let ended = all_ended(config, memory, as_of);
    if which.digest && digest_due && !config.mail.digest_to.is_empty() && !ready.is_empty() && ended.is_none()
    {
        for to in &config.mail.digest_to {
            d.notices.push(Notice {
                key: format!("digest/{week}/{to}"),
                kind: Kind::Digest,
                to: to.clone(),
                pledge: None,
                period: None,
                source: None,
                problems: Vec::new(),
            });
        }
        d.digest = Some(DigestMemory {
            week,
            as_of: Some(as_of),
            counts: ready.iter().map(|s| (digest_key(&s.pledge, &s.period), s.count)).collect(),
        });
    }
    if which.data_quality {
        data_quality(config, problems, memory, follow_up, &mut d);
        // The report job's held follow-up tells the same people that the logs are awaited.
        if follow_up.is_none_or(|f| f.goes) {
            logs_awaited(config, supply, memory, as_of, &mut d);
        }
    }
    if let Some(last) = ended.filter(|_| which.digest) {
        no_period(config, last, memory, &mut d);
    }
    if which.pledges {
        corrections::correct(config, memory, finished, &mut d);
        plan::planned(config, standings, memory, as_of, &mut d);
    }
    d
}

/// Each source's problems not told before, to its log keeper, in one notice per batch; not when the
/// follow-up mailed at this pass goes to the keeper and shows them all.
fn data_quality(
    config: &Config,
    problems: &[ProblemRef],
    memory: &Memory,
    follow_up: Option<&FollowUpToday>,
    d: &mut Decisions,
) {
    for source in &config.sources {
        let new: Vec<&ProblemRef> =
            problems.iter().filter(|p| p.source == source.name && !memory.noticed.contains(&p.key)).collect();
        if new.is_empty() {
            continue;
        }
        d.noticed.extend(new.iter().map(|p| p.key.clone()));
        let Some(keeper) = &source.log_keeper else { continue };
        let carried = follow_up.is_some_and(|f| {
            f.goes && f.to.contains(keeper) && new.iter().all(|p| f.carries.contains(&p.id))
        });
        if carried {
            continue;
        }
        let mut keys: Vec<&str> = new.iter().map(|p| p.key.as_str()).collect();
        keys.sort_unstable();
        let batch = blake3::hash(keys.join("\n").as_bytes()).to_hex()[..16].to_owned();
        d.notices.push(Notice {
            key: format!("data_quality/{}/{batch}/{keeper}", source.name),
            kind: Kind::DataQuality,
            to: keeper.clone(),
            pledge: None,
            period: None,
            source: Some(source.name.clone()),
            problems: new.iter().map(|p| p.id).collect(),
        });
    }
}

/// The last period, when no period is current on `as_of` or still to come and the last one's
/// account is closed: its follow-up has gone (or it has none to send, or its day is more than
/// `news_for_days` past). The digest stops then: its figures would not change again.
pub(crate) fn all_ended<'a>(
    config: &'a Config,
    memory: &Memory,
    as_of: NaiveDate,
) -> Option<&'a crate::pledge::Period> {
    if config.periods.iter().any(|p| as_of <= p.end) {
        return None;
    }
    let last = config.periods.iter().max_by_key(|p| p.end)?;
    let closed = match config.report.plan(&last.id) {
        None => true,
        Some(plan) => {
            memory.reports_mailed.contains_key(&last.id)
                || (as_of - plan.send_on).num_days() > i64::from(config.mail.news_for_days)
        }
    };
    closed.then_some(last)
}

/// Tells the digest's recipients and the coordinator, once, that no period is current (see
/// [`all_ended`]).
fn no_period(config: &Config, last: &crate::pledge::Period, memory: &Memory, d: &mut Decisions) {
    let told = format!("{}/{}", Kind::NoPeriod.as_str(), last.id);
    if memory.noticed.contains(&told) {
        return;
    }
    let mut to: Vec<&str> = config.mail.digest_to.iter().map(String::as_str).collect();
    to.extend(config.mail.coordinator.as_deref().filter(|c| !to.contains(c)));
    for person in to {
        d.notices.push(Notice {
            key: format!("{told}/{person}"),
            kind: Kind::NoPeriod,
            to: person.to_owned(),
            pledge: None,
            period: None,
            source: None,
            problems: Vec::new(),
        });
    }
    d.noticed.push(told);
}

/// Once a period has begun, tells each awaited source's log keeper and the coordinator, once, that
/// its logs are awaited.
fn logs_awaited(config: &Config, supply: &Supply, memory: &Memory, as_of: NaiveDate, d: &mut Decisions) {
    if !config.periods.iter().any(|p| p.start <= as_of) {
        return;
    }
    for awaited in &supply.awaited {
        let told = awaited_key(awaited);
        if memory.noticed.contains(&told) {
            continue;
        }
        let Some(source) = config.source(&awaited.source) else { continue };
        for person in config.told_of_logs(source) {
            d.notices.push(Notice {
                key: format!("{told}/{person}"),
                kind: Kind::LogsAwaited,
                to: person.to_owned(),
                pledge: None,
                period: None,
                source: Some(awaited.source.clone()),
                problems: Vec::new(),
            });
        }
        d.noticed.push(told);
    }
}

/// One pledge's step: its memory after `as_of`, and the mail due, if any, with the key's tag.
fn pledge_step(
    config: &Config,
    s: &PledgeStanding,
    before: Option<&PledgeMemory>,
    as_of: NaiveDate,
) -> (PledgeMemory, Option<(Kind, String)>) {
    let mut m = before.cloned().unwrap_or(PledgeMemory {
        pledge: s.pledge.clone(),
        period: s.period.clone(),
        status: Status::OnTrack,
        lapse: 0,
        reminders: 0,
        last_reminder: None,
    });
    let was = before.map(|b| b.status);
    let mut due = None;
    match s.status {
        Status::Behind if was != Some(Status::Behind) => {
            m.lapse += 1;
            m.reminders = 1;
            m.last_reminder = Some(as_of);
            due = Some((Kind::Reminder, format!("lapse-{}", m.lapse)));
        }
        Status::Behind => {
            let repeat = config.mail.reminder_repeat_weeks.map(|w| i64::from(w) * 7);
            if let (Some(days), Some(last)) = (repeat, m.last_reminder)
                && (as_of - last).num_days() >= days
            {
                m.reminders += 1;
                m.last_reminder = Some(as_of);
                due = Some((Kind::Reminder, format!("lapse-{}-{}", m.lapse, m.reminders)));
            }
        }
        Status::Met | Status::Missed if was != Some(s.status) => {
            // News: a pledge met or missed long ago (a new install, a past period) is not mailed.
            let fresh = (as_of - s.last_day).num_days() <= i64::from(config.mail.news_for_days);
            let kind = if s.status == Status::Met { Kind::Met } else { Kind::Missed };
            if fresh {
                due = Some((kind, "outcome".into()));
            }
        }
        _ => {}
    }
    // Re-armed only when back at its pace, not merely within the slack: a count hovering around the
    // pace line would otherwise start a new lapse, and a reminder, every time it dips.
    let back_at_pace = s.expected.is_none_or(|x| f64::from(s.count) + 1e-9 >= x);
    m.status = if s.status == Status::OnTrack && was == Some(Status::Behind) && !back_at_pace {
        Status::Behind
    } else {
        s.status
    };
    (m, due)
}

#[cfg(test)]
mod tests;
