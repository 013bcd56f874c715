//! Reconcile: where each pledge stands on a given day, measured against its rule and its pace.
//!
//! Pure: no I/O, no clock. [`standing`] takes the pledges, the periods, what the logs hold and the
//! as-of day, and returns one [`PledgeStanding`] per pledge, with the ids of the rows that counted and
//! of those that did not, and why. The formulas live in [`pace`], the calendar (seasons, ISO weeks,
//! months, quarters, terms) in [`calendar`], the conditions on a row in [`conditions`], which period a
//! standing is about in [`periods`]. Swedish words
//! for statuses and reasons are made in `messages/`.

pub(crate) mod calendar;
pub(crate) mod conditions;
pub(crate) mod indicator;
pub(crate) mod ongoing;
pub(crate) mod pace;
pub(crate) mod parts;
mod periods;
pub(crate) mod plan;
mod share;
mod totals;
pub(crate) mod verdict;

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::{Activity, Log, RowError};
use crate::pledge::{Measure, Period, Pledge, Rule, SubPeriod};
use calendar::Window;
pub(crate) use periods::{
    days_to_read, lately_ended, previous_period, shown_periods, standings_in, with_previous,
};
pub use periods::{outside_periods, standing};

/// Where a pledge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Status {
    /// It can no longer be met in its period: the period is over short of the target, or (ongoing
    /// rules) a month, quarter or term has passed without its activities. Final within the period.
    Missed,
    /// Below its pace: at least half an activity (rate rules: half a week's or month's share) short of
    /// the expected-so-far figure, or (ongoing rules) more than half of the current month, quarter or
    /// term gone without its activities.
    Behind,
    /// At or above its pace.
    OnTrack,
    /// The target is reached. Final within the period.
    Met,
    /// No number: the activities are listed.
    Qualitative,
    /// A pledge measured by an indicator with no value measured in its period yet (or two rows
    /// that disagree about the latest): nothing to judge.
    Unmeasured,
}

crate::codes::stored_names!(pub(crate) Status, "status", {
    Missed => "missed",
    Behind => "behind",
    OnTrack => "on_track",
    Met => "met",
    Qualitative => "qualitative",
    Unmeasured => "unmeasured",
});

/// Why a row of one of the pledge's activity kinds does not count toward it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// Its date lies in none of the configured periods.
    OutsidePeriods,
    /// Its date is after the as-of day.
    AfterAsOf,
    /// Its date is outside the pledge's season.
    OutsideSeason,
    /// A pledge kept each week: its date is in a week of the period's edge that belongs to the
    /// period before or after (the one that holds its Thursday).
    OutsideWeeks,
    /// Its date is not one of the weekdays on which the pledge counts (`weekday`, `on`).
    NotOnWeekdays { weekday: chrono::Weekday, on: Vec<chrono::Weekday> },
    /// Its date is a public holiday, and the pledge excepts them.
    Holiday { date: NaiveDate },
    /// A termly pledge's row between the school's terms (in the summer break).
    OutsideTerms,
    /// A pledge kept around occasions: its date is in none of their windows (`names`: the occasions).
    OutsideOccasions { names: Vec<String> },
    /// `Plats` names none of the pledge's places.
    PlaceMissing {
        any_of: Vec<String>,
        /// The place the text (or a word of it) is near enough to be a typo of: "Kåkan" for Kåken.
        #[serde(skip_serializing_if = "Option::is_none")]
        near: Option<String>,
    },
    /// The pledge requires partners and `Samverkan` is empty.
    NoPartners,
    /// `Samverkan` names none of these words, and one of them is required.
    PartnersMissing { any_of: Vec<String> },
    /// The row carries none of the tags the pledge requires.
    TagsMissing { any_of: Vec<String> },
    /// `Antal` is 0.
    ZeroCount,
    /// A pledge measured in hours: `Timmar` is empty or 0.
    NoHours,
    /// A pledge in parts measured in hours: `Plats` names the places of several parts, and the row's
    /// hours cannot be split between them.
    HoursInParts { parts: Vec<String> },
}

impl Exclusion {
    /// Whether the row is on the pledge's days and misses one of its conditions (place, partners,
    /// tags): a share is of these rows too.
    pub(crate) fn is_condition(&self) -> bool {
        matches!(
            self,
            Exclusion::PlaceMissing { .. }
                | Exclusion::NoPartners
                | Exclusion::PartnersMissing { .. }
                | Exclusion::TagsMissing { .. }
        )
    }
}

/// A row that did not count, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    /// The activity's id.
    pub(crate) activity: i64,
    /// Why.
    #[serde(flatten)]
    pub(crate) reason: Exclusion,
}

/// The state of one month, quarter or term of an ongoing rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverState {
    /// It has its activities.
    Covered,
    /// It is over without them.
    Missed,
    /// It has begun, is not over, and does not have them yet.
    Open,
    /// It has not begun.
    Upcoming,
}

/// One month, quarter or term of an ongoing rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubPeriodStanding {
    /// Day, week, month, quarter, term or occasion.
    pub(crate) each: SubPeriod,
    /// The occasion's name (`midsommar`), when `each` is an occasion.
    pub(crate) occasion: Option<String>,
    /// First day (clipped to the period).
    pub(crate) start: NaiveDate,
    /// Last day (clipped to the period).
    pub(crate) end: NaiveDate,
    /// Activities counted in it (sum of `Antal`).
    pub(crate) count: u32,
    /// Covered, missed, open or upcoming.
    pub(crate) state: CoverState,
}

/// What it takes to catch up with a pledge that is behind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatchUp {
    /// Activities still needed: to the target, or (ongoing) in the current month, quarter or term.
    pub(crate) needed: u32,
    /// Weeks left to do them in (a started week counts).
    pub(crate) weeks_left: u32,
    /// The last day they can be done on.
    pub(crate) by: NaiveDate,
    /// The best pace seen so far: activities per week (total and rate rules, see
    /// [`pace::best_pace`]), or the most in one month, quarter or term (ongoing rules).
    pub(crate) best_pace: f64,
    /// What `best_pace` is counted per.
    pub(crate) per: PaceUnit,
    /// Whether `needed` in `weeks_left` weeks is within the best pace seen so far.
    pub(crate) reachable: bool,
}

/// The unit of a best pace: a week's average (total and rate rules), or the most in one day, week,
/// month, quarter or term of an ongoing rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaceUnit {
    /// Per ISO week, on average over the best four.
    Week,
    /// The most in one ISO week (an ongoing rule kept each week).
    OneWeek,
    /// Per month.
    Month,
    /// Per quarter.
    Quarter,
    /// Per term.
    Term,
    /// Per day.
    Day,
    /// The most at one occasion.
    Occasion,
}

impl PaceUnit {
    /// The most done in one `each` of an ongoing rule.
    fn most_in(each: SubPeriod) -> PaceUnit {
        match each {
            SubPeriod::Month => PaceUnit::Month,
            SubPeriod::Quarter => PaceUnit::Quarter,
            SubPeriod::Term => PaceUnit::Term,
            SubPeriod::Week => PaceUnit::OneWeek,
            SubPeriod::Day => PaceUnit::Day,
            SubPeriod::Occasion => PaceUnit::Occasion,
        }
    }
}

/// Where one pledge stands in one period on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PledgeStanding {
    /// The pledge's id.
    pub(crate) pledge: String,
    /// The period's id.
    pub(crate) period: String,
    /// The day it is computed for.
    pub(crate) as_of: NaiveDate,
    /// The last day on which activities count: the period's last day, or the last day of the
    /// pledge's season within the period.
    pub(crate) last_day: NaiveDate,
    /// The period's last day (after it, the standing is the follow-up's verdict).
    pub(crate) period_end: NaiveDate,
    /// Met, on track, behind, missed or qualitative.
    pub(crate) status: Status,
    /// What the figures below count: activities, or hours in hundredths (see [`Measure::scale`]).
    pub(crate) measure: Measure,
    /// Whether `count`, `target`, `expected` and `projection` count sub-periods (an ongoing rule's
    /// days, weeks, months … covered), not activities or hours.
    pub(crate) counts_sub_periods: bool,
    /// The figure measured against the target: activities counted (sum of `Antal`; hours, the
    /// hundredths of `Timmar`), or for ongoing rules the months, quarters or terms covered.
    pub(crate) count: u32,
    /// Activities counted (sum of `Antal`; hours, the hundredths of `Timmar`), whatever the rule.
    pub activities: u32,
    /// The target, in the unit of `count`; `None` for qualitative pledges.
    pub(crate) target: Option<u32>,
    /// The expected-so-far figure, in the unit of `count`.
    pub(crate) expected: Option<f64>,
    /// The projection to the end of the period at the rate so far.
    pub(crate) projection: Option<f64>,
    /// Rate rules: the average per week (or month) so far.
    pub(crate) average: Option<f64>,
    /// Ongoing rules: each month, quarter or term.
    pub(crate) sub_periods: Vec<SubPeriodStanding>,
    /// The reported tags and how many counted activities carry each, in config order.
    pub(crate) tags: Vec<(String, u32)>,
    /// When behind: what it takes to catch up.
    pub(crate) catch_up: Option<CatchUp>,
    /// The ids of the activities that counted, in the order given.
    pub(crate) counted: Vec<i64>,
    /// The activities of the pledge's kinds that did not count, and why.
    pub(crate) not_counted: Vec<NotCounted>,
    /// The ids of the row errors that may concern the pledge: rows naming (or resembling) one of its
    /// kinds, dated in the period up to the as-of day or not dated at all.
    pub(crate) row_errors: Vec<i64>,
    /// A pledge kept in parts: each part's standing (see [`parts`]); empty for most pledges.
    pub(crate) parts: Vec<parts::PartStanding>,
    /// A share: the activities of its kinds on its days, those that meet its conditions (`count`)
    /// and those that do not; `None` for other rules.
    pub(crate) of_all: Option<u32>,
    /// A pledge measured by an indicator: its values, baseline and target; `None` for other rules.
    pub(crate) indicator: Option<indicator::IndicatorStanding>,
    /// Its plan in the period beside what was done; empty for a pledge without a plan.
    pub(crate) planned: Vec<plan::PlanStanding>,
}

#[cfg(test)]
impl PledgeStanding {
    /// A standing of `pledge` in period `2019` (last day 31 December) with the given status, count
    /// and target; everything else empty. For tests of what is built on standings.
    pub(crate) fn fixture(
        pledge: &str,
        status: Status,
        count: u32,
        target: Option<u32>,
        as_of: NaiveDate,
    ) -> PledgeStanding {
        let year = |m, d| NaiveDate::from_ymd_opt(2019, m, d).expect("a date");
        let period = Period { id: "2019".into(), start: year(1, 1), end: year(12, 31), terms: Vec::new() };
        let mut p = Pledge::example(Rule::Qualitative, crate::pledge::ActiveDays::default(), &[]);
        p.id = pledge.into();
        let mut s = PledgeStanding::empty(&p, &period, as_of, status);
        (s.count, s.activities, s.target) = (count, count, target);
        s
    }
}

/// Where `pledge` stands in `period` on `as_of`. `all_periods` tells which activities lie outside
/// every period (they are listed as not counted).
pub(crate) fn standing_in(
    pledge: &Pledge,
    period: &Period,
    all_periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
) -> PledgeStanding {
    let mut s = if !pledge.parts.list.is_empty() {
        parts::standing(pledge, period, all_periods, log, as_of)
    } else if let Rule::Indicator(rule) = &pledge.rule {
        indicator::of_pledge(pledge, rule, (period, all_periods), log, as_of)
    } else {
        by_activities(pledge, period, all_periods, log, as_of)
    };
    plan::add(&mut s, pledge, (period, all_periods), log, as_of);
    s
}

/// Where a pledge measured by its activities stands (not in parts, not an indicator).
fn by_activities(
    pledge: &Pledge,
    period: &Period,
    all_periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
) -> PledgeStanding {
    let window = Window::new(period, pledge.days, &pledge.occasions.windows);
    let kinds: HashSet<&str> = pledge.activities.iter().map(String::as_str).collect();
    let mut counted: Vec<&Activity> = Vec::new();
    let mut not_counted = Vec::new();
    // What the rows on its days that miss its conditions hold (a share is of them too).
    let mut missing = 0u32;
    for a in log.activities.iter().filter(|a| kinds.contains(&*a.kind)) {
        let reason = if !period.contains(a.date) {
            if all_periods.iter().any(|p| p.contains(a.date)) {
                continue; // it belongs to another period
            }
            Some(Exclusion::OutsidePeriods)
        } else if a.date > as_of {
            Some(Exclusion::AfterAsOf)
        } else {
            let each = if let Rule::Ongoing { each, .. } = pledge.rule { Some(each) } else { None };
            window.exclusion(a.date, each).or_else(|| conditions::exclusion(pledge, a))
        };
        match reason {
            Some(reason) => {
                if reason.is_condition() {
                    missing = missing.saturating_add(amount(pledge.measure, a));
                }
                not_counted.push(NotCounted { activity: a.id, reason })
            }
            None => counted.push(a),
        }
    }
    let activities = sum(counted.iter().map(|a| amount(pledge.measure, a)));
    let mut s = PledgeStanding::empty(pledge, period, as_of, Status::Qualitative);
    s.last_day = window.last_active_day().unwrap_or(period.end);
    (s.count, s.activities) = (activities, activities);
    s.tags = tag_counts(pledge, &counted);
    s.counted = counted.iter().map(|a| a.id).collect();
    s.not_counted = not_counted;
    s.row_errors = row_errors(&log.row_errors, &kinds, period, all_periods, as_of);
    totals::by_rule(&mut s, pledge, &window, &counted, missing, as_of);
    s
}

/// The row errors that may concern a pledge with `kinds` in `period` on `as_of`: those naming one of
/// its kinds and dated in the period up to `as_of`, in no period at all (like activities), or not at
/// all.
fn row_errors(
    errors: &[RowError],
    kinds: &HashSet<&str>,
    period: &Period,
    all_periods: &[Period],
    as_of: NaiveDate,
) -> Vec<i64> {
    errors
        .iter()
        .filter(|e| e.kind.as_deref().is_some_and(|k| kinds.contains(k)))
        .filter(|e| row_error_concerns(e, period, all_periods, as_of))
        .map(|e| e.id)
        .collect()
}

/// Whether a row error may concern `period` on `as_of` by its date: dated in the period up to
/// `as_of`, in no period at all (like activities), or not dated.
pub(crate) fn row_error_concerns(
    e: &RowError,
    period: &Period,
    all_periods: &[Period],
    as_of: NaiveDate,
) -> bool {
    // A year's indicator value is dated on its last day and known from the year's start
    // (`Measured::known_by`), and so is a row of one that could not be read.
    let indicator = e.kind.as_deref().is_some_and(|k| k.starts_with(crate::model::indicator::PROBLEM_KIND));
    // A plan sheet's row is about what is to come: dated in the period, it concerns it from the start.
    let plan = e.kind.as_deref().is_some_and(|k| k.starts_with(crate::model::plan::PROBLEM_KIND));
    let known = |d: NaiveDate| {
        plan || d <= as_of || (indicator && d.month() == 12 && d.day() == 31 && d.year() <= as_of.year())
    };
    e.date.is_none_or(|d| (period.contains(d) && known(d)) || !all_periods.iter().any(|p| p.contains(d)))
}

impl PledgeStanding {
    /// The standing of `pledge` in `period` on `as_of` with `status` and nothing counted yet: what
    /// each rule fills in.
    pub(crate) fn empty(
        pledge: &Pledge,
        period: &Period,
        as_of: NaiveDate,
        status: Status,
    ) -> PledgeStanding {
        PledgeStanding {
            pledge: pledge.id.clone(),
            period: period.id.clone(),
            as_of,
            last_day: period.end,
            period_end: period.end,
            status,
            measure: pledge.measure,
            counts_sub_periods: false,
            count: 0,
            activities: 0,
            target: None,
            expected: None,
            projection: None,
            average: None,
            sub_periods: Vec::new(),
            tags: Vec::new(),
            catch_up: None,
            counted: Vec::new(),
            not_counted: Vec::new(),
            row_errors: Vec::new(),
            parts: Vec::new(),
            of_all: None,
            indicator: None,
            planned: Vec::new(),
        }
    }

    /// What `count`, `target`, `expected` and `projection` are written in: the pledge's measure, or
    /// for an ongoing rule's sub-periods covered whole numbers, as activities are.
    pub(crate) fn count_measure(&self) -> Measure {
        if self.counts_sub_periods { Measure::Activities } else { self.measure }
    }
}

/// Each of `pledge`'s reported tags, and the sum of Antal (or hours) of the `counted` rows that
/// carry it.
pub(super) fn tag_counts(pledge: &Pledge, counted: &[&Activity]) -> Vec<(String, u32)> {
    let carrying = |t: &str| {
        sum(counted.iter().filter(|a| conditions::has_tag(&a.tags, t)).map(|a| amount(pledge.measure, a)))
    };
    pledge.report_tags.iter().map(|t| (t.clone(), carrying(t))).collect()
}

/// What a counted row gives toward a pledge of `measure`: its Antal, or its Timmar in hundredths.
pub(crate) fn amount(measure: Measure, a: &Activity) -> u32 {
    match measure {
        Measure::Activities => a.count,
        Measure::Hours => a.hours.unwrap_or(0),
    }
}

/// A sum of counts that saturates instead of overflowing.
pub(super) fn sum(counts: impl Iterator<Item = u32>) -> u32 {
    counts.fold(0, u32::saturating_add)
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
