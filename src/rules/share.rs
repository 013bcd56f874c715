//! A share (Ljusdal: "polisen deltar vid varje temakväll"): of the activities of the pledge's kinds
//! on its days, at least `at_least` per cent meet its conditions (partners, places, tags).
//!
//! Pure. Unlike the other rules a share is not monotone: an activity that misses the conditions
//! lowers it. So it is met only once its last counting day is over, missed before that only when it
//! can no longer be met (every one promised and one missed), and behind while it is below its share.

use chrono::NaiveDate;

use super::calendar::Window;
use super::{PledgeStanding, Status, pace};
use crate::model::Activity;

/// A share: `s.count` (the activities that meet the conditions) of `s.count + missing` (all of them
/// on its days) against `at_least` per cent.
pub(super) fn by_share(
    s: &mut PledgeStanding,
    window: &Window,
    counted: &[&Activity],
    missing: u32,
    at_least: u32,
    as_of: NaiveDate,
) {
    let all = s.count.saturating_add(missing);
    let by = window.last_active_day().unwrap_or(window.end);
    let over = crate::pledge::is_over(by, as_of);
    let target = (all > 0).then(|| pace::share_target(at_least, all));
    let reached = target.is_some_and(|t| s.count >= t);
    s.of_all = Some(all);
    s.target = target;
    // What is expected so far is the share of what was done so far: the target itself.
    s.expected = target.map(f64::from);
    s.status = if over && reached {
        Status::Met
    } else if over || (at_least == 100 && missing > 0) {
        Status::Missed
    } else if all == 0 || reached {
        Status::OnTrack
    } else {
        Status::Behind
    };
    if s.status == Status::Behind {
        let needed = pace::share_needed(at_least, s.count, all);
        s.catch_up = Some(super::totals::weekly_catch_up(window, counted, s.measure, needed, by, as_of));
    }
}
