//! A pledge measured by an outcome indicator: the latest value measured in its period against its
//! target, from its baseline.
//!
//! Pure. A value is measured by a year (`År`, placed on the year's last day) or a day (`Datum`);
//! those of the period known by the as-of day count, and the latest of them is judged. Not monotone
//! (a later measurement may be worse), so met only once the period is over, as a share is.

use serde::Serialize;

use super::Status;
use crate::model::indicator::Milli;
use crate::model::{Measured, Reading};
use crate::pledge::{Bound, IndicatorRule, Period};

/// Where a pledge measured by an indicator stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct IndicatorStanding {
    /// The indicator's name.
    pub(crate) indicator: String,
    /// What its values are written in (`%`).
    pub(crate) unit: String,
    /// At least or at most.
    pub(crate) target: Bound,
    /// Where it started from: given in the config, or the sheet's value of the baseline year.
    pub(crate) baseline: Option<BaselinePoint>,
    /// The latest value measured in the period by the as-of day: the one judged. `None` when there
    /// is none, or when two rows give different values for the latest measurement (`conflict`).
    pub(crate) latest: Option<Reading>,
    /// The values measured in the period by the as-of day, oldest first.
    pub(crate) history: Vec<Reading>,
    /// Rows that give different values for the same, latest, measurement: none of them is judged.
    pub(crate) conflict: Vec<Reading>,
    /// Rows of its sheet that could not be read and may be a later measurement than the latest
    /// read (or of the same): until they are mended, no value is judged.
    pub(crate) unreadable: Vec<crate::model::Provenance>,
}

impl IndicatorStanding {
    /// Whether values disagree, or a row that could not be read may be the latest: no value is
    /// judged, and someone must look.
    pub(crate) fn is_unclear(&self) -> bool {
        !self.conflict.is_empty() || !self.unreadable.is_empty()
    }
}

/// An indicator's baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BaselinePoint {
    /// Its value.
    pub(crate) value: Milli,
    /// The year it was measured in, when known.
    pub(crate) year: Option<i32>,
    /// The sheet's row it was read from (`None`: the config gives it).
    pub(crate) reading: Option<Reading>,
}

/// How far an indicator has gone from its baseline toward its target, in thousandths of the way
/// (1000: the target; `None` without a baseline, or when the target is not away from it).
pub(crate) fn progress(s: &IndicatorStanding) -> Option<i64> {
    let (latest, baseline) = (s.latest.as_ref()?.value, s.baseline.as_ref()?.value);
    let target = s.target.value();
    let (gone, way) = match s.target {
        Bound::AtLeast(_) => (latest - baseline, target - baseline),
        Bound::AtMost(_) => (baseline - latest, baseline - target),
    };
    (way > 0).then(|| (i128::from(gone) * 1000 / i128::from(way)) as i64)
}

/// The standing of `rule` in `period` on `as_of`, from the values read of its indicator, and its
/// status: no value yet (`Unmeasured`), met by the latest (on track, met once the period is over
/// `ended`), or not (behind, missed once over).
pub(crate) fn standing(
    rule: &IndicatorRule,
    period: &Period,
    readings: &[Reading],
    as_of: chrono::NaiveDate,
    ended: bool,
) -> (IndicatorStanding, Status) {
    let of_it: Vec<&Reading> = readings.iter().filter(|r| *r.indicator == *rule.indicator).collect();
    let mut history: Vec<Reading> = of_it
        .iter()
        .filter(|r| period.contains(r.measured.day()) && r.measured.known_by(as_of))
        .map(|r| (*r).clone())
        .collect();
    history.sort_by_key(|r| (r.measured.day(), matches!(r.measured, Measured::Day(_))));
    let (latest, conflict) = match history.last().map(|r| r.measured) {
        Some(last) => one_value(history.iter().filter(|r| r.measured == last)),
        None => (None, Vec::new()),
    };
    let baseline = baseline(rule, &of_it);
    let status = match &latest {
        None => Status::Unmeasured,
        Some(r) if rule.target.met_by(r.value) => {
            if ended {
                Status::Met
            } else {
                Status::OnTrack
            }
        }
        Some(_) if ended => Status::Missed,
        Some(_) => Status::Behind,
    };
    let s = IndicatorStanding {
        indicator: rule.indicator.clone(),
        unit: rule.unit.clone(),
        target: rule.target,
        baseline,
        latest,
        history,
        conflict,
        unreadable: Vec::new(),
    };
    (s, status)
}

/// Where a pledge measured by an indicator stands: no activities, the values of its indicator.
pub(super) fn of_pledge(
    pledge: &crate::pledge::Pledge,
    rule: &crate::pledge::IndicatorRule,
    (period, all_periods): (&Period, &[Period]),
    log: &crate::model::Log,
    as_of: chrono::NaiveDate,
) -> super::PledgeStanding {
    let ended = period.is_over(as_of);
    let (mut i, mut status) = standing(rule, period, &log.readings, as_of, ended);
    // Its sheet's rows that could not be read: undated, or of a measurement in the period known by
    // the day (`row_error_concerns`).
    let kind = crate::model::indicator::problem_kind(&rule.indicator);
    let unreadable: Vec<&crate::model::RowError> = log
        .row_errors
        .iter()
        .filter(|e| e.kind.as_deref() == Some(kind.as_str()))
        .filter(|e| super::row_error_concerns(e, period, all_periods, as_of))
        .collect();
    let in_period: Vec<&crate::model::RowError> =
        unreadable.iter().copied().filter(|e| e.date.is_none_or(|d| period.contains(d))).collect();
    held(&mut i, &mut status, &in_period);
    let mut s = super::PledgeStanding::empty(pledge, period, as_of, status);
    s.indicator = Some(i);
    s.row_errors = unreadable.iter().map(|e| e.id).collect();
    s
}

/// A latest value that a row of the period that could not be read may be later than, or of the same
/// measurement as (an undated row, or one dated on or after it): not judged, and the rows are named.
fn held(i: &mut IndicatorStanding, status: &mut Status, unreadable: &[&crate::model::RowError]) {
    let latest = i.latest.as_ref().map(|r| r.measured.day());
    let may_be_later = |e: &&&crate::model::RowError| match (e.date, latest) {
        (Some(d), Some(l)) => d >= l,
        _ => true,
    };
    i.unreadable = unreadable.iter().filter(may_be_later).map(|e| e.source.clone()).collect();
    if !i.unreadable.is_empty() && i.latest.take().is_some() {
        *status = Status::Unmeasured;
    }
}

/// The one value of these rows (all of one measurement), or, when they give different values, none
/// and the rows that disagree.
fn one_value<'r>(rows: impl Iterator<Item = &'r Reading>) -> (Option<Reading>, Vec<Reading>) {
    let rows: Vec<&Reading> = rows.collect();
    match rows.first() {
        Some(first) if rows.iter().all(|r| r.value == first.value) => (Some((*first).clone()), Vec::new()),
        Some(_) => (None, rows.into_iter().cloned().collect()),
        None => (None, Vec::new()),
    }
}

/// The baseline: the config's value, else the sheet's one value of the baseline year.
fn baseline(rule: &IndicatorRule, of_it: &[&Reading]) -> Option<BaselinePoint> {
    let year = rule.baseline.year;
    if let Some(value) = rule.baseline.value {
        return Some(BaselinePoint { value, year, reading: None });
    }
    let y = year?;
    let (reading, _) = one_value(of_it.iter().copied().filter(|r| r.measured.year() == y));
    reading.map(|r| BaselinePoint { value: r.value, year, reading: Some(r) })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Provenance;
    use crate::pledge::Baseline;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn reading(id: i64, measured: Measured, value: Milli) -> Reading {
        Reading {
            id,
            source: Provenance { file: "indikatorer.xlsx".into(), sheet: "Indikatorer".into(), row: Some(2) },
            indicator: "Trygg i centrum".into(),
            measured,
            value,
            origin: "Trygghetsmätningen".into(),
        }
    }

    fn rule(target: Bound, baseline: Baseline) -> IndicatorRule {
        IndicatorRule { indicator: "Trygg i centrum".into(), target, baseline, unit: "%".into() }
    }

    fn period() -> Period {
        Period { id: "2019".into(), start: day("2019-01-01"), end: day("2019-12-31"), terms: Vec::new() }
    }

    #[test]
    fn the_latest_value_of_the_period_is_judged() {
        let r = rule(Bound::AtLeast(95_100), Baseline { value: Some(88_000), year: Some(2018) });
        let readings = [
            reading(1, Measured::Year(2018), 88_000),
            reading(2, Measured::Day(day("2019-03-01")), 90_000),
            reading(3, Measured::Year(2019), 95_200),
            reading(4, Measured::Year(2020), 80_000),
        ];
        let (s, status) = standing(&r, &period(), &readings, day("2019-06-01"), false);
        // The year's value is known in its year; 2018's and 2020's lie outside the period.
        assert_eq!(s.latest.as_ref().map(|r| r.id), Some(3));
        assert_eq!(s.history.iter().map(|r| r.id).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(status, Status::OnTrack);
        let (_, status) = standing(&r, &period(), &readings, day("2020-01-01"), true);
        assert_eq!(status, Status::Met);
        // Before 2019's value, March's is judged: behind, and missed once the period is over.
        let (s, status) = standing(&r, &period(), &readings[..2], day("2019-06-01"), false);
        assert_eq!((s.latest.map(|r| r.value), status), (Some(90_000), Status::Behind));
        let (_, status) = standing(&r, &period(), &readings[..2], day("2020-01-01"), true);
        assert_eq!(status, Status::Missed);
        // A day's value after the as-of day is not measured yet.
        let (s, status) = standing(&r, &period(), &readings[1..2], day("2019-02-28"), false);
        assert_eq!((s.latest, status), (None, Status::Unmeasured));
    }

    #[test]
    fn at_most_is_met_at_or_below_the_target() {
        let r = rule(Bound::AtMost(16_000), Baseline { value: Some(40_000), year: None });
        let at =
            |v| standing(&r, &period(), &[reading(1, Measured::Year(2019), v)], day("2020-01-10"), true).1;
        assert_eq!(at(16_000), Status::Met);
        assert_eq!(at(15_999), Status::Met);
        assert_eq!(at(16_001), Status::Missed);
    }

    #[test]
    fn two_values_for_one_measurement_are_neither_judged() {
        let r = rule(Bound::AtLeast(95_100), Baseline::default());
        let same = [reading(1, Measured::Year(2019), 95_200), reading(2, Measured::Year(2019), 95_200)];
        let (s, status) = standing(&r, &period(), &same, day("2019-12-31"), false);
        assert_eq!((s.latest.map(|r| r.id), s.conflict.len(), status), (Some(1), 0, Status::OnTrack));
        let differ = [reading(1, Measured::Year(2019), 95_200), reading(2, Measured::Year(2019), 94_000)];
        let (s, status) = standing(&r, &period(), &differ, day("2019-12-31"), false);
        assert_eq!((s.latest, s.conflict.len(), status), (None, 2, Status::Unmeasured));
    }

    #[test]
    fn the_baseline_is_given_or_read_from_its_year() {
        let readings = [reading(1, Measured::Year(2018), 88_000), reading(2, Measured::Year(2019), 91_500)];
        let from_sheet = rule(Bound::AtLeast(95_000), Baseline { value: None, year: Some(2018) });
        let (s, _) = standing(&from_sheet, &period(), &readings, day("2019-12-31"), false);
        let b = s.baseline.clone().unwrap();
        assert_eq!((b.value, b.year, b.reading.map(|r| r.id)), (88_000, Some(2018), Some(1)));
        // Half the way from 88 to 95 is 91,5.
        assert_eq!(progress(&s), Some(500));
        let given = rule(Bound::AtLeast(95_000), Baseline { value: Some(90_000), year: None });
        let (s, _) = standing(&given, &period(), &readings, day("2019-12-31"), false);
        assert_eq!((s.baseline.as_ref().map(|b| b.value), progress(&s)), (Some(90_000), Some(300)));
        // No baseline year in the sheet: none.
        let missing = rule(Bound::AtLeast(95_000), Baseline { value: None, year: Some(2017) });
        let (s, _) = standing(&missing, &period(), &readings, day("2019-12-31"), false);
        assert_eq!((progress(&s), s.baseline), (None, None));
    }

    #[test]
    fn progress_toward_an_at_most_target() {
        let r = rule(Bound::AtMost(16_000), Baseline { value: Some(40_000), year: None });
        let (s, _) =
            standing(&r, &period(), &[reading(1, Measured::Year(2019), 28_000)], day("2019-12-31"), false);
        assert_eq!(progress(&s), Some(500));
        let (s, _) =
            standing(&r, &period(), &[reading(1, Measured::Year(2019), 44_000)], day("2019-12-31"), false);
        assert_eq!(progress(&s), Some(-166));
    }
}
