//! A pledge kept in parts: each part is measured as a pledge of its own (its kinds, places and
//! `at_least`, the whole's days and conditions), and the whole is met when every part is.
//!
//! Pure. The whole's figures add up the parts', each part's count taken up to its target, so that
//! one part done twice over does not hide another not done: 2 of 2 at Metro and 0 of 2 at Kåken is
//! 2 of 4, not met. Its status is the worst that decides: missed if a part can no longer be met,
//! behind if a part is behind, met when all are.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Exclusion, NotCounted, PledgeStanding, Status, standing_in};
use crate::model::{Activity, Log};
use crate::pledge::{Period, Pledge};

/// Where one part of a pledge stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PartStanding {
    /// The part's name: `Metro`.
    pub(crate) name: String,
    /// Its standing, as a pledge's (its `pledge` is the whole's id).
    pub(crate) standing: PledgeStanding,
}

fn of(p: &PartStanding) -> &PledgeStanding {
    &p.standing
}

/// The standing of `pledge`, kept in parts, in `period` on `as_of`.
pub(super) fn standing(
    pledge: &Pledge,
    period: &Period,
    all_periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
) -> PledgeStanding {
    let (mut parts, shared) = each_part(pledge, period, all_periods, log, as_of);
    let by_id: HashMap<i64, &Activity> = log.activities.iter().map(|a| (a.id, a)).collect();
    let counted = union(parts.iter().map(|p| &of(p).counted));
    let mut not_counted = not_counted(&parts, &counted);
    not_counted.extend(
        shared
            .into_iter()
            .map(|(activity, parts)| NotCounted { activity, reason: Exclusion::HoursInParts { parts } }),
    );
    for part in &mut parts {
        mine_only(&mut part.standing, &counted);
    }
    let rows: Vec<&Activity> = counted.iter().filter_map(|id| by_id.get(id).copied()).collect();
    let activities = super::sum(rows.iter().map(|a| super::amount(pledge.measure, a)));
    let capped = |s: &PledgeStanding| s.count.min(s.target.unwrap_or(s.count));
    let statuses: Vec<Status> = parts.iter().map(|p| of(p).status).collect();
    let status = if statuses.iter().all(|s| *s == Status::Met) {
        Status::Met
    } else if statuses.contains(&Status::Missed) {
        Status::Missed
    } else if statuses.contains(&Status::Behind) {
        Status::Behind
    } else {
        Status::OnTrack
    };
    let sum =
        |f: &dyn Fn(&PledgeStanding) -> Option<f64>| parts.iter().map(|p| f(of(p))).sum::<Option<f64>>();
    let first = &parts[0].standing;
    PledgeStanding {
        pledge: pledge.id.clone(),
        period: period.id.clone(),
        as_of,
        last_day: parts.iter().map(|p| of(p).last_day).max().unwrap_or(first.last_day),
        period_end: period.end,
        status,
        measure: pledge.measure,
        counts_sub_periods: first.counts_sub_periods,
        count: parts.iter().map(|p| capped(of(p))).fold(0, u32::saturating_add),
        activities,
        target: parts.iter().map(|p| of(p).target).sum(),
        expected: sum(&|s| s.expected),
        projection: sum(&|s| s.projection.map(|x| x.min(f64::from(s.target.unwrap_or(u32::MAX))))),
        average: None,
        sub_periods: Vec::new(),
        tags: super::tag_counts(pledge, &rows),
        catch_up: None,
        not_counted,
        indicator: None,
        planned: Vec::new(),
        counted,
        row_errors: union(parts.iter().map(|p| &of(p).row_errors)),
        parts,
        of_all: None,
    }
}

/// Each part's standing, and the rows whose hours count in none: a row's hours cannot be split
/// between the parts whose places it names ("Svedala centrum och Bara"); counted in both they would
/// add up to more than was done (in activities such a row counts in both: an evening for both clubs).
fn each_part(
    pledge: &Pledge,
    period: &Period,
    all_periods: &[Period],
    log: &Log,
    as_of: NaiveDate,
) -> (Vec<PartStanding>, Vec<(i64, Vec<String>)>) {
    let measure = |log: &Log| -> Vec<PartStanding> {
        let of =
            |part: &crate::pledge::Part| standing_in(&part.pledge(pledge), period, all_periods, log, as_of);
        pledge
            .parts
            .list
            .iter()
            .map(|part| PartStanding { name: part.name.clone(), standing: of(part) })
            .collect()
    };
    let parts = measure(log);
    let shared = match pledge.measure {
        crate::pledge::Measure::Hours => in_several(&parts),
        crate::pledge::Measure::Activities => return (parts, Vec::new()),
    };
    if shared.is_empty() {
        return (parts, shared);
    }
    let ids: HashSet<i64> = shared.iter().map(|(id, _)| *id).collect();
    let activities = log.activities.iter().filter(|a| !ids.contains(&a.id)).cloned().collect();
    let rest = Log {
        activities,
        row_errors: log.row_errors.clone(),
        readings: Vec::new(),
        plans: Vec::new(),
        totals: log.totals,
    };
    (measure(&rest), shared)
}

/// A part lists as not counted only its own rows: not those counted in a part, and not those that
/// were at none of its places (a row at Kåken is not Metro's; a row at no part's place is the
/// whole's, listed there).
fn mine_only(part: &mut PledgeStanding, counted: &[i64]) {
    let counted: HashSet<i64> = counted.iter().copied().collect();
    part.not_counted
        .retain(|n| !counted.contains(&n.activity) && !matches!(n.reason, Exclusion::PlaceMissing { .. }));
}

/// The rows counted in more than one part, with the parts' names.
fn in_several(parts: &[PartStanding]) -> Vec<(i64, Vec<String>)> {
    let mut out: Vec<(i64, Vec<String>)> = Vec::new();
    for p in parts {
        for id in &of(p).counted {
            match out.iter_mut().find(|(i, _)| i == id) {
                Some((_, names)) => names.push(p.name.clone()),
                None => out.push((*id, vec![p.name.clone()])),
            }
        }
    }
    out.retain(|(_, names)| names.len() > 1);
    out
}

/// The ids in `lists`, each once, in the order first seen.
fn union<'a>(lists: impl Iterator<Item = &'a Vec<i64>>) -> Vec<i64> {
    let mut seen = HashSet::new();
    lists.flatten().copied().filter(|id| seen.insert(*id)).collect()
}

/// The rows that count in no part, each once: with the reason of the first part whose places it was
/// at (a walk at Kalix centrum without its partners lacks the partners), else all the places it was
/// not at (`Plats nämner inte Metro eller Kåken`).
fn not_counted(parts: &[PartStanding], counted: &[i64]) -> Vec<NotCounted> {
    let counted: HashSet<i64> = counted.iter().copied().collect();
    let mut out: Vec<NotCounted> = Vec::new();
    for n in parts.iter().flat_map(|p| &of(p).not_counted).filter(|n| !counted.contains(&n.activity)) {
        match out.iter_mut().find(|o| o.activity == n.activity) {
            None => out.push(n.clone()),
            Some(o) => match (&mut o.reason, &n.reason) {
                (
                    Exclusion::PlaceMissing { any_of, near },
                    Exclusion::PlaceMissing { any_of: more, near: more_near },
                ) => {
                    if near.is_none() {
                        near.clone_from(more_near);
                    }
                    any_of.extend(more.iter().filter(|m| !any_of.contains(m)).cloned().collect::<Vec<_>>());
                }
                (Exclusion::PlaceMissing { .. }, other) => o.reason = other.clone(),
                _ => {}
            },
        }
    }
    out
}
