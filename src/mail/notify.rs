//! One round of mail decisions: read the store, compute the standings, decide (`notices`), compose
//! each mail (`compose`), and commit the decisions with the messages, all in one transaction.
//!
//! The edge between the pure parts and the store. The clock comes in as `now`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::bundle::{self, Unit};
use super::compose::{ComposeError, Templates};
use super::context::MailInput;
use crate::config::Config;
use crate::notices::{self, Decisions, Kind, Memory, Notice};
use crate::rules;
use crate::store::{Queued, Store, StoreError};

/// Why a round could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NotifyError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Mail was decided for a later day already.
    #[error("mail was decided for {last} already, later than {as_of}")]
    Backwards { as_of: NaiveDate, last: NaiveDate },
}

/// A notice that could not be composed: its key and why.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {error}")]
pub(crate) struct NotComposed {
    /// The notice's idempotency key.
    pub(crate) key: String,
    /// Why it could not be composed.
    pub(crate) error: ComposeError,
}

/// Decisions and their messages, not yet committed.
pub(crate) struct Round {
    /// What was decided, by municipality (its scope), without the effects of the notices that
    /// could not be composed.
    pub(crate) decisions: Vec<(String, Decisions)>,
    /// One message per notice that could be composed.
    pub(crate) messages: Vec<Queued>,
    /// Notices that could not be composed (with the reason). What led to them is not remembered,
    /// so they are decided again on the next run.
    pub(crate) errors: Vec<NotComposed>,
}

/// The (period, pledge) pairs the comments file comments on, for the standings' periods. A file that
/// cannot be read counts as no comments here (the report job says what is wrong with it).
fn commented(config: &Config, standings: &[rules::PledgeStanding]) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    let periods: HashSet<&str> = standings.iter().map(|s| s.period.as_str()).collect();
    for period in periods {
        let Ok(comments) = crate::report::publish::load_comments(config, period) else { continue };
        for s in standings.iter().filter(|s| s.period == period) {
            if !comments.get(period, &s.pledge).is_empty() {
                out.insert((s.period.clone(), s.pledge.clone()));
            }
        }
    }
    out
}

/// The follow-up that the report job makes at a pass on `as_of`, foreseen by the delivery policy
/// (`report::delivery::foresee`): who gets it, whether it goes, and the problems it shows (the row
/// errors that concern its period, the refused files).
fn follow_up_today(
    config: &Config,
    memory: &Memory,
    supply: &crate::supply::Supply,
    log: &crate::model::Log,
    refusals: &[crate::store::ProblemDetail],
    as_of: NaiveDate,
) -> Option<notices::FollowUpToday> {
    config.periods.iter().find_map(|p| {
        let plan = config.report.plan(&p.id)?;
        let activities = log.activities.iter().filter(|a| p.contains(a.date)).count();
        let mailed = memory.reports_mailed.contains_key(&p.id);
        let news = config.mail.news_for_days;
        let goes =
            crate::report::delivery::foresee(plan, as_of, mailed, news, supply.all_delivered(), activities)?;
        let carries = log
            .row_errors
            .iter()
            .filter(|r| rules::row_error_concerns(r, p, &config.periods, as_of))
            .map(|r| r.id)
            .chain(refusals.iter().map(|r| r.id))
            .collect();
        let to = plan.recipients().into_iter().map(str::to_owned).collect();
        Some(notices::FollowUpToday { to, goes, carries })
    })
}

/// Whose mails a round decides: the municipalities chosen, and in a police area (when all are) the
/// area's own part, which tells the log keepers of the shared logs about the rows and files of no
/// municipality.
#[derive(Clone)]
pub(crate) struct Whose<'a> {
    /// The municipalities, in the install's order.
    pub(crate) configs: Vec<&'a Config>,
    /// The install's `config.toml`: a mail about several municipalities is sent in its name.
    pub(crate) shared: &'a Config,
    /// Whether the area's own part is decided too (a police area, all its municipalities).
    pub(crate) own_part: bool,
}

impl<'a> Whose<'a> {
    /// `chosen` of `install`: a municipality alone, or of a police area (all: its own part too).
    pub(crate) fn of(install: &'a crate::config::Install, chosen: Vec<&'a Config>) -> Whose<'a> {
        let own_part =
            install.is_area() && install.is_whole() && chosen.len() == install.municipalities.len();
        Whose { configs: chosen, shared: &install.shared, own_part }
    }
}

/// What was decided before, by a municipality's scope (`Store::mail_memory_of`; nothing, for
/// `preview`).
pub(crate) type Remembered<'a> = &'a dyn Fn(&str) -> Result<Memory, StoreError>;

/// Decides and composes the mails due on `as_of`, given what was sent before, a person's reminders
/// and outcomes merged into one mail (`bundle`), in a police area across the municipalities.
pub(crate) fn prepare(
    whose: &Whose<'_>,
    memory: Remembered<'_>,
    store: &Store,
    templates: &Templates,
    (as_of, now): (NaiveDate, DateTime<Utc>),
    which: notices::Which,
) -> Result<Round, NotifyError> {
    prepare_as(whose, memory, store, templates, (as_of, now), which, true)
}

/// As [`prepare`], each reminder and outcome its own mail (`preview` of one kind shows them so).
pub(crate) fn prepare_each(
    whose: &Whose<'_>,
    memory: Remembered<'_>,
    store: &Store,
    templates: &Templates,
    (as_of, now): (NaiveDate, DateTime<Utc>),
    which: notices::Which,
) -> Result<Round, NotifyError> {
    prepare_as(whose, memory, store, templates, (as_of, now), which, false)
}

/// What one municipality's mails are decided and composed from.
struct Part<'a> {
    config: &'a Config,
    log: crate::model::Log,
    files: Vec<crate::store::FileRecord>,
    standings: Vec<rules::PledgeStanding>,
    finished: Vec<rules::PledgeStanding>,
    ended: Vec<rules::PledgeStanding>,
    problems: Vec<notices::ProblemRef>,
    refusals: Vec<crate::store::ProblemDetail>,
    supply: crate::supply::Supply,
    commented: HashSet<(String, String)>,
    memory: Memory,
    /// The latest day of each file's activities, read when the part has a digest to write.
    latest: HashMap<String, NaiveDate>,
}

impl<'a> Part<'a> {
    /// Reads what `config`'s round needs; of `problems`, those it tells (`area`: the area's own
    /// part, which has no pledges, tells those of the shared logs that name no municipality).
    fn gather(
        config: &'a Config,
        store: &Store,
        problems: &[notices::ProblemRef],
        memory: Memory,
        (as_of, area): (NaiveDate, bool),
    ) -> Result<Part<'a>, StoreError> {
        let log = store.log_in(
            config.store_scope(),
            &rules::days_to_read(&config.periods, &needed(config, &memory, as_of)),
        )?;
        let files = config.own_files(store.files()?);
        let standings = rules::standing(&config.pledges, &config.periods, &log, as_of);
        let refusals = config.own_refusals(store.refusals()?, &files);
        let supply = crate::supply::Supply::look(config, store)?;
        // The standings of the periods whose follow-up was mailed, for their corrections.
        let finished: Vec<rules::PledgeStanding> = memory
            .reports_mailed
            .keys()
            .filter_map(|id| config.period(id))
            .flat_map(|period| rules::standings_in(&config.pledges, period, &config.periods, &log, as_of))
            .collect();
        let news = config.mail.news_for_days;
        let ended = rules::lately_ended(&config.pledges, &config.periods, &log, as_of, news);
        let problems = problems.iter().filter(|p| tells(config, p, area)).cloned().collect();
        let commented = commented(config, &standings);
        let latest = HashMap::new();
        Ok(Part {
            config,
            log,
            files,
            standings,
            finished,
            ended,
            problems,
            refusals,
            supply,
            commented,
            memory,
            latest,
        })
    }

    /// The part's decisions, their keys (and those told about) scoped to its municipality.
    fn decide(&self, as_of: NaiveDate, which: notices::Which) -> Decisions {
        let follow_up =
            follow_up_today(self.config, &self.memory, &self.supply, &self.log, &self.refusals, as_of);
        let facts = notices::Facts {
            standings: &self.standings,
            finished: &self.finished,
            ended: &self.ended,
            problems: &self.problems,
            supply: &self.supply,
            follow_up: follow_up.as_ref(),
        };
        let mut d = notices::decide(self.config, facts, &self.memory, as_of, which);
        for n in &mut d.notices {
            n.key = self.config.scoped(&n.key);
        }
        for k in &mut d.noticed {
            *k = self.config.scoped(k);
        }
        d
    }

    fn input(&self, as_of: NaiveDate, sent_on: NaiveDate) -> MailInput<'_> {
        MailInput {
            config: self.config,
            as_of,
            sent_on,
            standings: &self.standings,
            log: &self.log,
            files: &self.files,
            previous_digest: self.memory.digest.as_ref(),
            refusals: &self.refusals,
            commented: &self.commented,
            supply: &self.supply,
            memory: &self.memory,
            finished: &self.finished,
            ended: &self.ended,
            latest: &self.latest,
        }
    }
}

/// The periods whose rows a municipality's round reads: those its pledges stand in on `as_of`,
/// those whose follow-up was mailed (a figure it stated may change), and those whose follow-up may
/// go now (within `news_for_days` of its day).
fn needed<'a>(config: &'a Config, memory: &Memory, as_of: NaiveDate) -> Vec<&'a crate::pledge::Period> {
    let mut out = rules::shown_periods(&config.pledges, &config.periods, as_of);
    let news = config.mail.news_for_days;
    // The periods that ended lately, whose outcomes are still mailed (`rules::lately_ended`).
    for p in
        config.periods.iter().filter(|p| p.is_over(as_of) && (as_of - p.end).num_days() <= i64::from(news))
    {
        if !out.iter().any(|o| o.id == p.id) {
            out.push(p);
        }
    }
    for p in &config.periods {
        let mailed = memory.reports_mailed.contains_key(&p.id);
        let due = config
            .report
            .plan(&p.id)
            .is_some_and(|plan| crate::report::delivery::is_news(plan.send_on, as_of, news));
        if (mailed || due) && !out.iter().any(|o| o.id == p.id) {
            out.push(p);
        }
    }
    out
}

/// Whether `config`'s round tells of problem `p`: a municipality alone, of every one; in a police
/// area, a municipality of those of its own logs and of the rows of a shared log that name it, the
/// area's own part (`area`) of the shared logs' others.
fn tells(config: &Config, p: &notices::ProblemRef, area: bool) -> bool {
    if config.scope.is_none() && !area {
        return true;
    }
    match config.source(&p.source) {
        None => false,
        Some(s) if s.municipality.is_some() => true,
        Some(_) => p.municipality == config.store_scope(),
    }
}

fn prepare_as(
    whose: &Whose<'_>,
    memory: Remembered<'_>,
    store: &Store,
    templates: &Templates,
    (as_of, now): (NaiveDate, DateTime<Utc>),
    which: notices::Which,
    merge: bool,
) -> Result<Round, NotifyError> {
    let problems = store.problem_refs()?;
    let mut parts = Vec::new();
    for config in &whose.configs {
        parts.push(Part::gather(config, store, &problems, memory(config.store_scope())?, (as_of, false))?);
    }
    let mut whichs = vec![which; parts.len()];
    if whose.own_part {
        let area = whose.shared;
        parts.push(Part::gather(area, store, &problems, memory(area.store_scope())?, (as_of, true))?);
        whichs.push(notices::Which { pledges: false, digest: false, ..which });
    }
    let mut decisions: Vec<Decisions> = parts.iter().zip(&whichs).map(|(p, w)| p.decide(as_of, *w)).collect();
    for (part, d) in parts.iter_mut().zip(&decisions) {
        if d.notices.iter().any(|n| n.kind == Kind::Digest) {
            part.latest = store.latest_by_file(part.config.store_scope(), as_of)?;
        }
    }
    let inputs: Vec<MailInput<'_>> = parts.iter().map(|p| p.input(as_of, p.config.today(now))).collect();
    let mut whose_notice: HashMap<String, usize> = HashMap::new();
    let mut all: Vec<Notice> = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        whose_notice.extend(d.notices.iter().map(|n| (n.key.clone(), i)));
        all.extend(d.notices.iter().cloned());
    }
    // A person is their id and address in the municipality whose notice it is.
    let who = |n: &Notice| {
        let config = inputs[whose_notice[&n.key]].config;
        let email = config.person(&n.to).map_or("", |p| p.email.as_str());
        format!("{}\u{1f}{email}", n.to)
    };
    let units = if merge { bundle::units(&all, &who) } else { all.iter().map(Unit::One).collect() };
    let input_of = |n: &Notice| &inputs[whose_notice[&n.key]];
    let (messages, failed) = bundle::compose_all(units, &input_of, store, templates, whose.shared, now);
    drop(inputs);
    for (notice, _) in &failed {
        let i = whose_notice[&notice.key];
        forget(&mut decisions[i], notice, parts[i].config, &parts[i].memory, &parts[i].problems);
    }
    // A notice whose siblings (the same pledge or digest to another person) were composed is kept:
    // its key is in the outbox only if composed, and the others are not sent twice (their keys are).
    let errors = failed.into_iter().map(|(n, error)| NotComposed { key: n.key, error }).collect();
    let decisions = parts.iter().map(|p| p.config.store_scope().to_owned()).zip(decisions).collect();
    Ok(Round { decisions, messages, errors })
}

/// Undoes what a notice that could not be composed would have made remembered, so it is decided
/// again next time: the pledge's memory as before, no digest, its problems not told.
fn forget(
    decisions: &mut Decisions,
    notice: &Notice,
    config: &Config,
    memory: &Memory,
    problems: &[notices::ProblemRef],
) {
    match notice.kind {
        Kind::Reminder | Kind::Met | Kind::Missed => {
            let Some(id) = &notice.pledge else { return };
            let of_notice =
                |m: &&mut notices::PledgeMemory| notice.period.as_ref().is_none_or(|p| *p == m.period);
            for m in decisions.pledges.iter_mut().filter(|m| &m.pledge == id).filter(of_notice) {
                match memory.pledges.iter().find(|b| b.pledge == m.pledge && b.period == m.period) {
                    Some(before) => *m = before.clone(),
                    None => m.status = rules::Status::OnTrack,
                }
            }
        }
        Kind::Digest => decisions.digest = None,
        Kind::DataQuality => {
            let keys: Vec<String> = problems
                .iter()
                .filter(|p| notice.problems.contains(&p.id))
                .map(|p| config.scoped(&p.key))
                .collect();
            decisions.noticed.retain(|k| !keys.contains(k));
        }
        Kind::LogsAwaited => {
            let Some(source) = &notice.source else { return };
            let prefix = config.scoped(&format!("{}/{source}", Kind::LogsAwaited.as_str()));
            decisions.noticed.retain(|k| *k != prefix && *k != format!("{prefix}/folder"));
        }
        Kind::NoPeriod => decisions.noticed.retain(|k| !k.starts_with(&config.scoped("no_period/"))),
        Kind::Correction => {
            let Some(period) = &notice.source else { return };
            decisions.reported.retain(|f| &f.period != period);
        }
        // A planned activity's reminder is remembered by its key in the outbox alone.
        Kind::Test | Kind::Report | Kind::ReportBlocked | Kind::Pledges | Kind::Planned => {}
    }
}

/// What [`queue`] did.
#[derive(Debug, Default)]
pub(crate) struct QueueReport {
    /// Messages decided in this round.
    pub(crate) decided: usize,
    /// Of them, new in the outbox (the others were decided before).
    pub(crate) new: usize,
    /// Notices that could not be composed; they are decided again next time.
    pub(crate) errors: Vec<NotComposed>,
}

/// The clock guard: mail may be decided for `as_of` when no later day was decided before (`last`),
/// or when `force`d; the last day decided afterwards, which moves backwards only as below.
///
/// A later day stored is never ignored, not even one after today: a clock that is behind (or a past
/// `--now`) cannot be told from one that was ahead, and either way deciding would send old figures
/// after newer ones. The operator decides (`--force`), and the later day stays the guard, except
/// when it is more than [`WRONG_CLOCK`] ahead: no clock is behind by that much, so it was a clock
/// or a `--now` that was wrong (9999-12-31), and a forced run makes `as_of` the last day decided.
/// Else every run after it would need `--force`, for good.
pub(crate) fn guard(
    last: Option<NaiveDate>,
    as_of: NaiveDate,
    force: bool,
) -> Result<NaiveDate, NotifyError> {
    match last {
        Some(last) if last > as_of && !force => Err(NotifyError::Backwards { as_of, last }),
        Some(last) if wrong_clock(last, as_of) => Ok(as_of),
        Some(last) => Ok(last.max(as_of)),
        None => Ok(as_of),
    }
}

/// How far ahead of the day asked for a decided day must be to be taken as a wrong clock.
pub(crate) const WRONG_CLOCK: chrono::Days = chrono::Days::new(366);

/// Whether `last` lies so far after `as_of` that it was decided under a wrong clock.
pub(crate) fn wrong_clock(last: NaiveDate, as_of: NaiveDate) -> bool {
    as_of.checked_add_days(WRONG_CLOCK).is_some_and(|limit| last > limit)
}

/// The last day mail was decided for, if any.
pub(crate) fn last_decided(store: &Store) -> Result<Option<NaiveDate>, StoreError> {
    Ok(store.mail_state("last_as_of")?.and_then(|d| d.parse::<NaiveDate>().ok()))
}

/// Decides the mails due on `as_of` and commits them to the outbox with the memory of the decisions,
/// reading and writing in one transaction. Refuses a day before the last one decided (old figures
/// would go out and the memory would be rewound) unless `force` (see [`guard`]).
pub(crate) fn queue(
    whose: &Whose<'_>,
    store: &mut Store,
    templates: &Templates,
    as_of: NaiveDate,
    now: DateTime<Utc>,
    force: bool,
    which: notices::Which,
) -> Result<QueueReport, NotifyError> {
    store.immediate(|store| {
        let last = guard(last_decided(store)?, as_of, force)?;
        let memory = |scope: &str| store.mail_memory_of(scope);
        let round = prepare(whose, &memory, store, templates, (as_of, now), which)?;
        let decisions: Vec<(&str, &Decisions)> =
            round.decisions.iter().map(|(s, d)| (s.as_str(), d)).collect();
        let new = store.queue_of(&decisions, &round.messages, now)?;
        store.set_mail_state("last_as_of", &last.to_string())?;
        Ok(QueueReport { decided: round.messages.len(), new, errors: round.errors })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_clock_guard_refuses_an_earlier_day_unless_forced_and_never_moves_back() {
        assert_eq!(guard(None, d("2019-10-21"), false).unwrap(), d("2019-10-21"));
        assert_eq!(guard(Some(d("2019-10-14")), d("2019-10-21"), false).unwrap(), d("2019-10-21"));
        assert_eq!(guard(Some(d("2019-10-21")), d("2019-10-21"), false).unwrap(), d("2019-10-21"));
        // A day far ahead of the one asked for (a clock a month behind, a past --now) holds too.
        let refused = guard(Some(d("2020-02-03")), d("2019-10-21"), false);
        assert!(matches!(refused, Err(NotifyError::Backwards { as_of, last })
            if as_of == d("2019-10-21") && last == d("2020-02-03")));
        // Forced: decided, and the guard stays where it was.
        assert_eq!(guard(Some(d("2020-02-03")), d("2019-10-21"), true).unwrap(), d("2020-02-03"));
        // A day more than a year ahead was a wrong clock: refused, and forced once it is left behind.
        assert!(guard(Some(d("9999-12-31")), d("2020-02-11"), false).is_err());
        assert_eq!(guard(Some(d("9999-12-31")), d("2020-02-11"), true).unwrap(), d("2020-02-11"));
        assert_eq!(guard(Some(d("2020-02-11")), d("2020-02-12"), false).unwrap(), d("2020-02-12"));
        assert_eq!(guard(Some(d("2021-02-11")), d("2020-02-11"), true).unwrap(), d("2021-02-11"));
    }
}
