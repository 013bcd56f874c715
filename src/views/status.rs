//! `status`: the standings as a table, and as JSON (a stable format, documented in README.md);
//! `explain.rs` gives the row-by-row account of one pledge.
//!
//! Pure: takes the standings and what the store holds, returns text. The frame (column heads) is
//! English like the rest of the command line; what people read about a pledge (statuses, notes,
//! reasons) is Swedish and comes from `messages`.

use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::messages::standing as sv;
use crate::model::Log;
use crate::pledge::{Measure, Pledge, Rule};
use crate::rules::verdict::{Verdict, final_verdict};
use crate::rules::{CoverState, NotCounted, PaceUnit, PledgeStanding, Status};
use crate::store::{FileRecord, FileState};

use super::count;

/// What a status view is made from.
pub struct StatusInput<'a> {
    /// The config, for titles and rules.
    pub config: &'a Config,
    /// The day.
    pub as_of: NaiveDate,
    /// One standing per pledge shown.
    pub standings: &'a [PledgeStanding],
    /// What the store holds.
    pub log: &'a Log,
    /// The file records.
    pub files: &'a [FileRecord],
    /// Ids of activities dated in no period.
    pub outside_periods: &'a [i64],
    /// Which sources have delivered logs: a pledge awaiting one is not judged.
    pub supply: &'a crate::supply::Supply,
}

impl<'a> StatusInput<'a> {
    /// The sources `pledge` awaits (its figure lacks their rows): then it is not judged.
    fn awaited(&self, pledge: &str) -> Vec<&'a str> {
        self.supply.awaited_for(self.config, pledge).iter().map(|a| a.source.as_str()).collect()
    }

    /// The status shown: its label, or that a log it needs has not come.
    fn label(&self, s: &PledgeStanding) -> &'static str {
        if self.awaited(&s.pledge).is_empty() { sv::label(s) } else { sv::AWAITING_LOG }
    }

    /// The note shown: the logs awaited first.
    fn note(&self, s: &PledgeStanding, p: &crate::pledge::Pledge) -> String {
        let logs: Vec<String> = self
            .awaited(&s.pledge)
            .iter()
            .map(|a| crate::messages::mail::source_label(self.config, a))
            .collect();
        let notes = [(!logs.is_empty()).then(|| sv::awaiting_note(&logs)), Some(sv::note(s, p))];
        notes.into_iter().flatten().filter(|n| !n.is_empty()).collect::<Vec<_>>().join("; ")
    }
}

/// A figure rounded to two decimals, as in the JSON.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn pledge<'a>(config: &'a Config, id: &str) -> Option<&'a Pledge> {
    config.pledges.iter().find(|p| p.id == id)
}

fn rule_kind(rule: &Rule) -> &'static str {
    match rule {
        Rule::Total { .. } => "total",
        Rule::Rate { .. } => "rate",
        Rule::Ongoing { .. } => "ongoing",
        Rule::Share { .. } => "share",
        Rule::Indicator(_) => "indicator",
        Rule::Qualitative => "qualitative",
    }
}

/// The `status --json` document (README.md, "status --json"). Serialized straight from borrowed
/// data: a million activity ids cost their digits, not a tree of JSON values.
#[derive(Serialize)]
pub struct StatusDoc<'a> {
    as_of: NaiveDate,
    municipality: &'a str,
    pledges: Vec<PledgeDoc<'a>>,
    row_errors: usize,
    outside_periods: std::borrow::Cow<'a, [i64]>,
    files: Vec<FileDoc<'a>>,
}

#[derive(Serialize)]
struct PledgeDoc<'a> {
    id: &'a str,
    /// The municipality's id (`Config::id`): in a police area, pledge ids repeat across them.
    municipality: String,
    title: &'a str,
    period: &'a str,
    rule: &'static str,
    rule_text: String,
    /// `hours`: the figures are hours (1012.5), not activities; left out for activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<Measure>,
    count: Figure,
    target: Option<Figure>,
    /// A share: all the activities on its days, `count` of them meeting its conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    of_all: Option<u32>,
    expected: Option<f64>,
    projection: Option<f64>,
    status: Status,
    /// Once the pledge's last day has passed: met, partly_met, not_met or done.
    verdict: Option<Verdict>,
    status_label: &'static str,
    note: String,
    /// The logs it awaits (its figure lacks their rows): then it is not judged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    awaiting: Vec<&'a str>,
    activities: Figure,
    average: Option<f64>,
    sub_periods: Vec<SubPeriodDoc>,
    #[serde(serialize_with = "tags_as_map")]
    tags: Vec<(&'a str, Figure)>,
    catch_up: Option<CatchUpDoc>,
    counted: &'a [i64],
    not_counted: Vec<NotCountedDoc<'a>>,
    row_errors: &'a [i64],
    /// A pledge kept in parts: each part's entry, named in `title`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<PledgeDoc<'a>>,
    /// A pledge measured by an outcome indicator: its values, target and baseline (`count` is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<super::indicator::IndicatorDoc<'a>>,
    /// Its plan in the period: each planned activity and what became of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    planned: Vec<super::indicator::PlannedDoc<'a>>,
}

#[derive(Serialize)]
struct SubPeriodDoc {
    label: String,
    start: NaiveDate,
    end: NaiveDate,
    count: Figure,
    state: CoverState,
}

#[derive(Serialize)]
struct CatchUpDoc {
    needed: Figure,
    weeks_left: u32,
    by: NaiveDate,
    best_pace: f64,
    per: PaceUnit,
    reachable: bool,
}

#[derive(Serialize)]
struct NotCountedDoc<'a> {
    #[serde(flatten)]
    row: &'a NotCounted,
    message: String,
}

#[derive(Serialize)]
struct FileDoc<'a> {
    path: &'a str,
    source: &'a str,
    state: FileState,
    format: Option<&'a str>,
    rows_read: u64,
    row_errors: u64,
    last_changed: &'a str,
    last_seen: &'a str,
    missing_since: Option<&'a str>,
}

/// A figure in the pledge's own unit: activities whole (`12`), hours with their decimals (`1012.5`).
#[derive(Serialize)]
#[serde(untagged)]
enum Figure {
    Whole(u32),
    Hours(f64),
}

impl Figure {
    fn of(m: Measure, units: u32) -> Figure {
        match m {
            Measure::Activities => Figure::Whole(units),
            Measure::Hours => Figure::Hours(round2(m.in_own_unit(f64::from(units)))),
        }
    }
}

/// Reported tags as a JSON object in config order: `{"A-traktor": 2}`.
fn tags_as_map<S: serde::Serializer>(tags: &[(&str, Figure)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(tags.len()))?;
    for (tag, n) in tags {
        map.serialize_entry(tag, n)?;
    }
    map.end()
}

/// The `status --json` document.
pub fn json<'a>(input: &StatusInput<'a>) -> StatusDoc<'a> {
    let pledges = input
        .standings
        .iter()
        .filter_map(|s| {
            let p = pledge(input.config, &s.pledge)?;
            Some(pledge_doc(input, s, p, &p.title))
        })
        .collect();
    let files = input
        .files
        .iter()
        .map(|f| FileDoc {
            path: &f.path,
            source: &f.source,
            state: f.state,
            format: f.format.as_deref(),
            rows_read: f.rows_read,
            row_errors: f.row_problems,
            last_changed: &f.last_changed,
            last_seen: &f.last_seen,
            missing_since: f.missing_since.as_deref(),
        })
        .collect();
    StatusDoc {
        as_of: input.as_of,
        municipality: &input.config.municipality,
        pledges,
        row_errors: input.log.row_error_total(),
        outside_periods: input.outside_periods.into(),
        files,
    }
}

/// One pledge's (or one part's, with the part as a pledge) entry in the document.
fn pledge_doc<'a>(
    input: &StatusInput<'a>,
    s: &'a PledgeStanding,
    p: &Pledge,
    title: &'a str,
) -> PledgeDoc<'a> {
    // Expected, projection, average and pace in the figures' unit (hours, not hundredths).
    let (m, cm) = (s.measure, s.count_measure());
    let own = |m: Measure, x: f64| round2(m.in_own_unit(x));
    PledgeDoc {
        id: &s.pledge,
        municipality: input.config.id(),
        title,
        period: &s.period,
        rule: rule_kind(&p.rule),
        rule_text: sv::rule_text(p, s.target),
        measure: (m != Measure::Activities).then_some(m),
        count: Figure::of(cm, s.count),
        target: s.target.map(|t| Figure::of(cm, t)),
        of_all: s.of_all,
        expected: s.expected.map(|x| own(cm, x)),
        projection: s.projection.map(|x| own(cm, x)),
        status: s.status,
        verdict: final_verdict(s),
        status_label: input.label(s),
        note: input.note(s, p),
        awaiting: input.awaited(&s.pledge),
        activities: Figure::of(m, s.activities),
        average: s.average.map(|x| own(m, x)),
        sub_periods: s
            .sub_periods
            .iter()
            .map(|sp| SubPeriodDoc {
                label: sv::label_of(sp),
                start: sp.start,
                end: sp.end,
                count: Figure::of(m, sp.count),
                state: sp.state,
            })
            .collect(),
        tags: s.tags.iter().map(|(t, n)| (t.as_str(), Figure::of(m, *n))).collect(),
        catch_up: s.catch_up.as_ref().map(|c| CatchUpDoc {
            needed: Figure::of(m, c.needed),
            weeks_left: c.weeks_left,
            by: c.by,
            best_pace: own(m, c.best_pace),
            per: c.per,
            reachable: c.reachable,
        }),
        counted: &s.counted,
        not_counted: s
            .not_counted
            .iter()
            .map(|n| NotCountedDoc { row: n, message: sv::exclusion(&n.reason, s.as_of) })
            .collect(),
        row_errors: &s.row_errors,
        parts: s
            .parts
            .iter()
            .zip(pledge(input.config, &s.pledge).map_or(&[][..], |w| &w.parts.list[..]))
            .map(|(part, config)| pledge_doc(input, &part.standing, &config.pledge(p), &config.name))
            .collect(),
        indicator: s.indicator.as_ref().map(super::indicator::doc),
        planned: s.planned.iter().map(super::indicator::planned).collect(),
    }
}

/// One document for several municipalities (a police area's `status --json`): every pledge (each
/// saying its municipality), the row errors of all, every file once; `municipality` is the police
/// area's name. One document is returned as it is.
pub fn together<'a>(mut docs: Vec<StatusDoc<'a>>, police_area: &'a str) -> StatusDoc<'a> {
    if docs.len() == 1 {
        return docs.remove(0);
    }
    let as_of = docs.first().map_or(NaiveDate::MIN, |d| d.as_of);
    let mut all = StatusDoc {
        as_of,
        municipality: police_area,
        pledges: Vec::new(),
        row_errors: 0,
        outside_periods: Vec::new().into(),
        files: Vec::new(),
    };
    for d in docs {
        all.pledges.extend(d.pledges);
        all.row_errors += d.row_errors;
        all.outside_periods.to_mut().extend_from_slice(&d.outside_periods);
        for f in d.files {
            if !all.files.iter().any(|x| x.path == f.path) {
                all.files.push(f);
            }
        }
    }
    all.files.sort_by(|a, b| a.path.cmp(b.path));
    all
}

/// Each pledge's count, target, expected figure and projection in its measure (hours with
/// decimals: `1012,5`), as the table shows them.
fn figures(input: &StatusInput<'_>) -> Vec<[String; 4]> {
    use crate::messages::measure::{decimal, number};
    input
        .standings
        .iter()
        .map(|s| {
            if let Some(i) = &s.indicator {
                let [latest, target] = super::indicator::figures(i);
                return [latest, target, "–".to_owned(), "–".to_owned()];
            }
            let m = s.count_measure();
            let opt = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| decimal(m, x, 1));
            [
                number(m, s.count),
                s.target.map_or_else(|| "–".to_owned(), |t| number(m, t)),
                opt(s.expected),
                opt(s.projection),
            ]
        })
        .collect()
}

/// The readable `status` table. A PERIOD column appears when the pledges stand in different periods
/// (one whose periods have all ended shows its last one among current ones).
pub fn table(input: &StatusInput<'_>) -> String {
    let mut out = String::new();
    let mut periods: Vec<&str> = input.standings.iter().map(|s| s.period.as_str()).collect();
    periods.sort_unstable();
    periods.dedup();
    let _ = writeln!(
        out,
        "{}: status as of {} (period {})",
        input.config.municipality,
        input.as_of,
        periods.join(", ")
    );
    let mixed = periods.len() > 1;
    let width = input.standings.iter().map(|s| s.pledge.chars().count()).max().unwrap_or(6).max(6);
    let pw = periods.iter().map(|p| p.chars().count()).max().unwrap_or(6).max(6);
    let period_col = |p: &str| if mixed { format!("{p:pw$}  ") } else { String::new() };
    let sw = input.standings.iter().map(|s| input.label(s).chars().count()).max().unwrap_or(6).max(6);
    let figures = figures(input);
    // A column as wide as its widest figure.
    let w = |i: usize, min: usize| figures.iter().map(|f| f[i].chars().count()).max().unwrap_or(0).max(min);
    let (cw, tw, ew, pjw) = (w(0, 5), w(1, 6), w(2, 8), w(3, 10));
    let _ = writeln!(
        out,
        "{:width$}  {}{:>cw$}  {:>tw$}  {:>ew$}  {:>pjw$}  {:sw$}  NOTE",
        "PLEDGE",
        period_col("PERIOD"),
        "COUNT",
        "TARGET",
        "EXPECTED",
        "PROJECTION",
        "STATUS"
    );
    for (s, [count, target, expected, projection]) in input.standings.iter().zip(&figures) {
        let Some(p) = pledge(input.config, &s.pledge) else { continue };
        let line = format!(
            "{:width$}  {}{count:>cw$}  {target:>tw$}  {expected:>ew$}  {projection:>pjw$}  {:sw$}  {}",
            s.pledge,
            period_col(&s.period),
            input.label(s),
            input.note(s, p)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let errors = input.log.row_error_total();
    // In a police area a shared log holds other municipalities' row errors too: count its own.
    let files_with_errors = if input.config.scope.is_some() {
        let files: std::collections::HashSet<&str> =
            input.log.row_errors.iter().map(|r| &*r.source.file).collect();
        files.len()
    } else {
        input.files.iter().filter(|f| f.row_problems > 0).count()
    };
    let files = input.files.iter().filter(|f| f.rows_read > 0).count();
    let _ = writeln!(
        out,
        "{} from {}; {} in {}; {} dated outside every period.",
        count(input.log.activity_total(), "activity", "activities"),
        count(files, "file", "files"),
        count(errors, "row error", "row errors"),
        count(files_with_errors, "file", "files"),
        count(input.outside_periods.len(), "activity", "activities"),
    );
    let _ = writeln!(out, "`pledgewatch explain PLEDGE` lists the rows behind a figure.");
    out
}
