//! Ongoing rules ("löpande"): each day, week, month, quarter, term or occasion of the period must
//! hold `at_least`; the count is the sub-periods covered.
//!
//! Pure.

use chrono::NaiveDate;

use super::calendar::Window;
use super::{CatchUp, CoverState, PaceUnit, PledgeStanding, Status, SubPeriodStanding, amount, pace, sum};
use crate::model::Activity;
use crate::pledge::SubPeriod;

/// Ongoing rules: every month, quarter or term must hold `at_least`.
pub(super) fn by_sub_period(
    s: &mut PledgeStanding,
    window: &Window,
    counted: &[&Activity],
    at_least: u32,
    each: SubPeriod,
    as_of: NaiveDate,
) {
    let parts = window.sub_periods(each);
    let mut expected = 0;
    let mut behind = None;
    for part in &parts {
        let count = sum(counted.iter().filter(|a| part.is_active(a.date)).map(|a| amount(s.measure, a)));
        let last = part.last_active_day().unwrap_or(part.end);
        let (days, elapsed) = (part.active_days(), part.elapsed_days(as_of));
        let over = crate::pledge::is_over(last, as_of);
        let state = if count >= at_least {
            CoverState::Covered
        } else if over {
            CoverState::Missed
        } else if elapsed > 0 {
            CoverState::Open
        } else {
            CoverState::Upcoming
        };
        let due = pace::is_due(elapsed, days, over);
        if due {
            expected += 1; // over, or more than half gone: its activities are due by now
        }
        if state == CoverState::Open && due {
            behind = Some((at_least - count, part.days_left(as_of, last), last));
        }
        s.sub_periods.push(SubPeriodStanding {
            each,
            occasion: part.occasion.clone(),
            start: part.start,
            end: part.end,
            count,
            state,
        });
    }
    let total = parts.len() as u32;
    let covered = s.sub_periods.iter().filter(|p| p.state == CoverState::Covered).count() as u32;
    let (days, elapsed) = (window.active_days(), window.elapsed_days(as_of));
    s.count = covered;
    s.counts_sub_periods = true;
    s.target = Some(total);
    s.expected = Some(f64::from(expected));
    s.projection = pace::projection(covered, elapsed, days).map(|p| p.min(f64::from(total)));
    s.status = if covered == total {
        Status::Met
    } else if s.sub_periods.iter().any(|p| p.state == CoverState::Missed) {
        Status::Missed
    } else if behind.is_some() {
        Status::Behind
    } else {
        Status::OnTrack
    };
    if let (Status::Behind, Some((needed, days_left, by))) = (s.status, behind) {
        // The yardstick is the most done in one month, quarter or term so far: a pledge kept once a
        // month has a weekly pace of a quarter, yet one more this month is plainly within reach.
        let most = s.sub_periods.iter().filter(|p| p.start <= as_of).map(|p| p.count).max().unwrap_or(0);
        s.catch_up = Some(CatchUp {
            needed,
            weeks_left: pace::weeks_left(days_left),
            by,
            best_pace: f64::from(most),
            per: PaceUnit::most_in(each),
            reachable: most >= needed,
        });
    }
}
