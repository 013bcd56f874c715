//! The data each mail template gets: the pledge as people read it, the digest's table, the log keeper's
//! list of problems. Pure: values in, JSON values out; the Swedish words come from `messages`.
//!
//! Never the `Ansvarig` or `Kommentar` columns: they are not stored, so they cannot reach a mail.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use crate::config::Config;
use crate::messages::mail as mv;
use crate::messages::standing as sv;
use crate::model::Log;
use crate::notices::{DigestMemory, Kind, Notice};
use crate::rules::verdict::{Verdict, final_verdict};
use crate::rules::{PledgeStanding, Status};
use crate::store::{FileRecord, FileState, ProblemDetail};
use crate::supply::Supply;

mod people;
mod plan;
use people::{comment_hint, log_keepers};

/// What the mails of one run are made from.
pub(crate) struct MailInput<'a> {
    /// The config.
    pub(crate) config: &'a Config,
    /// The day the figures are for.
    pub(crate) as_of: NaiveDate,
    /// The day the mail is written, in the configured time zone.
    pub(crate) sent_on: NaiveDate,
    /// Every pledge's standing on `as_of`.
    pub(crate) standings: &'a [PledgeStanding],
    /// What the store holds.
    pub(crate) log: &'a Log,
    /// The file records.
    pub(crate) files: &'a [FileRecord],
    /// The last digest's figures, for the trend.
    pub(crate) previous_digest: Option<&'a DigestMemory>,
    /// The refusals of files whose version on disk could not be read.
    pub(crate) refusals: &'a [ProblemDetail],
    /// The (period, pledge) pairs the comments file has a comment on.
    pub(crate) commented: &'a HashSet<(String, String)>,
    /// Which sources have delivered logs: a pledge awaiting one is shown without figures.
    pub(crate) supply: &'a Supply,
    /// What was decided and sent before (the mailed follow-ups and their figures).
    pub(crate) memory: &'a crate::notices::Memory,
    /// The standings in the periods whose follow-up was mailed.
    pub(crate) finished: &'a [PledgeStanding],
    /// The standings in periods that ended lately, no longer current (`rules::lately_ended`).
    pub(crate) ended: &'a [PledgeStanding],
    /// The latest day of each file's activities up to `as_of`, by path (the digest's "senaste
    /// aktivitet": the log holds only the days its standings need).
    pub(crate) latest: &'a HashMap<String, NaiveDate>,
}

/// The colour of a standing's badge and bar: of its verdict once its last day has passed (as its
/// label, [`sv::label`]), else of its status.
pub(crate) fn status_color(s: &PledgeStanding) -> &'static str {
    match (final_verdict(s), s.status) {
        (Some(Verdict::Met | Verdict::Done), _) | (None, Status::Met) => "#15803d",
        (Some(Verdict::PartlyMet), _) | (None, Status::Behind) => "#b45309",
        (Some(Verdict::NotMet), _) | (None, Status::Missed) => "#b91c1c",
        (None, Status::OnTrack) => "#2563eb",
        (Some(Verdict::NotMeasured), _) | (None, Status::Qualitative | Status::Unmeasured) => "#4b5563",
    }
}

/// The most problems one data-quality mail lists; the rest are counted. A log of thousands of bad
/// rows (a column in the wrong place) must not make a mail a server refuses for its size.
const PROBLEMS_LISTED: usize = 50;

/// The most refused files the digest names; the rest are counted.
const REFUSED_LISTED: usize = 20;

/// The template data of a notice; `None` when it names a pledge or person the config no longer has.
pub(crate) fn context(input: &MailInput<'_>, notice: &Notice, problems: &[ProblemDetail]) -> Option<Value> {
    let config = input.config;
    let person = config.person(&notice.to)?;
    let mut ctx = json!({
        "municipality": config.name(),
        "police_area": config.police_area,
        "as_of": input.as_of,
        "sent_on": input.sent_on,
        "as_of_differs": input.as_of != input.sent_on,
        "person": { "name": person.name, "first_name": mv::first_name(&person.name), "title": person.title },
    });
    let extra = match notice.kind {
        Kind::Reminder | Kind::Met | Kind::Missed => {
            let id = notice.pledge.as_deref()?;
            let of_notice = |s: &&PledgeStanding| notice.period.as_ref().is_none_or(|p| *p == s.period);
            let s = input.standings.iter().chain(input.ended).filter(of_notice).find(|s| s.pledge == id)?;
            let period = config.period(&s.period)?;
            json!({
                "period": s.period,
                "follow_up": crate::messages::report::follow_up_name(period.start, period.end, false),
                "Follow_up": crate::messages::report::follow_up_name(period.start, period.end, true),
                "pledge": pledge(config, s, None)?,
                "log_keepers": log_keepers(config, id),
                "repeat_weeks": config.mail.reminder_repeat_weeks,
                "comment": comment_hint(input, s, &notice.to),
            })
        }
        Kind::Digest => digest(input),
        Kind::Planned => plan::planned(input, notice)?,
        Kind::DataQuality => {
            let source = notice.source.as_deref()?;
            let (listed, rest) = problems.split_at(problems.len().min(PROBLEMS_LISTED));
            let is_row = |p: &&ProblemDetail| p.row.is_some();
            let more = (!rest.is_empty()).then(|| {
                let rows = rest.iter().filter(is_row).count();
                mv::not_listed(rows, rest.len() - rows)
            });
            let rows = problems.iter().filter(is_row).count();
            let listed: Vec<Value> = listed
                .iter()
                .map(|p| {
                    json!({
                        "file": crate::text::printable(p.file.rsplit('/').next().unwrap_or(&p.file)),
                        "path": crate::text::printable(&p.file),
                        "sheet": (!p.sheet.is_empty()).then(|| crate::text::quoted(&p.sheet)),
                        "row": p.row,
                        "message": crate::messages::problem_and_advice(&p.reason, &crate::messages::Hints::of(input.config)),
                    })
                })
                .collect();
            json!({
                "source_label": mv::source_label(config, source),
                "count": problems.len(),
                "one": problems.len() == 1,
                "what": mv::rows_and_files(rows, problems.len() - rows),
                "problems": listed,
                "more": more,
            })
        }
        Kind::LogsAwaited => {
            let source = notice.source.as_deref()?;
            let awaited = input.supply.awaited.iter().find(|a| a.source == source)?;
            logs_awaited(config, awaited, &notice.to)?
        }
        Kind::NoPeriod => no_period(config, &input.memory.reports_mailed, &notice.to)?,
        Kind::Correction => correction(input, notice.source.as_deref()?, &notice.to)?,
        Kind::Test | Kind::Report | Kind::ReportBlocked | Kind::Pledges => json!({}),
    };
    if let (Value::Object(c), Value::Object(e)) = (&mut ctx, extra) {
        c.extend(e);
    }
    Some(ctx)
}

/// What a logs-awaited mail to `to` says of `awaited`: the source, its folder (and whether it is
/// missing), the pledges of its party that wait for it, and who keeps it (when that is not `to`).
/// The report job adds `report` when the follow-up is held for it.
pub(crate) fn logs_awaited(config: &Config, awaited: &crate::supply::Awaited, to: &str) -> Option<Value> {
    let source = config.source(&awaited.source)?;
    let party = config.party(&source.party)?;
    let pledges: Vec<&str> = config
        .pledges
        .iter()
        .filter(|p| p.owners.contains(&source.party))
        .map(|p| p.title.as_str())
        .collect();
    let keeper = source
        .log_keeper
        .as_deref()
        .filter(|k| *k != to)
        .and_then(|k| config.person(k))
        .map(|p| mv::person_with_title(&p.name, &p.title));
    Some(json!({
        "source": source.name,
        "source_label": mv::source_label(config, &source.name),
        "folder": source.dir.display().to_string(),
        "folder_missing": awaited.folder == crate::supply::Folder::Missing,
        "folder_unlistable": awaited.folder == crate::supply::Folder::Unlistable,
        "party": party.name,
        "pledges": pledges,
        "keeper": keeper,
    }))
}

/// The coordinator with their title (`Sara Nilsson (trygghetssamordnare, Kalix kommun)`): the one who
/// changes the config and makes a corrected follow-up, named to the others.
fn coordinator(config: &Config) -> Option<String> {
    let person = config.person(config.mail.coordinator.as_deref()?)?;
    Some(mv::person_with_title(&person.name, &person.title))
}

/// What the no-period mail says: the last period (it is decided only once every period has ended),
/// the day its follow-up was sent (when it was), and the `[[period]]` to add for the next one (as long as
/// the last, from the day after it; named by the next number, or its year).
fn no_period(
    config: &Config,
    reports_mailed: &std::collections::BTreeMap<String, String>,
    to: &str,
) -> Option<Value> {
    use crate::messages::report::{long_date, period_name};
    let coordinator = coordinator(config);
    let last = config.periods.iter().max_by_key(|p| p.end)?;
    let start = last.end.succ_opt()?;
    // A period of whole months (a calendar year) is followed by as many months; another by as many days.
    let months = (start.year() - last.start.year()) * 12 + start.month() as i32 - last.start.month() as i32;
    let end = if start.day() == last.start.day() && months > 0 {
        start.checked_add_months(chrono::Months::new(months as u32))?.pred_opt()?
    } else {
        start + (last.end - last.start)
    };
    let id = last.id.parse::<u32>().map_or_else(|_| start.year().to_string(), |n| (n + 1).to_string());
    // The day it went (a follow-up held for a log goes later than planned).
    let mailed_on =
        reports_mailed.get(&last.id).and_then(|s| crate::store::parse_stamp(s)).map(|t| config.today(t));
    Some(json!({
        "last": { "id": last.id, "name": period_name(last.start, last.end), "end": long_date(last.end) },
        "report_on": mailed_on.map(long_date),
        "next": { "id": id, "start": start.to_string(), "end": end.to_string() },
        // The file that holds the municipality's periods (in a police area, its own).
        "config": config.file.display().to_string(),
        // The config is the coordinator's to change (or, with no coordinator, anyone's told).
        "shows_how": coordinator.is_none() || config.mail.coordinator.as_deref() == Some(to),
        "coordinator": coordinator,
    }))
}

/// What a correction to `to` says: the mailed follow-up of `period` (when it went), each pledge
/// whose figure changed (as stated then, and now), the logs changed since it went, and who makes the
/// corrected version (the coordinator, whose copy says where the files are and how).
fn correction(input: &MailInput<'_>, period: &str, to: &str) -> Option<Value> {
    use crate::messages::report::{long_date, period_name};
    let config = input.config;
    let p = config.period(period)?;
    let mailed_at = input.memory.reports_mailed.get(period)?;
    let mailed_on = config.today(crate::store::parse_stamp(mailed_at)?);
    let said = |count: i64, verdict: &str, target: Option<u32>, p: &crate::pledge::Pledge| {
        mv::stated(verdict.parse::<Verdict>().map_or("–", sv::verdict_label), count, target, p)
    };
    let changes: Vec<Value> = crate::notices::corrections(input.memory, input.finished, period)
        .iter()
        .filter_map(|c| {
            let pledge = config.pledges.iter().find(|x| x.id == c.now.pledge)?;
            let now = crate::notices::ReportedFigure::of(c.now);
            Some(json!({
                "title": pledge.title,
                "was": said(c.was.count, &c.was.verdict, c.now.target, pledge),
                "now": said(now.count, &now.verdict, c.now.target, pledge),
            }))
        })
        .collect();
    let files: Vec<Value> = input
        .files
        .iter()
        // The logs whose counted content changed since: not copies, not refused versions.
        .filter(|f| {
            matches!(f.state, FileState::Read | FileState::Missing)
                && f.last_changed.as_str() > mailed_at.as_str()
        })
        .map(|f| {
            let changed = changed_on(input, f).map(|d| d.to_string());
            json!({ "file": crate::text::printable(f.path.rsplit('/').next().unwrap_or(&f.path)), "changed": changed })
        })
        .collect();
    Some(json!({
        "period": period_name(p.start, p.end),
        "period_id": period,
        "mailed_on": long_date(mailed_on),
        "changes": changes,
        "files": files,
        "dir": config.report.dir.display().to_string(),
        // In a police area, the municipality's follow-up alone.
        "command": format!(
            "pledgewatch report{} --period {period} --out <mapp>",
            config.scope.as_ref().map_or_else(String::new, |id| format!(" -m {id}"))
        ),
        "is_coordinator": config.mail.coordinator.as_deref() == Some(to),
        "coordinator": coordinator(config),
    }))
}

/// A pledge as the templates show it.
fn pledge(config: &Config, s: &PledgeStanding, trend: Option<String>) -> Option<Value> {
    let p = config.pledges.iter().find(|p| p.id == s.pledge)?;
    let bar = s.target.filter(|t| *t > 0).map(|t| {
        let done = ((f64::from(s.count) / f64::from(t)).min(1.0) * 100.0).round() as u32;
        json!({ "done": done, "rest": 100 - done })
    });
    Some(json!({
        "id": p.id,
        "title": p.title,
        "promise": p.promise,
        "period": s.period,
        "rule_text": crate::messages::report::target(p, s.target),
        "count": crate::messages::measure::number(s.count_measure(), s.count),
        "activities": match s.measure {
            crate::pledge::Measure::Hours => crate::messages::measure::amount(s.measure, s.activities),
            crate::pledge::Measure::Activities => mv::activities(s.count),
        },
        // "3000 av 4000 timmar", "1 av 12 månader" (hours each month): the noun, if any, after it.
        "target": mv::target(s, p),
        // What the mails state: "3 av 4", "95,2 % (2019) mot målet minst 95,1 %".
        "figure": mv::figure(s, p),
        "behind": mv::behind_words(s.indicator.is_some()),
        "indicator": s.indicator.as_ref().map(|i| json!({
            "figure": crate::messages::indicator::figure(i),
            "baseline": crate::messages::indicator::baseline(i),
            "distance": crate::messages::indicator::distance(i),
        })),
        "expected": s
            .expected
            // A share's expected figure is its target, said already; once a pledge is met or its
            // period is over, what was expected by now says nothing more.
            .filter(|_| s.of_all.is_none() && s.status != Status::Met && final_verdict(s).is_none())
            .map(|x| crate::messages::measure::decimal(s.count_measure(), x, 1)),
        "status": s.status,
        "status_label": sv::label(s),
        "status_color": status_color(s),
        "final": final_verdict(s).is_some(),
        "note": sv::note(s, p),
        "details": sv::note_details(s, p),
        "parts": crate::messages::parts::part_notes(s),
        "lagging": crate::messages::parts::lagging(s),
        "catch_up": s.catch_up.as_ref().map(|c| sv::catch_up(c, s.measure)),
        "bar": bar,
        "trend": trend,
    }))
}

/// The digest's awaited sources, each with the pledges that wait for it (shown without figures).
fn awaited_in_digest(input: &MailInput<'_>) -> Vec<Value> {
    let config = input.config;
    input
        .supply
        .awaited
        .iter()
        .filter_map(|a| {
            let pledges: Vec<&str> = input
                .standings
                .iter()
                .filter(|s| input.supply.awaited_for(config, &s.pledge).iter().any(|x| x.source == a.source))
                .filter_map(|s| config.pledges.iter().find(|p| p.id == s.pledge).map(|p| p.title.as_str()))
                .collect();
            // A source that holds back no pledge shown is listed under the logs only.
            (!pledges.is_empty()).then(
                || json!({ "label": mv::source_label(config, &a.source), "pledges": pledges.join(", ") }),
            )
        })
        .collect()
}

/// The digest: every pledge with its trend, those needing attention first, the sources, data quality.
/// A pledge that awaits a source's logs is not shown with figures: it is named under the source.
fn digest(input: &MailInput<'_>) -> Value {
    let config = input.config;
    let week = input.as_of.iso_week();
    let previous = input.previous_digest.map(|d| &d.counts);
    let ready: Vec<&PledgeStanding> =
        input.standings.iter().filter(|s| input.supply.is_ready(config, &s.pledge)).collect();
    let awaited = awaited_in_digest(input);
    let pledges: Vec<Value> = ready
        .iter()
        .filter_map(|s| {
            let key = crate::notices::digest_key(&s.pledge, &s.period);
            let trend = previous
                .and_then(|c| c.get(&key))
                .map(|&was| mv::trend(i64::from(s.count) - i64::from(was), s.count_measure()));
            pledge(config, s, trend)
        })
        .collect();
    let attention: Vec<Value> = ready
        .iter()
        // A pledge whose period is over has its verdict; the follow-up, not the digest, accounts for it.
        // An indicator whose values disagree, or whose latest may be a row that could not be read, too.
        .filter(|s| {
            let unclear = s.indicator.as_ref().is_some_and(|i| i.is_unclear());
            (matches!(s.status, Status::Behind | Status::Missed) || unclear) && final_verdict(s).is_none()
        })
        .filter_map(|s| pledge(config, s, None))
        .collect();
    let sources = digest_sources(input);
    let refused: Vec<Value> = input
        .refusals
        .iter()
        // What is wrong, not what the log keeper is to do (they have their own notice).
        .map(|r| json!({ "file": r.file.rsplit('/').next().map(crate::text::printable), "message": crate::messages::problem(&r.reason) }))
        .collect();
    json!({
        "week_label": mv::week_label(week.week(), week.year()),
        "has_trend": previous.is_some(),
        "pledges": pledges,
        "attention": attention,
        "awaited": awaited,
        "sources": sources,
        "quality": {
            "summary": mv::quality_summary(input.log.row_error_total(), refused.len()),
            "refused_more": (refused.len() > REFUSED_LISTED)
                .then(|| mv::files_not_listed(refused.len() - REFUSED_LISTED)),
            "refused": &refused[..refused.len().min(REFUSED_LISTED)],
        },
    })
}

/// The day a log last changed, as a mail written on `sent_on` says it: never after that day (a mail
/// written for a day past, `--now`, about a file read since).
fn changed_on(input: &MailInput<'_>, f: &FileRecord) -> Option<NaiveDate> {
    f.changed_on(input.config).map(|d| d.min(input.sent_on))
}

/// The digest's lines on the logs: each source's last change, latest activity, and whether it is
/// late (only while a period is current) or its folder cannot be seen.
fn digest_sources(input: &MailInput<'_>) -> Vec<Value> {
    let config = input.config;
    let file_source: HashMap<&str, &str> =
        input.files.iter().map(|f| (f.path.as_str(), f.source.as_str())).collect();
    let mut latest: HashMap<&str, NaiveDate> = HashMap::new();
    for (file, day) in input.latest {
        if let Some(src) = file_source.get(file.as_str()) {
            let e = latest.entry(src).or_insert(*day);
            *e = (*e).max(*day);
        }
    }
    config
        .sources
        .iter()
        .map(|src| {
            let changed = input
                .files
                .iter()
                // The files whose rows count: a refused file or a copy says nothing of the log's pace.
                .filter(|f| {
                    f.source == src.name && f.counted_hash.is_some() && f.state != FileState::Duplicate
                })
                .filter_map(|f| changed_on(input, f))
                .max();
            // A log that stops changing once its period is over is not late: it is done.
            let current = config.periods.iter().any(|p| p.start <= input.as_of && input.as_of <= p.end);
            let weeks = changed.filter(|_| current).map(|c| (input.sent_on - c).num_days() / 7);
            let stale = weeks.filter(|w| *w >= i64::from(config.mail.stale_after_weeks)).map(mv::stale);
            // "No files yet" would blame the log keeper for a folder the server cannot see.
            let folder = input.supply.awaited.iter().find(|a| a.source == src.name).map(|a| a.folder);
            let no_files = mv::no_files(folder);
            json!({
                "label": mv::source_label(config, &src.name),
                "no_files": no_files,
                "folder_unseen": folder.is_some_and(|f| f != crate::supply::Folder::Listed),
                "last_changed": changed,
                "latest_activity": latest.get(src.name.as_str()),
                "stale_text": stale,
            })
        })
        .collect()
}
