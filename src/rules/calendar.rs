//! The calendar of one pledge in one period: which days count (its season, weekdays and holidays),
//! how many weeks or months the period holds, and the days, weeks, months, quarters or terms of an
//! ongoing rule.
//!
//! Pure. Weeks are ISO 8601 weeks as used in Sweden: Monday to Sunday, and a week belongs to the period
//! that holds its Thursday (so 2019 has 52 weeks and 2020 has 53).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Exclusion;
use crate::pledge::{ActiveDays, DayRefusal, OccasionWindow, Period, RateUnit, SubPeriod, Term};

/// The days of a period on which a pledge's activities count: the whole period, or those of its days
/// that are in the pledge's season, on its weekdays and not holidays it excepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    /// First day of the period.
    pub(crate) start: NaiveDate,
    /// Last day of the period (inclusive).
    pub(crate) end: NaiveDate,
    /// Which of those days count.
    pub(crate) days: ActiveDays,
    /// The period's school terms, if the config gives them (none in a sub-period).
    terms: Vec<Term>,
    /// The occasions whose days alone count, each clipped to the window; none: every day does.
    occasions: Vec<OccasionWindow>,
    /// The occasion this window is, as a sub-period of a pledge kept each occasion.
    pub(crate) occasion: Option<String>,
}

impl Window {
    /// The window of `period` for a pledge whose `days` count, around its `occasions` if it has any
    /// (those whose own day is in the period).
    pub(crate) fn new(period: &Period, days: ActiveDays, occasions: &[OccasionWindow]) -> Window {
        let occasions = occasions.iter().filter(|o| period.contains(o.day)).cloned().collect();
        let whole = Window {
            start: period.start,
            end: period.end,
            days,
            terms: Vec::new(),
            occasions,
            occasion: None,
        };
        Window { terms: period.terms.clone(), ..whole.within(period.start, period.end) }
    }

    /// The same days over a part of the window (a sub-period).
    fn within(&self, start: NaiveDate, end: NaiveDate) -> Window {
        let (start, end) = (start.max(self.start), end.min(self.end));
        let occasions = self
            .occasions
            .iter()
            .filter(|o| o.start <= end && start <= o.end)
            .map(|o| OccasionWindow { start: o.start.max(start), end: o.end.min(end), ..o.clone() })
            .collect();
        Window { start, end, days: self.days, terms: Vec::new(), occasions, occasion: None }
    }

    /// Whether `date` is in one of the window's occasions, or the window has none.
    fn in_occasion(&self, date: NaiveDate) -> bool {
        self.occasions.is_empty() || self.occasions.iter().any(|o| o.start <= date && date <= o.end)
    }

    /// Whether every day of the window counts.
    fn is_all(&self) -> bool {
        self.days.is_all() && self.occasions.is_empty()
    }

    /// Whether activities on `date` count.
    pub(crate) fn is_active(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end && self.days.contains(date) && self.in_occasion(date)
    }

    /// Whether `date` is in the window and its season, whatever its weekday: which weeks and months
    /// a window holds is not changed by the weekdays that count in them.
    fn in_season(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end && self.days.season.is_none_or(|s| s.contains(date))
    }

    /// The active days of the window, in order.
    fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.start.iter_days().take_while(|d| *d <= self.end).filter(|d| self.is_active(*d))
    }

    /// How many days count.
    pub(crate) fn active_days(&self) -> u32 {
        if self.is_all() { days_between(self.start, self.end) } else { self.days().count() as u32 }
    }

    /// How many active days lie on or before `as_of` (`as_of` itself included).
    pub(crate) fn elapsed_days(&self, as_of: NaiveDate) -> u32 {
        if as_of < self.start {
            return 0;
        }
        self.within(self.start, as_of).active_days()
    }

    /// The days of the window's season after `as_of` up to and including `by`: the time left to catch
    /// up, in calendar days whatever the weekdays that count (a pledge kept on Saturdays has the whole
    /// week before its next Saturday), but not the days out of season or away from its occasions.
    pub(crate) fn days_left(&self, as_of: NaiveDate, by: NaiveDate) -> u32 {
        let Some(next) = as_of.succ_opt() else { return 0 };
        next.iter_days()
            .take_while(|d| *d <= by)
            .filter(|d| self.in_season(*d) && self.in_occasion(*d))
            .count() as u32
    }

    /// The last day that counts; `None` when no day does (a season outside the period).
    pub(crate) fn last_active_day(&self) -> Option<NaiveDate> {
        if self.is_all() { Some(self.end) } else { self.days().last() }
    }

    /// How many weeks or months the window holds, for an average-rate rule: the ISO weeks whose
    /// Thursday is an active day, or the calendar months whose 15th is. For a calendar year without a
    /// season: 52 or 53 weeks, 12 months.
    pub(crate) fn units(&self, per: RateUnit) -> u32 {
        let marker = |d: NaiveDate| match per {
            RateUnit::Week => d.weekday() == Weekday::Thu,
            RateUnit::Month => d.day() == 15,
        };
        self.start
            .iter_days()
            .take_while(|d| *d <= self.end)
            .filter(|d| marker(*d) && self.in_season(*d))
            .count() as u32
    }

    /// The days, weeks, months, quarters or terms of the window, clipped to it; those with no active
    /// day are left out (a monthly pledge with a winter season has only its winter months, a weekly
    /// one kept on Thursdays but not on holidays has no week 22 of 2019, whose Thursday is Kristi
    /// himmelsfärds dag).
    pub(crate) fn sub_periods(&self, each: SubPeriod) -> Vec<Window> {
        if each == SubPeriod::Term && !self.terms.is_empty() {
            let terms = self.terms.iter().map(|t| self.within(t.start, t.end));
            return terms.filter(|t| t.active_days() > 0).collect();
        }
        if each == SubPeriod::Occasion {
            let each = self
                .occasions
                .iter()
                .map(|o| Window { occasion: Some(o.name.clone()), ..self.within(o.start, o.end) });
            return each.filter(|o| o.active_days() > 0).collect();
        }
        let mut out = Vec::new();
        let mut from = first_of(self.start, each);
        while from <= self.end {
            let next = next_start(from, each);
            let part = self.within(from, next.pred_opt().unwrap_or(next));
            let ours = each != SubPeriod::Week || self.holds_week_of(from);
            if part.active_days() > 0 && ours {
                out.push(part);
            }
            from = next;
        }
        out
    }

    /// Why a row dated `date` in the period does not count, when it is for a day the pledge does not
    /// count; `each` the sub-period of an ongoing pledge: kept week by week it counts only the
    /// period's weeks, term by term (with the school's terms given) only the terms' days.
    pub(crate) fn exclusion(&self, date: NaiveDate, each: Option<SubPeriod>) -> Option<Exclusion> {
        match self.days.refusal(date) {
            Some(DayRefusal::Season) => Some(Exclusion::OutsideSeason),
            Some(DayRefusal::Weekday) => {
                Some(Exclusion::NotOnWeekdays { weekday: date.weekday(), on: self.days.weekdays.list() })
            }
            Some(DayRefusal::Holiday) => Some(Exclusion::Holiday { date }),
            None if each == Some(SubPeriod::Week) && !self.holds_week_of(date) => {
                Some(Exclusion::OutsideWeeks)
            }
            None if !self.in_occasion(date) => Some(Exclusion::OutsideOccasions {
                names: self.occasions.iter().map(|o| o.name.clone()).fold(Vec::new(), |mut names, n| {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                    names
                }),
            }),
            None if each == Some(SubPeriod::Term)
                && !self.terms.is_empty()
                && !self.terms.iter().any(|t| t.start <= date && date <= t.end) =>
            {
                Some(Exclusion::OutsideTerms)
            }
            None => None,
        }
    }

    /// Whether the ISO week of `date` is the window's: a week is the period's when its Thursday is
    /// (as for a weekly rate), so the days of a week cut by the period's first or last day belong to
    /// it or to the period before or after.
    pub(crate) fn holds_week_of(&self, date: NaiveDate) -> bool {
        let thursday = monday_of(date) + Days::new(3);
        self.in_season(thursday)
    }

    /// The Monday of each ISO week from the week of the window's start through the week of `until`
    /// (clipped to the window's end).
    pub(crate) fn week_mondays(&self, until: NaiveDate) -> Vec<NaiveDate> {
        let last = monday_of(until.min(self.end));
        let mut out = Vec::new();
        let mut w = monday_of(self.start);
        while w <= last {
            out.push(w);
            w = w + Days::new(7);
        }
        out
    }
}

/// Whether `period` starts on the first day of a month, quarter or term and ends on the last day of
/// one, so an ongoing rule's sub-periods are whole.
pub(crate) fn is_aligned(period: &Period, each: SubPeriod) -> bool {
    // A week belongs to the period that holds its Thursday: any period has whole weeks (and days),
    // and a period with its school's terms has whole terms.
    if matches!(each, SubPeriod::Week | SubPeriod::Day | SubPeriod::Occasion)
        || (each == SubPeriod::Term && !period.terms.is_empty())
    {
        return true;
    }
    let after = period.end.succ_opt().unwrap_or(NaiveDate::MAX);
    first_of(period.start, each) == period.start && first_of(after, each) == after
}

/// Days from `a` through `b`, both included; 0 when `b` is before `a`.
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from((b - a).num_days() + 1).unwrap_or(0)
}

/// The Monday that starts the ISO week of `date`.
pub(crate) fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The first day of the month, quarter or term holding `date`.
fn first_of(date: NaiveDate, each: SubPeriod) -> NaiveDate {
    let month = match each {
        SubPeriod::Month => date.month(),
        SubPeriod::Quarter => (date.month() - 1) / 3 * 3 + 1,
        SubPeriod::Term => (date.month() - 1) / 6 * 6 + 1,
        SubPeriod::Week => return monday_of(date),
        SubPeriod::Day | SubPeriod::Occasion => return date,
    };
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// The first day of the next month, quarter or term after the one starting on `from`.
fn next_start(from: NaiveDate, each: SubPeriod) -> NaiveDate {
    let months = match each {
        SubPeriod::Month => 1,
        SubPeriod::Quarter => 3,
        SubPeriod::Term => 6,
        SubPeriod::Week => return from.checked_add_days(Days::new(7)).unwrap_or(NaiveDate::MAX),
        SubPeriod::Day | SubPeriod::Occasion => return from.succ_opt().unwrap_or(NaiveDate::MAX),
    };
    from.checked_add_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MAX)
}
