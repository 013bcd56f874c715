//! The occasions of the Swedish year that pledges are kept around (Vetlanda's campaigns "kring
//! valborg, studenten, skolavslutningen, midsommar, jul och nyår"): the days each falls on in a
//! given year. The municipality's own occasions (skolavslutning, studenten, sportlov) have no rule
//! and are given as dates in its config (`[[occasion]]`).
//!
//! Pure.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::workdays::easter_sunday;

/// The occasions computed from the calendar, by the name the config uses, with what they span.
pub(crate) const BUILT_IN: [(&str, &str); 6] = [
    ("valborg", "valborgsmässoafton, 30 april"),
    ("påsk", "långfredagen till annandag påsk"),
    ("nationaldagen", "6 juni"),
    ("midsommar", "midsommarafton, fredagen 19–25 juni"),
    ("jul", "julafton till annandag jul, 24–26 december"),
    ("nyår", "nyårsafton, 31 december"),
];

/// The first and last day of the built-in occasion `name` that starts in `year`; `None` for a name
/// that is not one of [`BUILT_IN`].
pub(crate) fn days_of(name: &str, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let on = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let span = |from: NaiveDate, days: i64| Some((from, from + Duration::days(days)));
    match name {
        "valborg" => span(on(4, 30)?, 0),
        "påsk" => span(easter_sunday(year) - Duration::days(2), 3),
        "nationaldagen" => span(on(6, 6)?, 0),
        "midsommar" => {
            let mut eve = on(6, 19)?;
            while eve.weekday() != Weekday::Fri {
                eve = eve.succ_opt()?;
            }
            span(eve, 0)
        }
        "jul" => span(on(12, 24)?, 2),
        // Nyårsafton alone: a window is within one period, and a year's ends at 31 December.
        "nyår" => span(on(12, 31)?, 0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_occasion_on_its_days() {
        let days = |name, year| days_of(name, year).unwrap();
        assert_eq!(days("valborg", 2019), (d("2019-04-30"), d("2019-04-30")));
        // Easter 2019 was 21 April, 2020 on 12 April.
        assert_eq!(days("påsk", 2019), (d("2019-04-19"), d("2019-04-22")));
        assert_eq!(days("påsk", 2020), (d("2020-04-10"), d("2020-04-13")));
        assert_eq!(days("nationaldagen", 2020), (d("2020-06-06"), d("2020-06-06")));
        // Midsommarafton: 21 June 2019, 19 June 2020, 25 June 2021 (both ends of the week).
        assert_eq!(days("midsommar", 2019).0, d("2019-06-21"));
        assert_eq!(days("midsommar", 2020).0, d("2020-06-19"));
        assert_eq!(days("midsommar", 2021).0, d("2021-06-25"));
        assert_eq!(days("jul", 2019), (d("2019-12-24"), d("2019-12-26")));
        assert_eq!(days("nyår", 2019), (d("2019-12-31"), d("2019-12-31")));
        assert_eq!(days_of("studenten", 2019), None);
        // Each built-in name has its days.
        for (name, _) in BUILT_IN {
            assert!(days_of(name, 2024).is_some(), "{name}");
        }
    }
}
