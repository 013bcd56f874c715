//! The pacing formulas, each defined once. README.md ("Status and formulas") says the same in words.
//!
//! Pure arithmetic on counts and days. `days` is D, the days of the period that count (all of it, or
//! its part in the pledge's season); `elapsed` is E, those of them on or before the as-of day, which is
//! itself included. The elapsed share is f = E / D.

/// The target of an average-rate rule as a number of activities: ⌈rate × units⌉, with `units` the
/// weeks (or months) of the period. "At least 3 a week on average" over the 52 weeks of 2019 is 156.
pub(crate) fn rate_target(rate: f64, units: u32) -> u32 {
    // The rate has at most a few decimals; take off float noise before rounding up (3.1 × 10 = 31.000…04).
    let exact = rate * f64::from(units);
    (exact - 1e-9).ceil().max(0.0) as u32
}

/// The expected-so-far figure: the target prorated by the elapsed share, T × E / D.
pub(crate) fn expected(target: u32, elapsed: u32, days: u32) -> f64 {
    if days == 0 {
        return f64::from(target);
    }
    f64::from(target) * f64::from(elapsed) / f64::from(days)
}

/// How far below the expected-so-far figure a count may be before it is behind: half an activity, or
/// for an average-rate rule half of one week's (or month's) share, whichever is more. "3 a week on
/// average" is not behind on 2 January for lacking 0.9 of a contact.
pub(crate) fn slack(rate_per_unit: Option<f64>) -> f64 {
    rate_per_unit.map_or(0.5, |r| (r / 2.0).max(0.5))
}

/// One week's share of a total `target` over the `days` that count: T × 7 / D (a total in hours is
/// behind from half of it short, or half an hour, whichever is more).
pub(crate) fn weekly_share(target: u32, days: u32) -> f64 {
    f64::from(target) * 7.0 / f64::from(days.max(1))
}

/// Whether a count is behind its pace: at least `slack` short of the expected-so-far figure,
/// X − count ≥ slack. With the slack of half an activity, a pledge of 2 a year with none done is behind
/// from the day one-quarter of the year has gone, and with one done from the day three-quarters have.
pub(crate) fn is_behind(count: u32, target: u32, elapsed: u32, days: u32, slack: f64) -> bool {
    // In whole numbers where possible: T·E − count·D ≥ slack·D (the tiny margin absorbs float noise
    // when slack·D is a whole number, as it is for the default ½ and even D).
    let short = i128::from(target) * i128::from(elapsed) - i128::from(count) * i128::from(days);
    short as f64 + 1e-9 >= slack * f64::from(days)
}

/// The projection to the period's end at the rate so far: count × D / E; `None` before the first day.
pub(crate) fn projection(count: u32, elapsed: u32, days: u32) -> Option<f64> {
    (elapsed > 0).then(|| f64::from(count) * f64::from(days) / f64::from(elapsed))
}

/// The average per week (or month) so far, for rate rules: count ÷ (units × E / D), the units of the
/// period prorated like the target; `None` before the first day.
pub(crate) fn average(count: u32, units: u32, elapsed: u32, days: u32) -> Option<f64> {
    let so_far = f64::from(units) * f64::from(elapsed) / f64::from(days.max(1));
    (elapsed > 0 && so_far > 0.0).then(|| f64::from(count) / so_far)
}

/// Whole weeks left to catch up: ⌈days left ÷ 7⌉, a started week counting as one.
pub(crate) fn weeks_left(days_left: u32) -> u32 {
    days_left.div_ceil(7)
}

/// The best pace seen so far, per week: the most activities in any four consecutive ISO weeks,
/// divided by four (with fewer than four weeks so far: all of them, divided by their number). A
/// four-week window, so that one busy week does not make every target look reachable.
pub(crate) fn best_pace(weekly: &[u32]) -> f64 {
    const WINDOW: usize = 4;
    if weekly.is_empty() {
        return 0.0;
    }
    let width = WINDOW.min(weekly.len());
    let best = weekly.windows(width).map(|w| w.iter().map(|&n| u64::from(n)).sum::<u64>()).max().unwrap_or(0);
    best as f64 / width as f64
}

/// Whether `needed` more activities in `weeks` weeks is within the best pace seen so far.
pub(crate) fn reachable(needed: u32, weeks: u32, best_pace: f64) -> bool {
    best_pace * f64::from(weeks) >= f64::from(needed)
}

/// How many of `all` activities a share of `at_least` per cent asks to meet its conditions:
/// ⌈P × all ÷ 100⌉ (90 % of 10 is 9, of 11 is 10).
pub(crate) fn share_target(at_least: u32, all: u32) -> u32 {
    (u64::from(at_least) * u64::from(all)).div_ceil(100) as u32
}

/// How many more activities that meet the conditions a share of `at_least` per cent below it needs
/// (`meeting` of `all` so far), none of them missing: the least n with 100 (meeting + n) ≥ P (all + n),
/// n = ⌈(P·all − 100·meeting) ÷ (100 − P)⌉; for 100 % none can make up a miss (`u32::MAX`).
pub(crate) fn share_needed(at_least: u32, meeting: u32, all: u32) -> u32 {
    let short = i64::from(at_least) * i64::from(all) - 100 * i64::from(meeting);
    match (short, 100 - i64::from(at_least.min(100))) {
        (..=0, _) => 0,
        (_, 0) => u32::MAX,
        (short, rest) => u32::try_from((short + rest - 1) / rest).unwrap_or(u32::MAX),
    }
}

/// Whether more than half of a sub-period's `days` have elapsed (true too when it is over): from then
/// on its activities are expected, and an uncovered month, quarter or term is behind. The expected
/// figure of an ongoing rule is the number of sub-periods for which this holds.
pub(crate) fn past_half(elapsed: u32, days: u32) -> bool {
    2 * u64::from(elapsed) > u64::from(days)
}

/// Whether a sub-period's activities are due by now: it is over, or more than half of its `days`
/// have elapsed ([`past_half`]). A sub-period of one day (a pledge kept each day, or each week on one
/// weekday) is due only once it is over: on the day itself, at the morning's run, it has not gone.
pub(crate) fn is_due(elapsed: u32, days: u32, over: bool) -> bool {
    over || (days > 1 && past_half(elapsed, days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_target_rounds_up_whole_activities() {
        assert_eq!(rate_target(3.0, 52), 156);
        assert_eq!(rate_target(3.0, 53), 159);
        assert_eq!(rate_target(2.5, 3), 8);
        assert_eq!(rate_target(3.1, 10), 31);
        assert_eq!(rate_target(0.5, 1), 1);
    }

    #[test]
    fn expected_is_prorated() {
        assert_eq!(expected(4, 0, 365), 0.0);
        assert_eq!(expected(4, 365, 365), 4.0);
        assert!((expected(156, 181, 365) - 77.359).abs() < 0.001);
    }

    #[test]
    fn behind_is_half_an_activity_short() {
        // 2 a year, none done: X = 0.4986 on 1 April (day 91), 0.5041 on 2 April.
        let half = slack(None);
        assert!(!is_behind(0, 2, 91, 365, half));
        assert!(is_behind(0, 2, 92, 365, half));
        // One done: X − 1 ≥ ½ from day 274 (1 October).
        assert!(!is_behind(1, 2, 273, 365, half) && is_behind(1, 2, 274, 365, half));
        assert!(!is_behind(78, 156, 181, 365, half) && is_behind(76, 156, 181, 365, half));
        assert!(!is_behind(0, 5, 0, 365, half));
        // 3 a week: the slack is 1.5, so 2 January with none done (X = 0.85) is not behind; 6 January
        // (X = 2.56) is.
        let week = slack(Some(3.0));
        assert_eq!(week, 1.5);
        assert!(!is_behind(0, 156, 2, 365, week));
        assert!(is_behind(0, 156, 6, 365, week));
        assert_eq!(slack(Some(0.5)), 0.5);
    }

    #[test]
    fn projection_extrapolates_the_rate_so_far() {
        assert_eq!(projection(0, 0, 365), None);
        assert_eq!(projection(1, 73, 365), Some(5.0));
        assert_eq!(average(78, 52, 182, 364), Some(3.0));
        assert_eq!(average(5, 52, 0, 365), None);
    }

    #[test]
    fn weeks_left_counts_a_started_week() {
        assert_eq!(weeks_left(0), 0);
        assert_eq!(weeks_left(1), 1);
        assert_eq!(weeks_left(7), 1);
        assert_eq!(weeks_left(8), 2);
        assert_eq!(weeks_left(63), 9);
    }

    #[test]
    fn best_pace_is_the_best_four_weeks() {
        assert_eq!(best_pace(&[]), 0.0);
        assert_eq!(best_pace(&[2, 4]), 3.0);
        assert_eq!(best_pace(&[0, 8, 0, 0, 1, 2, 3, 2]), 2.25);
        assert!(reachable(18, 9, 2.0) && !reachable(19, 9, 2.0));
    }

    #[test]
    fn a_share_asks_its_per_cent_rounded_up_and_says_how_many_more() {
        assert_eq!((share_target(90, 10), share_target(90, 11), share_target(100, 7)), (9, 10, 7));
        assert_eq!(share_target(50, 1), 1);
        // 7 of 10 at 90 %: 100 (7 + n) ≥ 90 (10 + n) from n = 20 (27 of 30).
        assert_eq!(share_needed(90, 7, 10), 20);
        assert_eq!(share_needed(75, 6, 10), 6, "12 of 16 is 75 %");
        assert_eq!(share_needed(75, 8, 10), 0);
        assert_eq!(share_needed(100, 9, 10), u32::MAX);
    }

    #[test]
    fn more_than_half() {
        assert!(!past_half(15, 30) && past_half(16, 30) && past_half(16, 31) && !past_half(15, 31));
        assert!(!is_due(15, 30, false) && is_due(16, 30, false) && is_due(0, 30, true));
        assert!(!is_due(1, 1, false) && is_due(1, 1, true), "a day is due once it is over");
        assert!(!is_due(1, 2, false) && is_due(2, 3, false), "a part of days is due past its half");
    }
}
