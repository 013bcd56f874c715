//! How a pledge's plan is written: when (`2019-05-14`, `vecka 20, 2019`, `den 14 maj 2019`), what
//! became of each planned activity, the note's next planned activity. Pure.

use crate::pledge::PlanDate;
use crate::rules::plan::{PlanStanding, PlanState, next};
use crate::text::quoted;

/// When, short: `2019-05-14`, `vecka 20, 2019`.
pub(crate) fn when(w: PlanDate) -> String {
    match w {
        PlanDate::Day(d) => d.to_string(),
        PlanDate::Week { year, week } => format!("vecka {week}, {year}"),
    }
}

/// When, in a sentence: `den 14 maj 2019`, `vecka 20, 2019`.
pub(crate) fn when_long(w: PlanDate) -> String {
    match w {
        PlanDate::Day(d) => format!("den {}", super::report::long_date(d)),
        PlanDate::Week { year, week } => format!("vecka {week}, {year}"),
    }
}

/// How soon, from `today`: `i dag`, `i morgon`, `om 7 dagar`; a week: `denna vecka`, `nästa vecka`,
/// `om 2 veckor`.
pub(crate) fn in_days(w: PlanDate, today: chrono::NaiveDate) -> String {
    match w {
        PlanDate::Day(d) => match (d - today).num_days() {
            ..=0 => "i dag".into(),
            1 => "i morgon".into(),
            n => format!("om {n} dagar"),
        },
        PlanDate::Week { .. } => match (w.first() - today).num_days() {
            ..=0 => "denna vecka".into(),
            1..=7 => "nästa vecka".into(),
            n => format!("om {} veckor", (n + 6) / 7),
        },
    }
}

/// What became of a planned activity: `genomförd 2019-05-16`, `i dag`, `denna vecka`, `kommande`,
/// `inte genomförd`.
pub(crate) fn state(p: &PlanStanding) -> String {
    match (p.state, p.done, p.planned.when) {
        (PlanState::Done, Some((_, day)), _) => format!("genomförd {day}"),
        (PlanState::Done, None, _) => "genomförd".into(),
        (PlanState::Due, _, _) => "ska göras nu".into(),
        (PlanState::Upcoming, _, _) => "kommande".into(),
        (PlanState::NotDone, _, _) => "inte genomförd".into(),
    }
}

/// The note's words on the plan: the next planned activity (`planerad 2019-05-14: Centrum`) and
/// those whose day has passed undone (`planerad men inte genomförd: 2019-04-02 (Töre)`); empty
/// without a plan.
pub(crate) fn note(plan: &[PlanStanding]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = next(plan) {
        out.push(format!("planerad {}: {}", when(n.planned.when), quoted(&n.planned.what)));
    }
    let undone: Vec<String> = plan
        .iter()
        .filter(|p| p.state == PlanState::NotDone)
        .map(|p| format!("{} ({})", when(p.planned.when), quoted(&p.planned.what)))
        .collect();
    match undone.len() {
        0 => {}
        1..=3 => out.push(format!("planerad men inte genomförd: {}", undone.join(", "))),
        n => out.push(format!("{n} planerade aktiviteter inte genomförda, den första {}", undone[0])),
    }
    out
}

/// The follow-up's heading of the plan and its column heads.
pub(crate) mod label {
    pub(crate) const HEADING: &str = "Planerat och genomfört";
    pub(crate) const WHEN: &str = "När";
    pub(crate) const WHAT: &str = "Vad";
    pub(crate) const PARTY: &str = "Part";
    pub(crate) const OUTCOME: &str = "Utfall";
}

/// The follow-up's sentence under the plan: `3 av 4 planerade aktiviteter genomfördes.`
pub(crate) fn done_of(done: usize, all: usize, is_final: bool) -> String {
    let noun = if all == 1 { "planerad aktivitet" } else { "planerade aktiviteter" };
    let verb = if is_final { "genomfördes" } else { "är genomförda" };
    let verb = if is_final || done != 1 { verb } else { "är genomförd" };
    format!("{done} av {all} {noun} {verb}.")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::pledge::Planned;

    fn at(when: PlanDate, state: PlanState, done: Option<&str>) -> PlanStanding {
        let done = done.map(|d| (1, NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()));
        PlanStanding { planned: Planned { when, what: "Centrum".into(), party: None }, state, done }
    }

    #[test]
    fn a_plan_is_written_by_day_or_week() {
        let day = PlanDate::Day(NaiveDate::from_ymd_opt(2019, 5, 14).unwrap());
        let week = PlanDate::parse_week("2019-W20").unwrap();
        assert_eq!((when(day), when(week)), ("2019-05-14".into(), "vecka 20, 2019".into()));
        assert_eq!(when_long(day), "den 14 maj 2019");
        assert_eq!(state(&at(day, PlanState::Done, Some("2019-05-14"))), "genomförd 2019-05-14");
        assert_eq!(state(&at(week, PlanState::Due, None)), "ska göras nu");
        let plan = [at(day, PlanState::NotDone, None), at(week, PlanState::Upcoming, None)];
        assert_eq!(
            note(&plan),
            ["planerad vecka 20, 2019: Centrum", "planerad men inte genomförd: 2019-05-14 (Centrum)"]
        );
        assert_eq!(done_of(1, 1, false), "1 av 1 planerad aktivitet är genomförd.");
        assert_eq!(done_of(3, 4, true), "3 av 4 planerade aktiviteter genomfördes.");
        assert_eq!(done_of(0, 2, false), "0 av 2 planerade aktiviteter är genomförda.");
    }
}
