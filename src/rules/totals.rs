//! Total and rate rules: the count against the target and its prorated pace; and which rule a
//! pledge's figures follow.
//!
//! Pure.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::calendar::{self, Window};
use super::{CatchUp, PaceUnit, PledgeStanding, Status, amount, ongoing, pace};
use crate::model::Activity;
use crate::pledge::{Measure, Pledge, Rule};

/// The figures of `pledge`'s rule, from the `counted` rows: targets and slack in the standing's
/// units (hours in hundredths).
pub(super) fn by_rule(
    s: &mut PledgeStanding,
    pledge: &Pledge,
    window: &Window,
    counted: &[&Activity],
    missing: u32,
    as_of: NaiveDate,
) {
    let scale = pledge.measure.scale();
    match pledge.rule {
        // An indicator's standing is made apart (`rules::by_indicator`).
        Rule::Qualitative | Rule::Indicator(_) => {}
        Rule::Total { at_least } => {
            let target = at_least.saturating_mul(scale);
            let slack = match pledge.measure {
                Measure::Activities => pace::slack(None),
                // Hours accrue by the week: behind from half a week's share short, or half an hour.
                Measure::Hours => {
                    (pace::weekly_share(target, window.active_days()) / 2.0).max(0.5 * f64::from(scale))
                }
            };
            by_count(s, window, counted, target, slack, as_of)
        }
        Rule::Rate { at_least, per } => {
            let units = window.units(per);
            let target = pace::rate_target(at_least * f64::from(scale), units);
            let slack = pace::slack(Some(at_least)) * f64::from(scale);
            by_count(s, window, counted, target, slack, as_of);
            let (days, elapsed) = (window.active_days(), window.elapsed_days(as_of));
            s.average = pace::average(s.count, units, elapsed, days);
        }
        Rule::Share { at_least } => super::share::by_share(s, window, counted, missing, at_least, as_of),
        Rule::Ongoing { at_least, each } => {
            ongoing::by_sub_period(s, window, counted, at_least.saturating_mul(scale), each, as_of)
        }
    }
}

/// Total and rate rules: the count against `target` and its prorated pace.
fn by_count(
    s: &mut PledgeStanding,
    window: &Window,
    counted: &[&Activity],
    target: u32,
    slack: f64,
    as_of: NaiveDate,
) {
    let (days, elapsed) = (window.active_days(), window.elapsed_days(as_of));
    s.target = Some(target);
    s.expected = Some(pace::expected(target, elapsed, days));
    s.projection = pace::projection(s.count, elapsed, days);
    let by = window.last_active_day().unwrap_or(window.end);
    s.status = if s.count >= target {
        Status::Met
    } else if crate::pledge::is_over(by, as_of) {
        Status::Missed
    } else if pace::is_behind(s.count, target, elapsed, days, slack) {
        Status::Behind
    } else {
        Status::OnTrack
    };
    if s.status == Status::Behind {
        s.catch_up = Some(weekly_catch_up(window, counted, s.measure, target - s.count, by, as_of));
    }
}

/// What it takes to do `needed` more by `by`, judged by the best weekly pace so far (total, rate and
/// share rules).
pub(super) fn weekly_catch_up(
    window: &Window,
    counted: &[&Activity],
    measure: Measure,
    needed: u32,
    by: NaiveDate,
    as_of: NaiveDate,
) -> CatchUp {
    let weeks_left = pace::weeks_left(window.days_left(as_of, by));
    let best_pace = pace::best_pace(&weekly_counts(window, counted, measure, as_of));
    CatchUp {
        needed,
        weeks_left,
        by,
        best_pace,
        per: PaceUnit::Week,
        reachable: pace::reachable(needed, weeks_left.max(1), best_pace),
    }
}

/// Activities (or hours) counted per ISO week, from the week the window starts through the week of
/// `as_of`.
fn weekly_counts(window: &Window, counted: &[&Activity], measure: Measure, as_of: NaiveDate) -> Vec<u32> {
    let mondays = window.week_mondays(as_of);
    let index: HashMap<NaiveDate, usize> = mondays.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut weeks = vec![0u32; mondays.len()];
    for a in counted {
        if let Some(&i) = index.get(&calendar::monday_of(a.date)) {
            weeks[i] = weeks[i].saturating_add(amount(measure, a));
        }
    }
    weeks
}
