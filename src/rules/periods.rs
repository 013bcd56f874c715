//! Which period a standing is about: a pledge's current period on a day (the one holding it, else
//! the latest ended, else the next), the periods that ended lately, the one before, and which days of
//! the logs a round must read for them.
//!
//! Pure.

use chrono::NaiveDate;

use crate::model::{Activity, Log};
use crate::pledge::{Period, Pledge};

use super::{PledgeStanding, standing_in};

/// Where every pledge stands on `as_of`, each in its current period (see [`current_period`]); pledges
/// without periods are left out.
pub fn standing(pledges: &[Pledge], periods: &[Period], log: &Log, as_of: NaiveDate) -> Vec<PledgeStanding> {
    pledges
        .iter()
        .filter_map(|p| {
            let period = current_period(p, periods, as_of)?;
            Some(standing_in(p, period, periods, log, as_of))
        })
        .collect()
}

/// Where each pledge of `period` stands in it on `as_of` (the pledges limited to other periods left out).
pub(crate) fn standings_in(
    pledges: &[Pledge],
    period: &Period,
    all_periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
) -> Vec<PledgeStanding> {
    pledges
        .iter()
        .filter(|p| p.periods.contains(&period.id))
        .map(|p| standing_in(p, period, all_periods, log, as_of))
        .collect()
}

/// Where each pledge stands in its periods that ended in the `days` before `as_of` and are no longer
/// its current period (the next one began on the day after): their outcomes are still news.
pub(crate) fn lately_ended(
    pledges: &[Pledge],
    periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
    days: u32,
) -> Vec<PledgeStanding> {
    let lately = |p: &&Period| p.is_over(as_of) && (as_of - p.end).num_days() <= i64::from(days);
    pledges
        .iter()
        .flat_map(|pledge| {
            let current = current_period(pledge, periods, as_of).map(|p| p.id.as_str());
            periods
                .iter()
                .filter(lately)
                .filter(move |p| pledge.periods.contains(&p.id) && Some(p.id.as_str()) != current)
                .map(move |p| standing_in(pledge, p, periods, log, as_of))
        })
        .collect()
}

/// The period of `pledge` that a standing on `as_of` is about: the one holding `as_of`; else the
/// latest that has ended; else the first to come.
pub(crate) fn current_period<'a>(
    pledge: &Pledge,
    periods: &'a [Period],
    as_of: NaiveDate,
) -> Option<&'a Period> {
    let own: Vec<&Period> = periods.iter().filter(|p| pledge.periods.contains(&p.id)).collect();
    own.iter()
        .find(|p| p.contains(as_of))
        .or_else(|| own.iter().filter(|p| p.is_over(as_of)).max_by_key(|p| p.end))
        .or_else(|| own.iter().filter(|p| p.start > as_of).min_by_key(|p| p.start))
        .copied()
}

/// The period of `pledge` before `period`: of its periods that end before `period` starts, the one
/// that ends last (the follow-up shows its result beside this one's).
pub(crate) fn previous_period<'a>(
    pledge: &Pledge,
    periods: &'a [Period],
    period: &Period,
) -> Option<&'a Period> {
    periods.iter().filter(|p| pledge.periods.contains(&p.id) && p.end < period.start).max_by_key(|p| p.end)
}

/// The periods a follow-up of `period` reads: it, and the period before it of each of its pledges.
pub(crate) fn with_previous<'a>(
    pledges: &[Pledge],
    periods: &'a [Period],
    period: &'a Period,
) -> Vec<&'a Period> {
    let mut out = vec![period];
    for p in pledges.iter().filter(|p| p.periods.contains(&period.id)) {
        if let Some(before) =
            previous_period(p, periods, period).filter(|b| !out.iter().any(|o| o.id == b.id))
        {
            out.push(before);
        }
    }
    out
}

/// The days whose rows the standings in `needed` are made from: those periods, and every day in
/// none of `all` (a row dated there is listed under each pledge of its kind, as not counted); sorted
/// ranges, apart. The store reads only these (`Store::log_in`).
pub(crate) fn days_to_read(all: &[Period], needed: &[&Period]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut covered: Vec<(NaiveDate, NaiveDate)> = all.iter().map(|p| (p.start, p.end)).collect();
    covered.sort();
    let mut ranges: Vec<(NaiveDate, NaiveDate)> = needed.iter().map(|p| (p.start, p.end)).collect();
    let mut from = NaiveDate::MIN;
    for (start, end) in covered {
        if let Some(before) = start.pred_opt().filter(|b| *b >= from) {
            ranges.push((from, before));
        }
        from = from.max(end.succ_opt().unwrap_or(NaiveDate::MAX));
    }
    if from < NaiveDate::MAX {
        ranges.push((from, NaiveDate::MAX));
    }
    ranges.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1.succ_opt().unwrap_or(NaiveDate::MAX) => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The periods `standing` shows the pledges in on `as_of`, each once.
pub(crate) fn shown_periods<'a>(
    pledges: &[Pledge],
    periods: &'a [Period],
    as_of: NaiveDate,
) -> Vec<&'a Period> {
    let mut out: Vec<&Period> = Vec::new();
    for p in pledges.iter().filter_map(|p| current_period(p, periods, as_of)) {
        if !out.iter().any(|o| o.id == p.id) {
            out.push(p);
        }
    }
    out
}

/// The ids of the activities dated in none of `periods`: reported, never counted.
pub fn outside_periods(periods: &[Period], activities: &[Activity]) -> Vec<i64> {
    activities.iter().filter(|a| !periods.iter().any(|p| p.contains(a.date))).map(|a| a.id).collect()
}
