//! The pledges as data: periods, rules, row conditions and seasons, as validated from `config.toml`.
//!
//! Pure data. The numbers and conditions of a municipality's pledges live in its config; nothing here
//! knows about Kalix. How a rule is evaluated against activities belongs to the reconcile step.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

mod indicator;
mod plan;
pub(crate) use indicator::{Baseline, Bound, IndicatorRule};
pub(crate) use plan::{PlanDate, Planned};

/// A pledge period, e.g. the year 2019, inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The id used in the config and on the command line, e.g. `2019`.
    pub id: String,
    /// First day of the period.
    pub(crate) start: NaiveDate,
    /// Last day of the period (inclusive).
    pub(crate) end: NaiveDate,
    /// Its school terms, when the config gives them (`terms`): an ongoing pledge kept each term
    /// counts these instead of January–June and July–December. In order, not overlapping.
    pub(crate) terms: Vec<Term>,
}

/// A school term: its first and last day (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Term {
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
}

impl Period {
    /// Whether `date` lies within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the period is over on `as_of`: from the day after its last day, when its figures are
    /// final, its verdicts are given and its follow-up is no longer a draft. The one answer to the
    /// question, for the status view, the mails and the report alike.
    pub(crate) fn is_over(&self, as_of: NaiveDate) -> bool {
        is_over(self.end, as_of)
    }

    /// Whether two periods share at least one day.
    pub(crate) fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// A party that signs pledges and owns sources: the police area or the municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Party {
    /// The id used in the config, e.g. `polisen`.
    pub id: String,
    /// The name people read, e.g. `Lokalpolisområde Östra Norrbotten`.
    pub(crate) name: String,
    /// Ids of the people who receive the reminders for the pledges the party owns.
    pub(crate) contacts: Vec<String>,
}

/// A kind of activity that a log may name, with the names it may go by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityKind {
    /// The id used by pledges, e.g. `medborgarkontakt`.
    pub id: String,
    /// The name people write and read, e.g. `Medborgarkontakt`.
    pub(crate) name: String,
    /// Other names accepted in the `Aktivitet` column.
    pub(crate) aliases: Vec<String>,
}

/// A sub-period of an ongoing pledge: each one must hold at least N activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SubPeriod {
    /// Calendar month.
    Month,
    /// Calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec).
    Quarter,
    /// School term: spring (Jan–Jun) and autumn (Jul–Dec).
    Term,
    /// ISO week (Monday–Sunday); a week belongs to the period that holds its Thursday.
    Week,
    /// Each day that counts (with weekdays named, each of those: "varje torsdag").
    Day,
    /// Each of the pledge's occasions (valborg, midsommar, the municipality's skolavslutning), the
    /// days around it included.
    Occasion,
}

/// The unit of an average-rate rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RateUnit {
    /// Per week (ISO weeks, as used in Sweden).
    Week,
    /// Per calendar month.
    Month,
}

/// What a pledge's figures count (`rule = { …, measure = "hours" }`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Measure {
    /// Activities done: the sum of `Antal`.
    #[default]
    Activities,
    /// Hours spent: the sum of `Timmar` (Svedala's 4 000 police hours a year).
    Hours,
}

impl Measure {
    /// How many of a standing's units make one of the rule's: 1, or for hours 100 (a standing counts
    /// hours in hundredths, as the store keeps them, so that 1,5 + 1,25 is 2,75 and not 2).
    pub(crate) fn scale(self) -> u32 {
        match self {
            Measure::Activities => 1,
            Measure::Hours => 100,
        }
    }

    /// A figure in units as a number in the rule's unit: 12 activities, 1012.5 hours.
    pub(crate) fn in_own_unit(self, units: f64) -> f64 {
        units / f64::from(self.scale())
    }
}

/// What a pledge promises, as a number or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Rule {
    /// At least `at_least` activities in the period.
    Total { at_least: u32 },
    /// At least `at_least` activities per `per` on average over the period.
    Rate { at_least: f64, per: RateUnit },
    /// At least `at_least` activities in each `each` of the period ("löpande").
    Ongoing { at_least: u32, each: SubPeriod },
    /// At least `at_least` per cent of the activities of its kinds on its days meet its conditions
    /// (partners, places, tags): Ljusdal's "polisen deltar vid varje temakväll" is 100.
    Share { at_least: u32 },
    /// An outcome indicator's measured value against a target (see [`IndicatorRule`]).
    Indicator(IndicatorRule),
    /// No number: the activities are listed.
    Qualitative,
}

/// Which partners a row must name (in `Samverkan`) to count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct PartnerCondition {
    /// The partner text must not be empty.
    pub(crate) non_empty: bool,
    /// Every group must be matched by one of its words, found case-insensitively inside the partner text.
    pub(crate) all_of: Vec<Vec<String>>,
}

impl PartnerCondition {
    /// Whether there is no condition at all.
    pub(crate) fn is_none(&self) -> bool {
        !self.non_empty && self.all_of.is_empty()
    }
}

/// Where a row must have been (its `Plats`) to count: at one of these places, each found
/// case-insensitively inside the text as whole words, so `Metro` matches "Fritidsgården Metro" and
/// "Metro, Kåken" but not "Pizzeria Metropol". Empty: anywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Places {
    /// The places as the config writes them, for people: `Metro`, `Kåken`.
    pub(crate) any_of: Vec<String>,
}

impl Places {
    /// Whether a row at `place` counts.
    pub(crate) fn admits(&self, place: &str) -> bool {
        let place = place.to_lowercase();
        self.any_of.is_empty() || self.any_of.iter().any(|p| names_words(&place, &p.to_lowercase()))
    }
}

/// Whether `words` occurs in `text` with no letter or digit just before or after it.
fn names_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// One part of a pledge kept in parts (Ljusdal's theme evening at each youth club, Vetlanda's
/// fifteen of each of three kinds): counted by its own activities and places against its own
/// `at_least`, on the pledge's kind of rule and days. The pledge is met when every part is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Part {
    /// Its name, for people: `Metro`, `Trafikkontroller`.
    pub(crate) name: String,
    /// The activity kinds it counts, some of the pledge's.
    pub(crate) activities: Vec<String>,
    /// Where its rows must have been.
    pub(crate) places: Places,
    /// The pledge's rule with the part's `at_least`.
    pub(crate) rule: Rule,
}

impl Part {
    /// The part as a pledge of its own, for the rules: the whole's id, days and conditions, the part's
    /// name, kinds, places and rule.
    pub(crate) fn pledge(&self, whole: &Pledge) -> Pledge {
        Pledge {
            title: self.name.clone(),
            activities: self.activities.clone(),
            places: self.places.clone(),
            rule: self.rule.clone(),
            parts: Parts::default(),
            // The plan is the whole pledge's.
            plan: Vec::new(),
            ..whole.clone()
        }
    }
}

/// A pledge's parts, and how the config gave them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Parts {
    /// One per place (`places = { at_each = [...] }`), with what the places are called
    /// (`fritidsgård`), if the config says; `false`: listed as `[[pledge.part]]`.
    pub(crate) by_place: bool,
    /// What each place is, in the singular: `fritidsgård` (for "vid varje fritidsgård").
    pub(crate) called: Option<String>,
    /// The parts in config order; empty: the pledge is one whole.
    pub(crate) list: Vec<Part>,
}

/// The occasions a pledge is kept around (`occasions = { names = [...], days_before, days_after }`):
/// only the days of their windows count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Occasions {
    /// The names as the config gives them, in its order: `valborg`, `studenten`.
    pub(crate) names: Vec<String>,
    /// Days before each occasion's first day that count with it.
    pub(crate) days_before: u32,
    /// Days after its last day that count with it.
    pub(crate) days_after: u32,
    /// Each occasion in the pledge's periods, the days around it included, in date order.
    pub(crate) windows: Vec<OccasionWindow>,
}

/// One occasion in one year, with the days around it that count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct OccasionWindow {
    /// Its name: `midsommar`.
    pub(crate) name: String,
    /// Its own first day (midsommarafton); the window belongs to the period that holds it.
    pub(crate) day: NaiveDate,
    /// The first day that counts (`days_before` earlier).
    pub(crate) start: NaiveDate,
    /// The last day that counts (`days_after` after its last day).
    pub(crate) end: NaiveDate,
}

/// A day of the year without a year, for seasons such as "1 November to 30 April".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct MonthDay {
    /// 1–12.
    pub(crate) month: u32,
    /// 1–31, valid for the month (29 February allowed).
    pub(crate) day: u32,
}

impl MonthDay {
    /// The month and day of a date.
    pub(crate) fn of(date: NaiveDate) -> MonthDay {
        MonthDay { month: date.month(), day: date.day() }
    }
}

/// A season within each year in which a pledge's activities count; it may wrap over New Year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Season {
    /// First day of the season.
    pub(crate) from: MonthDay,
    /// Last day of the season (inclusive).
    pub(crate) to: MonthDay,
}

impl Season {
    /// Whether `date` falls in the season.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        let d = MonthDay::of(date);
        if self.from <= self.to { self.from <= d && d <= self.to } else { d >= self.from || d <= self.to }
    }
}

/// Weekdays, as a set: bit 0 is Monday, bit 6 Sunday; the empty set names no weekday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Weekdays(u8);

/// The days of the week, Monday first.
pub(crate) const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

impl Weekdays {
    /// The set of `days`; all seven are the same as none named: every day counts.
    pub(crate) fn of(days: &[Weekday]) -> Weekdays {
        let set = days.iter().fold(0, |set, d| set | 1 << d.num_days_from_monday());
        Weekdays(if set == 0b111_1111 { 0 } else { set })
    }

    /// Whether no weekday is named.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `day` is in the set.
    pub(crate) fn contains(self, day: Weekday) -> bool {
        self.0 & 1 << day.num_days_from_monday() != 0
    }

    /// The weekdays in the set, Monday first.
    pub(crate) fn list(self) -> Vec<Weekday> {
        WEEK.into_iter().filter(|d| self.contains(*d)).collect()
    }
}

/// Which days of a period count for a pledge: those in its season (if it has one), on its weekdays
/// (if it names any), and not a public holiday (if it excepts them: "varje helgfri torsdag").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct ActiveDays {
    /// Only days in this season count; `None`: the whole year.
    pub(crate) season: Option<Season>,
    /// Only these weekdays count; empty: every day of the week.
    pub(crate) weekdays: Weekdays,
    /// Public holidays and the eves that are days off (`workdays::is_holiday`) do not count.
    pub(crate) except_holidays: bool,
}

impl ActiveDays {
    /// Why `date` does not count, if it does not.
    pub(crate) fn refusal(&self, date: NaiveDate) -> Option<DayRefusal> {
        if self.season.is_some_and(|s| !s.contains(date)) {
            Some(DayRefusal::Season)
        } else if !self.weekdays.is_empty() && !self.weekdays.contains(date.weekday()) {
            Some(DayRefusal::Weekday)
        } else if self.except_holidays && crate::workdays::is_holiday(date) {
            Some(DayRefusal::Holiday)
        } else {
            None
        }
    }

    /// Whether activities on `date` count (the period aside).
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.refusal(date).is_none()
    }

    /// Whether every day counts.
    pub(crate) fn is_all(&self) -> bool {
        self.season.is_none() && self.weekdays.is_empty() && !self.except_holidays
    }
}

/// Why a day does not count for a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayRefusal {
    /// It is outside the pledge's season.
    Season,
    /// It is not one of the pledge's weekdays.
    Weekday,
    /// It is a public holiday, and the pledge excepts them.
    Holiday,
}

/// Whether a period whose last day is `end` is over on `as_of` (see [`Period::is_over`]).
pub(crate) fn is_over(end: NaiveDate, as_of: NaiveDate) -> bool {
    as_of > end
}

/// One pledge: what was promised, by whom, and how it is measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pledge {
    /// Stable id, e.g. `medborgarkontakter`.
    pub id: String,
    /// Short title people read.
    pub(crate) title: String,
    /// The promise as written in the pledge document (Swedish).
    pub(crate) promise: String,
    /// Ids of the parties that own the pledge.
    pub(crate) owners: Vec<String>,
    /// Ids of the periods the pledge applies to.
    pub periods: Vec<String>,
    /// Ids of the activity kinds that count toward the pledge.
    pub activities: Vec<String>,
    /// The target.
    pub(crate) rule: Rule,
    /// What the rule's number counts: activities, or hours.
    pub(crate) measure: Measure,
    /// Partners a row must name to count.
    pub(crate) partners: PartnerCondition,
    /// Where a row must have been to count.
    pub(crate) places: Places,
    /// Tags reported alongside the count (e.g. `A-traktor`); they do not decide whether a row counts.
    pub(crate) report_tags: Vec<String>,
    /// Tags of which a row must carry at least one to count; empty means no condition.
    pub(crate) require_tags: Vec<String>,
    /// The days whose activities count: its season, weekdays, holidays excepted or not.
    pub(crate) days: ActiveDays,
    /// Its parts, each with its own count and status; none for most pledges.
    pub(crate) parts: Parts,
    /// The occasions it is kept around; none: every day of its periods (and season) counts.
    pub(crate) occasions: Occasions,
    /// Its plan: the activities planned, in order of their dates; none for most pledges.
    pub(crate) plan: Vec<Planned>,
}

impl Pledge {
    /// What a standing's `count` and `target` are written in: the measure, or for an ongoing rule's
    /// sub-periods covered whole numbers, as activities are.
    pub(crate) fn count_measure(&self) -> Measure {
        if matches!(self.rule, Rule::Ongoing { .. }) { Measure::Activities } else { self.measure }
    }
}

#[cfg(test)]
impl Pledge {
    /// A pledge of kind `k` with `rule` on `days`, for tests of its words.
    pub(crate) fn example(rule: Rule, days: ActiveDays, places: &[&str]) -> Pledge {
        Pledge {
            id: "p".into(),
            title: "P".into(),
            promise: String::new(),
            owners: vec!["polisen".into()],
            periods: vec!["2019".into()],
            activities: vec!["k".into()],
            rule,
            measure: Measure::Activities,
            partners: PartnerCondition::default(),
            places: Places { any_of: places.iter().map(|p| (*p).to_owned()).collect() },
            report_tags: Vec::new(),
            require_tags: Vec::new(),
            days,
            parts: Parts::default(),
            occasions: Occasions::default(),
            plan: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_place_is_named_by_whole_words_in_any_case() {
        let places = Places { any_of: vec!["Metro".into(), "Kalix centrum".into()] };
        for at in ["Metro", "fritidsgården METRO", "Metro, Kåken", "(Metro)", "Kalix Centrum, torget"] {
            assert!(places.admits(at), "{at}");
        }
        for not in ["Pizzeria Metropol", "Metrostationen", "Kalix centrumhus", "Kåken", ""] {
            assert!(!places.admits(not), "{not}");
        }
        assert!(Places::default().admits("anywhere"));
        // Matching past a first occurrence inside a word: "Metropol vid Metro".
        assert!(places.admits("Metropol vid Metro"));
    }

    #[test]
    fn season_wrapping_new_year() {
        let winter = Season { from: MonthDay { month: 11, day: 1 }, to: MonthDay { month: 4, day: 30 } };
        assert!(winter.contains(d(2019, 11, 1)));
        assert!(winter.contains(d(2019, 1, 15)));
        assert!(winter.contains(d(2019, 4, 30)));
        assert!(!winter.contains(d(2019, 5, 1)));
        assert!(!winter.contains(d(2019, 10, 31)));
    }

    #[test]
    fn season_within_a_year() {
        let summer = Season { from: MonthDay { month: 6, day: 1 }, to: MonthDay { month: 8, day: 31 } };
        assert!(summer.contains(d(2020, 6, 1)));
        assert!(!summer.contains(d(2020, 9, 1)));
    }

    #[test]
    fn period_overlap_and_contains() {
        let y19 = Period { id: "2019".into(), start: d(2019, 1, 1), end: d(2019, 12, 31), terms: Vec::new() };
        let y20 = Period { id: "2020".into(), start: d(2020, 1, 1), end: d(2020, 12, 31), terms: Vec::new() };
        let both =
            Period { id: "2019-2020".into(), start: d(2019, 1, 1), end: d(2020, 12, 31), terms: Vec::new() };
        assert!(!y19.overlaps(&y20));
        assert!(y19.overlaps(&both) && both.overlaps(&y20));
        assert!(y19.contains(d(2019, 12, 31)) && !y19.contains(d(2020, 1, 1)));
    }
}
