//! The verdict of the written follow-up on a pledge whose period has ended: met, partly met, not met,
//! or (a pledge without a number) done.
//!
//! Pure, and decided from the final standing alone.

use super::{PledgeStanding, Status};

/// How a pledge went, in the annual follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Verdict {
    /// The target was reached (Uppfyllt).
    Met,
    /// The target was not reached, but at least half of it was (Delvis uppfyllt): for total and rate
    /// rules half the count, for ongoing rules half the months, quarters or terms.
    PartlyMet,
    /// Less than half of the target (Ej uppfyllt); a pledge without a number with no activity at all.
    NotMet,
    /// A pledge without a number with at least one activity (Genomfört).
    Done,
    /// A pledge measured by an indicator with no value measured in its period (Ej mätt): nothing
    /// to judge.
    NotMeasured,
}

// Its name in JSON, in the report's `data-verdict` and in the store's reported figures.
crate::codes::stored_names!(pub(crate) Verdict, "verdict", {
    Met => "met",
    PartlyMet => "partly_met",
    NotMet => "not_met",
    Done => "done",
    NotMeasured => "not_measured",
});

/// The verdict on a pledge, from its standing at the end of its period. `None` while the period is
/// still running (`as_of` before its last day): only a final figure is judged.
pub(crate) fn verdict(s: &PledgeStanding, period_ended: bool) -> Option<Verdict> {
    if !period_ended {
        return None;
    }
    if let Some(i) = &s.indicator {
        return Some(indicator_verdict(i));
    }
    Some(match (s.status, s.target) {
        (Status::Met, _) => Verdict::Met,
        (Status::Qualitative, _) if s.activities > 0 => Verdict::Done,
        (Status::Qualitative, _) => Verdict::NotMet,
        // Final but short: `count` is activities (total, rate) or sub-periods covered (ongoing).
        (_, Some(target)) if 2 * u64::from(s.count) >= u64::from(target) => Verdict::PartlyMet,
        _ => Verdict::NotMet,
    })
}

/// The verdict on an indicator by the same half rule: met when its latest value meets the target;
/// partly met when it has gone at least half the way from its baseline toward it; not met
/// otherwise (and without a baseline); not measured without a value.
fn indicator_verdict(i: &super::indicator::IndicatorStanding) -> Verdict {
    match &i.latest {
        None => Verdict::NotMeasured,
        Some(r) if i.target.met_by(r.value) => Verdict::Met,
        Some(_) if super::indicator::progress(i).is_some_and(|p| p >= 500) => Verdict::PartlyMet,
        Some(_) => Verdict::NotMet,
    }
}

/// The verdict on a standing once its period is over (from the day after its last day, when late
/// logs are no longer expected to change it); `None` until then. A pledge whose season ended
/// earlier keeps its status until the period ends, as in a draft of the follow-up.
pub(crate) fn final_verdict(s: &PledgeStanding) -> Option<Verdict> {
    verdict(s, crate::pledge::is_over(s.period_end, s.as_of))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn standing(status: Status, count: u32, target: Option<u32>) -> PledgeStanding {
        PledgeStanding::fixture("p", status, count, target, NaiveDate::from_ymd_opt(2019, 12, 31).unwrap())
    }

    #[test]
    fn half_the_target_is_partly_met() {
        let v = |status, count, target| verdict(&standing(status, count, target), true);
        assert_eq!(v(Status::Met, 5, Some(4)), Some(Verdict::Met));
        assert_eq!(v(Status::Missed, 1, Some(2)), Some(Verdict::PartlyMet));
        assert_eq!(v(Status::Missed, 11, Some(12)), Some(Verdict::PartlyMet));
        assert_eq!(v(Status::Missed, 77, Some(156)), Some(Verdict::NotMet));
        assert_eq!(v(Status::Missed, 78, Some(156)), Some(Verdict::PartlyMet));
        assert_eq!(v(Status::Missed, 0, Some(2)), Some(Verdict::NotMet));
        assert_eq!(v(Status::Qualitative, 5, None), Some(Verdict::Done));
        assert_eq!(v(Status::Qualitative, 0, None), Some(Verdict::NotMet));
    }

    #[test]
    fn no_verdict_before_the_period_ends() {
        assert_eq!(verdict(&standing(Status::Met, 5, Some(4)), false), None);
        assert_eq!(verdict(&standing(Status::Behind, 1, Some(4)), false), None);
    }
}
