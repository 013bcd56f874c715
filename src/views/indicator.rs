//! A pledge measured by an outcome indicator in the `status` views (and a pledge's plan in `status
//! --json`): its entry in `status --json`
//! (values in their own unit, each with the file, sheet and row it was read from) and its figures in
//! the table. Pure.

use serde::Serialize;

use crate::model::{Measured, Reading};
use crate::pledge::Bound;
use crate::rules::indicator::IndicatorStanding;

/// `indicator` in a pledge's `status --json` entry.
#[derive(Serialize)]
pub(super) struct IndicatorDoc<'a> {
    name: &'a str,
    unit: &'a str,
    /// `{"at_least": 95.1}` or `{"at_most": 16.0}`.
    target: TargetDoc,
    baseline: Option<BaselineDoc<'a>>,
    latest: Option<ReadingDoc<'a>>,
    history: Vec<ReadingDoc<'a>>,
    conflict: Vec<ReadingDoc<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum TargetDoc {
    AtLeast(f64),
    AtMost(f64),
}

#[derive(Serialize)]
struct BaselineDoc<'a> {
    value: f64,
    year: Option<i32>,
    /// The sheet's row it was read from; `null` when the config gives it.
    read: Option<ReadingDoc<'a>>,
}

#[derive(Serialize)]
struct ReadingDoc<'a> {
    id: i64,
    value: f64,
    /// `2019` (a year's value) or `2019-03-01`.
    measured: String,
    origin: &'a str,
    file: &'a str,
    sheet: &'a str,
    row: Option<u32>,
}

/// A value in thousandths as a number in its own unit.
fn own(v: i64) -> f64 {
    v as f64 / 1000.0
}

fn reading(r: &Reading) -> ReadingDoc<'_> {
    ReadingDoc {
        id: r.id,
        value: own(r.value),
        measured: match r.measured {
            Measured::Year(y) => y.to_string(),
            Measured::Day(d) => d.to_string(),
        },
        origin: &r.origin,
        file: &r.source.file,
        sheet: &r.source.sheet,
        row: r.source.row,
    }
}

pub(super) fn doc(s: &IndicatorStanding) -> IndicatorDoc<'_> {
    IndicatorDoc {
        name: &s.indicator,
        unit: &s.unit,
        target: match s.target {
            Bound::AtLeast(v) => TargetDoc::AtLeast(own(v)),
            Bound::AtMost(v) => TargetDoc::AtMost(own(v)),
        },
        baseline: s.baseline.as_ref().map(|b| BaselineDoc {
            value: own(b.value),
            year: b.year,
            read: b.reading.as_ref().map(reading),
        }),
        latest: s.latest.as_ref().map(reading),
        history: s.history.iter().map(reading).collect(),
        conflict: s.conflict.iter().map(reading).collect(),
    }
}

/// A planned activity in a pledge's `status --json` entry (`planned`).
#[derive(Serialize)]
pub(super) struct PlannedDoc<'a> {
    /// `2019-05-14`, or an ISO week `2019-W20`.
    when: String,
    what: &'a str,
    party: Option<&'a str>,
    state: crate::rules::plan::PlanState,
    /// The counted activity that did it.
    done_by: Option<i64>,
    done_on: Option<chrono::NaiveDate>,
}

pub(super) fn planned(p: &crate::rules::plan::PlanStanding) -> PlannedDoc<'_> {
    use crate::pledge::PlanDate;
    PlannedDoc {
        when: match p.planned.when {
            PlanDate::Day(d) => d.to_string(),
            PlanDate::Week { year, week } => format!("{year}-W{week:02}"),
        },
        what: &p.planned.what,
        party: p.planned.party.as_deref(),
        state: p.state,
        done_by: p.done.map(|d| d.0),
        done_on: p.done.map(|d| d.1),
    }
}

/// The table's COUNT and TARGET of an indicator: `95,2 %` (or `–`) and `≥ 95,1 %`.
pub(super) fn figures(s: &IndicatorStanding) -> [String; 2] {
    use crate::messages::indicator::value;
    let latest = s.latest.as_ref().map_or_else(|| "–".to_owned(), |r| value(r.value, &s.unit));
    let target = match s.target {
        Bound::AtLeast(v) => format!("≥ {}", value(v, &s.unit)),
        Bound::AtMost(v) => format!("≤ {}", value(v, &s.unit)),
    };
    [latest, target]
}
