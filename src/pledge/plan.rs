//! A pledge's plan (the Kalix document's "genomförande- och/eller handlingsplaner", Brå's
//! åtgärdsplan with När and Vem): what is to be done, when and by which party.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// One planned activity of a pledge (`[[pledge.plan]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Planned {
    /// When: a day, or an ISO week.
    pub(crate) when: PlanDate,
    /// What is to be done, as the plan says it (`Trygghetsvandring i Centrum`).
    pub(crate) what: String,
    /// The party that does it (a party's id); `None`: the pledge's owners together.
    pub(crate) party: Option<String>,
}

/// When a planned activity is to be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PlanDate {
    /// On this day (`date = 2019-05-14`).
    Day(NaiveDate),
    /// In this ISO week (`week = "2019-W20"`): Monday to Sunday.
    Week { year: i32, week: u32 },
}

impl PlanDate {
    /// Its first day: the day, or the week's Monday.
    pub(crate) fn first(self) -> NaiveDate {
        match self {
            PlanDate::Day(d) => d,
            PlanDate::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).unwrap_or(NaiveDate::MAX)
            }
        }
    }

    /// Its last day: the day, or the week's Sunday.
    pub(crate) fn last(self) -> NaiveDate {
        match self {
            PlanDate::Day(d) => d,
            PlanDate::Week { year, week } => {
                NaiveDate::from_isoywd_opt(year, week, Weekday::Sun).unwrap_or(NaiveDate::MAX)
            }
        }
    }

    /// The last day an activity does it: a week's Sunday, or six days after a day (a walk planned
    /// for the 15th and done on the 20th is done, a week late is not).
    pub(crate) fn done_by(self) -> NaiveDate {
        match self {
            PlanDate::Day(d) => d.checked_add_days(chrono::Days::new(6)).unwrap_or(NaiveDate::MAX),
            PlanDate::Week { .. } => self.last(),
        }
    }

    /// Whether an activity on `day` does it: from its first day to [`PlanDate::done_by`].
    pub(crate) fn holds(self, day: NaiveDate) -> bool {
        self.first() <= day && day <= self.done_by()
    }

    /// A week as written in the config (`2019-W20`); `None` when it is not one.
    pub(crate) fn parse_week(text: &str) -> Option<PlanDate> {
        let (year, week) = text.trim().split_once(['W', 'w'])?;
        let year: i32 = year.trim_end_matches('-').parse().ok()?;
        let week: u32 = week.parse().ok()?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        (monday.iso_week().week() == week).then_some(PlanDate::Week { year, week })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_is_monday_to_sunday_of_its_iso_week() {
        let w = PlanDate::parse_week("2019-W20").unwrap();
        assert_eq!((w.first().to_string(), w.last().to_string()), ("2019-05-13".into(), "2019-05-19".into()));
        // Week 1 of 2020 begins in 2019.
        assert_eq!(PlanDate::parse_week("2020-W01").unwrap().first().to_string(), "2019-12-30");
        assert_eq!(PlanDate::parse_week("2019w1"), Some(PlanDate::Week { year: 2019, week: 1 }));
        for bad in ["2019-W53", "2019-20", "W20", "2019-W0", "2019-Wx"] {
            assert_eq!(PlanDate::parse_week(bad), None, "{bad}");
        }
        assert_eq!(PlanDate::parse_week("2020-W53").map(|w| w.last().to_string()), Some("2021-01-03".into()));
    }
}
