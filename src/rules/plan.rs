//! A pledge's plan beside what was done: each planned activity of the period done (by a counted
//! activity on its day or in its week), due, to come, or not done.
//!
//! Pure.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Activity;
use crate::pledge::{Period, Planned};

/// Where a planned activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PlanState {
    /// A counted activity was done on its day or in its week.
    Done,
    /// Its day (or the six days after it) or its week is under way and nothing counted is there yet.
    Due,
    /// Its day or week is to come.
    Upcoming,
    /// Its day or week is over without a counted activity.
    NotDone,
}

/// One planned activity and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PlanStanding {
    /// What was planned.
    pub(crate) planned: Planned,
    /// Done, due, to come or not done.
    pub(crate) state: PlanState,
    /// The counted activity that did it: its id and day.
    pub(crate) done: Option<(i64, NaiveDate)>,
}

/// The planned activities of `period` beside the `counted` ones (of the pledge's, on `as_of`): each
/// counted activity does at most one planned activity, the earliest it can.
pub(crate) fn states(
    plan: &[Planned],
    period: &Period,
    counted: &[&Activity],
    as_of: NaiveDate,
) -> Vec<PlanStanding> {
    let mut rows: Vec<&Activity> = counted.to_vec();
    rows.sort_by_key(|a| (a.date, a.id));
    let mut used = vec![false; rows.len()];
    let in_period = plan.iter().filter(|p| period.contains(p.when.first()) || period.contains(p.when.last()));
    in_period
        .map(|p| {
            let found = rows.iter().enumerate().find(|(i, a)| !used[*i] && p.when.holds(a.date));
            let done = found.map(|(i, a)| {
                used[i] = true;
                (a.id, a.date)
            });
            let state = match done {
                Some(_) => PlanState::Done,
                None if p.when.first() > as_of => PlanState::Upcoming,
                None if p.when.done_by() >= as_of => PlanState::Due,
                None => PlanState::NotDone,
            };
            PlanStanding { planned: p.clone(), state, done }
        })
        .collect()
}

/// Adds to `s` the plan of `pledge` in `period` (the config's and its plan sheets' rows) beside
/// what was done, and the rows of its plan sheets that could not be read.
pub(super) fn add(
    s: &mut super::PledgeStanding,
    pledge: &crate::pledge::Pledge,
    (period, all_periods): (&Period, &[Period]),
    log: &crate::model::Log,
    as_of: NaiveDate,
) {
    // Its plan: the config's and its plan sheets' rows.
    let mut planned: Vec<crate::pledge::Planned> = pledge.plan.clone();
    for p in log.plans.iter().filter(|p| p.pledge == pledge.id) {
        if !planned.contains(&p.planned) {
            planned.push(p.planned.clone());
        }
    }
    if !planned.is_empty() {
        planned.sort_by_key(|p| p.when.first());
        let counted: std::collections::HashSet<i64> = s.counted.iter().copied().collect();
        let rows: Vec<&Activity> = log.activities.iter().filter(|a| counted.contains(&a.id)).collect();
        s.planned = states(&planned, period, &rows, as_of);
    }
    let kind = crate::model::plan::problem_kind(&pledge.id);
    let sheet_errors = log.row_errors.iter().filter(|e| e.kind.as_deref() == Some(kind.as_str()));
    s.row_errors.extend(
        sheet_errors.filter(|e| super::row_error_concerns(e, period, all_periods, as_of)).map(|e| e.id),
    );
}

/// The next planned activity not done: due today (or this week), or the first to come.
pub(crate) fn next(plan: &[PlanStanding]) -> Option<&PlanStanding> {
    plan.iter().find(|p| matches!(p.state, PlanState::Due | PlanState::Upcoming))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;
    use crate::pledge::PlanDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn activity(id: i64, date: &str) -> Activity {
        Activity {
            id,
            source: Provenance { file: "logg.xlsx".into(), sheet: "Logg".into(), row: Some(2) },
            date: d(date),
            kind: "trygghetsvandring".into(),
            count: 1,
            hours: None,
            place: "".into(),
            partners: "".into(),
            tags: "".into(),
        }
    }

    fn planned(when: PlanDate, what: &str) -> Planned {
        Planned { when, what: what.into(), party: None }
    }

    #[test]
    fn each_planned_activity_is_done_by_one_counted_activity_on_its_day_or_in_its_week() {
        let period =
            Period { id: "2019".into(), start: d("2019-01-01"), end: d("2019-12-31"), terms: Vec::new() };
        let plan = [
            planned(PlanDate::Day(d("2019-05-14")), "Centrum"),
            planned(PlanDate::parse_week("2019-W20").unwrap(), "Töre"),
            planned(PlanDate::Day(d("2019-09-10")), "Hösten"),
            planned(PlanDate::Day(d("2019-10-01")), "Oktober"),
            planned(PlanDate::Day(d("2020-05-01")), "Nästa år"),
        ];
        // One walk on 14 May does the day's plan; the week's needs another.
        let (a, b) = (activity(1, "2019-05-14"), activity(2, "2019-05-16"));
        let s = states(&plan, &period, &[&b, &a], d("2019-09-10"));
        let got: Vec<(&str, PlanState, Option<i64>)> =
            s.iter().map(|p| (p.planned.what.as_str(), p.state, p.done.map(|x| x.0))).collect();
        assert_eq!(
            got,
            [
                ("Centrum", PlanState::Done, Some(1)),
                ("Töre", PlanState::Done, Some(2)),
                ("Hösten", PlanState::Due, None),
                ("Oktober", PlanState::Upcoming, None),
            ]
        );
        assert_eq!(next(&s).map(|p| p.planned.what.as_str()), Some("Hösten"));
        // 10 September's is still due on the 16th, six days after, and not done on the 17th.
        let s = states(&plan, &period, &[&a], d("2019-09-16"));
        let got: Vec<PlanState> = s.iter().map(|p| p.state).collect();
        assert_eq!(got, [PlanState::Done, PlanState::NotDone, PlanState::Due, PlanState::Upcoming]);
        let s = states(&plan, &period, &[&a], d("2019-09-17"));
        let got: Vec<PlanState> = s.iter().map(|p| p.state).collect();
        assert_eq!(got, [PlanState::Done, PlanState::NotDone, PlanState::NotDone, PlanState::Upcoming]);
        // A walk five days late does it.
        let late = activity(3, "2019-09-15");
        let s = states(&plan, &period, &[&a, &b, &late], d("2019-12-31"));
        assert_eq!((s[2].state, s[2].done.map(|x| x.0)), (PlanState::Done, Some(3)));
    }
}
