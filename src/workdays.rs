//! Swedish working days: weekdays that are neither public holidays (allmänna helgdagar, lag
//! 1989:253) nor the eves that are days off in practice (påskafton, midsommarafton, julafton,
//! nyårsafton).
//!
//! Pure. Used to move a report date that falls on a weekend or holiday to the next working day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm, Meeus/Jones/Butcher).
pub(crate) fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter falls in March or April")
}

/// The day in `from..from+7` (inclusive of `from`) that is a `weekday`.
fn first_weekday_from(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

/// Whether `date` is a public holiday or a day off in practice (weekends aside).
pub(crate) fn is_holiday(date: NaiveDate) -> bool {
    holiday_name(date).is_some()
}

/// The holiday on `date` (by its Swedish name, as in the law; for tests and logs), if any.
pub(crate) fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    let y = date.year();
    let md = (date.month(), date.day());
    let fixed = match md {
        (1, 1) => Some("nyårsdagen"),
        (1, 6) => Some("trettondedag jul"),
        (5, 1) => Some("första maj"),
        (6, 6) => Some("Sveriges nationaldag"),
        (12, 24) => Some("julafton"),
        (12, 25) => Some("juldagen"),
        (12, 26) => Some("annandag jul"),
        (12, 31) => Some("nyårsafton"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let easter = easter_sunday(y);
    let from_easter = (date - easter).num_days();
    let moving = match from_easter {
        -2 => Some("långfredagen"),
        -1 => Some("påskafton"),
        0 => Some("påskdagen"),
        1 => Some("annandag påsk"),
        39 => Some("Kristi himmelsfärds dag"),
        49 => Some("pingstdagen"),
        _ => None,
    };
    if moving.is_some() {
        return moving;
    }
    // Midsommardagen: the Saturday from 20 to 26 June; midsommarafton the day before.
    let midsommardagen = first_weekday_from(NaiveDate::from_ymd_opt(y, 6, 20)?, Weekday::Sat);
    if date == midsommardagen {
        return Some("midsommardagen");
    }
    if date == midsommardagen - Duration::days(1) {
        return Some("midsommarafton");
    }
    // Alla helgons dag: the Saturday from 31 October to 6 November.
    if date == first_weekday_from(NaiveDate::from_ymd_opt(y, 10, 31)?, Weekday::Sat) {
        return Some("alla helgons dag");
    }
    None
}

/// Whether people work on `date`: a weekday that is not a holiday or a day off.
pub(crate) fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(date)
}

/// `date` if it is a working day, else the next one.
pub(crate) fn on_or_after(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    while !is_working_day(d) {
        d += Duration::days(1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_is_right_for_known_years() {
        for (year, day) in [
            (2019, "2019-04-21"),
            (2020, "2020-04-12"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), d(day), "{year}");
        }
    }

    #[test]
    fn the_swedish_holidays_of_2020() {
        let days: Vec<NaiveDate> = (0..366)
            .map(|i| d("2020-01-01") + Duration::days(i))
            .filter(|x| holiday_name(*x).is_some())
            .collect();
        let expected = [
            "2020-01-01",
            "2020-01-06",
            "2020-04-10",
            "2020-04-11",
            "2020-04-12",
            "2020-04-13",
            "2020-05-01",
            "2020-05-21",
            "2020-05-31",
            "2020-06-06",
            "2020-06-19",
            "2020-06-20",
            "2020-10-31",
            "2020-12-24",
            "2020-12-25",
            "2020-12-26",
            "2020-12-31",
        ];
        assert_eq!(days, expected.iter().map(|s| d(s)).collect::<Vec<_>>());
    }

    #[test]
    fn a_date_moves_to_the_next_working_day() {
        // 1 February 2020 is a Saturday.
        assert_eq!(on_or_after(d("2020-02-01")), d("2020-02-03"));
        assert_eq!(on_or_after(d("2020-02-03")), d("2020-02-03"));
        // Good Friday to Easter Monday 2020.
        assert_eq!(on_or_after(d("2020-04-10")), d("2020-04-14"));
        // Christmas Eve 2020 (Thursday) to Sunday 27 December; New Year's Eve and Day; 4 January 2021.
        assert_eq!(on_or_after(d("2020-12-24")), d("2020-12-28"));
        assert_eq!(on_or_after(d("2020-12-31")), d("2021-01-04"));
        assert_eq!(on_or_after(d("2021-06-25")), d("2021-06-28"));
    }
}
