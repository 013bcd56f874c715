//! The Swedish words for the days a pledge counts: weekdays, holidays, "varje torsdag", "på vardagar
//! utom helgdagar", and the days of a pledge kept each day.
//!
//! Pure.

use chrono::{Datelike, NaiveDate, Weekday};

use super::report::and_list;
use super::standing::MONTHS;
use crate::pledge::{ActiveDays, Occasions, SubPeriod, Weekdays};

/// The weekdays' names, Monday first.
const WEEKDAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];

/// The name of a weekday: `torsdag`.
pub(crate) fn weekday(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize]
}

/// Monday to Friday.
fn is_workweek(days: Weekdays) -> bool {
    days == Weekdays::of(&[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri])
}

/// The weekdays in the plural: `torsdagar`, `måndagar och torsdagar`, `vardagar`.
pub(crate) fn weekdays_plural(days: Weekdays) -> String {
    if is_workweek(days) {
        return "vardagar".into();
    }
    and_list(&days.list().into_iter().map(|d| format!("{}ar", weekday(d))).collect::<Vec<_>>())
}

/// `varje månad`, `varje vecka`, `varje dag`; a pledge kept each day on named weekdays: `varje
/// torsdag`, `varje måndag och torsdag`, `varje vardag`.
pub(crate) fn every(each: SubPeriod, days: &ActiveDays) -> String {
    match each {
        SubPeriod::Month => "varje månad".into(),
        SubPeriod::Quarter => "varje kvartal".into(),
        SubPeriod::Term => "varje termin".into(),
        SubPeriod::Week => "varje vecka".into(),
        SubPeriod::Occasion => "vid varje tillfälle".into(),
        SubPeriod::Day if days.weekdays.is_empty() => "varje dag".into(),
        SubPeriod::Day if is_workweek(days.weekdays) => "varje vardag".into(),
        SubPeriod::Day => {
            let names: Vec<String> =
                days.weekdays.list().into_iter().map(|d| weekday(d).to_owned()).collect();
            format!("varje {}", and_list(&names))
        }
    }
}

/// What a rule's words add for the weekdays and holidays that count (the season is said apart): `,
/// på torsdagar`, ` utom helgdagar`, `, på vardagar utom helgdagar`; empty when every day counts.
/// A pledge kept each day names its weekdays in [`every`] already.
pub(crate) fn restriction(days: &ActiveDays, each: Option<SubPeriod>) -> String {
    let mut out = String::new();
    if !days.weekdays.is_empty() && each != Some(SubPeriod::Day) {
        out.push_str(&format!(", på {}", weekdays_plural(days.weekdays)));
    }
    if days.except_holidays {
        out.push_str(" utom helgdagar");
    }
    out
}

/// The occasions a pledge is kept around, after its rule: `: valborg, midsommar och jul (från 3
/// dagar före till 1 dag efter)` for one kept at each occasion, `, kring valborg och midsommar`
/// for another; empty for none.
pub(crate) fn around_occasions(o: &Occasions, each: Option<SubPeriod>) -> String {
    if o.names.is_empty() {
        return String::new();
    }
    let days = |n: u32| if n == 1 { "1 dag".to_owned() } else { format!("{n} dagar") };
    let around = match (o.days_before, o.days_after) {
        (0, 0) => String::new(),
        (b, 0) => format!(" (från {} före till och med dagen)", days(b)),
        (0, a) => format!(" (från dagen till {} efter)", days(a)),
        (b, a) => format!(" (från {} före till {} efter)", days(b), days(a)),
    };
    let names = and_list(&o.names);
    match each {
        Some(SubPeriod::Occasion) => format!(": {names}{around}"),
        _ => format!(", kring {names}{around}"),
    }
}

/// The days of a pledge kept each day, in the plural (`dagar`, `torsdagar`, `vardagar`, `måndagar
/// och torsdagar`) or, for `one`, the singular (`dag`, `torsdag`, `vardag`).
pub(crate) fn days_noun(days: &ActiveDays, one: bool) -> String {
    match (days.weekdays.list().as_slice(), one) {
        ([], false) => "dagar".into(),
        (_, false) => weekdays_plural(days.weekdays),
        ([day], true) => weekday(*day).into(),
        (_, true) if is_workweek(days.weekdays) => "vardag".into(),
        (_, true) => "dag".into(),
    }
}

/// One day of a pledge kept each day: `2 maj 2019`.
pub(crate) fn day_label(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// Why a row's date does not count: it is a `onsdag` and the pledge counts `torsdagar`.
pub(crate) fn not_on_weekdays(weekday_of_row: Weekday, on: &[Weekday]) -> String {
    format!("datumet är en {}; löftet räknar {}", weekday(weekday_of_row), weekdays_plural(Weekdays::of(on)))
}

/// Why a row's date does not count: it is a holiday (`Kristi himmelsfärds dag`) and the pledge
/// excepts them.
pub(crate) fn holiday(date: NaiveDate) -> String {
    let name = crate::workdays::holiday_name(date).unwrap_or("helgdag");
    format!("datumet är en helgdag ({name}); löftet räknar inte helgdagar")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledge::{MonthDay, Season};

    fn days(weekdays: &[Weekday], except_holidays: bool) -> ActiveDays {
        ActiveDays { season: None, weekdays: Weekdays::of(weekdays), except_holidays }
    }

    #[test]
    fn every_names_the_weekdays_of_a_pledge_kept_each_day() {
        use Weekday::*;
        assert_eq!(every(SubPeriod::Day, &days(&[], false)), "varje dag");
        assert_eq!(every(SubPeriod::Day, &days(&[Thu], true)), "varje torsdag");
        assert_eq!(every(SubPeriod::Day, &days(&[Thu, Mon], false)), "varje måndag och torsdag");
        assert_eq!(every(SubPeriod::Day, &days(&[Mon, Wed, Fri], false)), "varje måndag, onsdag och fredag");
        assert_eq!(every(SubPeriod::Day, &days(&[Mon, Tue, Wed, Thu, Fri], false)), "varje vardag");
        assert_eq!(every(SubPeriod::Week, &days(&[Thu], false)), "varje vecka");
    }

    #[test]
    fn the_restriction_is_said_once() {
        use Weekday::*;
        assert_eq!(restriction(&days(&[], false), None), "");
        assert_eq!(restriction(&days(&[Thu], true), Some(SubPeriod::Day)), " utom helgdagar");
        assert_eq!(restriction(&days(&[Thu], false), None), ", på torsdagar");
        assert_eq!(
            restriction(&days(&[Mon, Tue, Wed, Thu, Fri], true), Some(SubPeriod::Week)),
            ", på vardagar utom helgdagar"
        );
        let winter = Season { from: MonthDay { month: 11, day: 1 }, to: MonthDay { month: 4, day: 30 } };
        let seasonal = ActiveDays { season: Some(winter), ..ActiveDays::default() };
        assert_eq!(restriction(&seasonal, None), "", "the season is said apart");
    }

    #[test]
    fn days_and_reasons() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        use Weekday::*;
        assert_eq!(days_noun(&days(&[Thu], true), false), "torsdagar");
        assert_eq!(days_noun(&days(&[Thu], true), true), "torsdag");
        assert_eq!(days_noun(&days(&[], true), false), "dagar");
        assert_eq!(days_noun(&days(&[Mon, Thu], false), false), "måndagar och torsdagar");
        assert_eq!(days_noun(&days(&[Mon, Tue, Wed, Thu, Fri], true), false), "vardagar");
        assert_eq!(days_noun(&days(&[Mon, Tue, Wed, Thu, Fri], true), true), "vardag");
        // All seven named are every day.
        assert_eq!(days(&[Mon, Tue, Wed, Thu, Fri, Sat, Sun], false).weekdays, Weekdays::default());
        assert_eq!(every(SubPeriod::Day, &days(&[Mon, Tue, Wed, Thu, Fri, Sat, Sun], true)), "varje dag");
        assert_eq!(day_label(d(2019, 5, 2)), "2 maj 2019");
        assert_eq!(
            not_on_weekdays(Weekday::Wed, &[Weekday::Thu]),
            "datumet är en onsdag; löftet räknar torsdagar"
        );
        assert_eq!(
            holiday(d(2019, 5, 30)),
            "datumet är en helgdag (Kristi himmelsfärds dag); löftet räknar inte helgdagar"
        );
    }

    #[test]
    fn the_occasions_after_a_rule() {
        let o = |names: &[&str], before, after| Occasions {
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            days_before: before,
            days_after: after,
            windows: Vec::new(),
        };
        let each = Some(SubPeriod::Occasion);
        assert_eq!(around_occasions(&o(&[], 3, 1), each), "");
        assert_eq!(around_occasions(&o(&["valborg"], 0, 0), each), ": valborg");
        assert_eq!(
            around_occasions(&o(&["valborg", "midsommar", "jul"], 3, 1), each),
            ": valborg, midsommar och jul (från 3 dagar före till 1 dag efter)"
        );
        assert_eq!(
            around_occasions(&o(&["jul", "nyår"], 1, 0), None),
            ", kring jul och nyår (från 1 dag före till och med dagen)"
        );
        assert_eq!(
            around_occasions(&o(&["studenten"], 0, 2), None),
            ", kring studenten (från dagen till 2 dagar efter)"
        );
        assert_eq!(every(SubPeriod::Occasion, &ActiveDays::default()), "vid varje tillfälle");
    }
}
