//! Slots in Swedish time across the DST nights of 2019 and 2026, a year at 15-minute steps, catch-up.

use chrono::{Datelike, TimeZone};
use chrono_tz::Europe::Stockholm;

use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local_str(t: DateTime<Utc>) -> String {
    t.with_timezone(&Stockholm).format("%Y-%m-%d %H:%M %Z").to_string()
}

fn slots(spec: &str, after: &str, until: &str) -> Vec<String> {
    Schedule::parse(spec)
        .unwrap()
        .slots(Stockholm, utc(after), utc(until))
        .into_iter()
        .map(local_str)
        .collect()
}

#[test]
fn schedules_as_written() {
    assert!(matches!(Schedule::parse("07:00"), Ok(Schedule::Daily(_))));
    assert!(matches!(Schedule::parse("mon 07:00"), Ok(Schedule::Weekly(d, _)) if d == [Weekday::Mon]));
    assert!(matches!(Schedule::parse("mån-fre 06:30"), Ok(Schedule::Weekly(d, _)) if d.len() == 5));
    assert!(matches!(Schedule::parse("2020-02-03 08:00"), Ok(Schedule::Once(_))));
    assert!(matches!(Schedule::parse("*/15 * * * mon-fri"), Ok(Schedule::Cron(..))));
    for bad in ["7", "25:00", "mon", "every day", "* * * *", "61 * * * *"] {
        assert!(Schedule::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_job_in_the_hour_that_does_not_exist_fires_once_after_it() {
    // 31 March 2019 and 29 March 2026: 02:00 CET becomes 03:00 CEST.
    for (after, until, day) in [
        ("2019-03-30T12:00:00Z", "2019-04-01T12:00:00Z", "2019-03-31"),
        ("2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z", "2026-03-29"),
    ] {
        assert_eq!(
            slots("02:30", after, until),
            [format!("{day} 03:00 CEST"), format!("{} 02:30 CEST", next_day(day))],
        );
        // A job at 03:00 itself also fires once.
        assert_eq!(slots("03:00", after, until).len(), 2);
    }
}

fn next_day(day: &str) -> String {
    (NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap() + Duration::days(1)).to_string()
}

#[test]
fn a_job_in_the_hour_that_happens_twice_fires_once() {
    // 27 October 2019 and 25 October 2026: 03:00 CEST becomes 02:00 CET.
    for (after, until, day) in [
        ("2019-10-26T12:00:00Z", "2019-10-27T12:00:00Z", "2019-10-27"),
        ("2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z", "2026-10-25"),
    ] {
        assert_eq!(slots("02:30", after, until), [format!("{day} 02:30 CEST")]);
        // Every quarter of an hour: the repeated hour's quarters fire once, so the 25-hour day
        // has the same 4 slots between 02:00 and 03:00 as any other.
        let quarters = slots("*/15 * * * *", after, until);
        let in_hour: Vec<&String> = quarters.iter().filter(|s| s.contains(" 02:")).collect();
        assert_eq!(in_hour.len(), 4, "{in_hour:?}");
        let mut unique = quarters.clone();
        unique.dedup();
        assert_eq!(unique.len(), quarters.len());
    }
}

#[test]
fn next_five_firings() {
    let s = Schedule::parse("mon 07:00").unwrap();
    let next: Vec<String> = s
        .next(Stockholm, utc("2019-10-24T12:00:00Z"), 5, Duration::days(400))
        .into_iter()
        .map(local_str)
        .collect();
    assert_eq!(
        next,
        [
            "2019-10-28 07:00 CET",
            "2019-11-04 07:00 CET",
            "2019-11-11 07:00 CET",
            "2019-11-18 07:00 CET",
            "2019-11-25 07:00 CET"
        ]
    );
    let once = Schedule::parse("2020-02-03 08:00").unwrap();
    assert_eq!(once.next(Stockholm, utc("2019-10-24T12:00:00Z"), 5, Duration::days(400)).len(), 1);
    assert!(once.next(Stockholm, utc("2020-03-01T12:00:00Z"), 5, Duration::days(400)).is_empty());
}

/// Steps a year at 15 minutes, as the daemon would look: each job runs for the slot `due` gives and
/// records it.
fn simulate(spec: &str, never_skip: bool, from: &str, to: &str) -> Vec<DateTime<Utc>> {
    let s = Schedule::parse(spec).unwrap();
    // The daemon started at `from`, everything before it done.
    let (mut now, end) = (utc(from), utc(to));
    let mut last = Some(now);
    let mut runs = Vec::new();
    while now <= end {
        let d = due(&s, Stockholm, last, now, Duration::hours(72), never_skip);
        if let Some(slot) = d.run.or(d.skipped) {
            if d.run.is_some() {
                runs.push(slot);
            }
            last = Some(slot);
        }
        now += Duration::minutes(15);
    }
    runs
}

/// Every local date of 2019 whose weekday passes `keep`, at each of `times`, as UTC instants.
fn expected(keep: impl Fn(Weekday) -> bool, times: &[NaiveTime]) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut date = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    while date.year() == 2019 {
        if keep(date.weekday()) {
            out.extend(times.iter().map(|t| local_instant(Stockholm, date, *t)));
        }
        date = date.succ_opt().unwrap();
    }
    out
}

#[test]
fn a_year_at_fifteen_minute_steps() {
    let (from, to) = ("2018-12-31T22:59:00Z", "2019-12-31T22:59:00Z"); // 2019 in Swedish time
    let seven = [NaiveTime::from_hms_opt(7, 0, 0).unwrap()];
    assert_eq!(simulate("07:00", false, from, to), expected(|_| true, &seven), "every day at 07:00 local");
    assert_eq!(
        simulate("mon 07:00", false, from, to),
        expected(|d| d == Weekday::Mon, &seven),
        "each Monday"
    );
    let quarters: Vec<NaiveTime> =
        (0..96).map(|q| NaiveTime::from_hms_opt(q / 4, (q % 4) * 15, 0).unwrap()).collect();
    let weekday = |d: Weekday| !matches!(d, Weekday::Sat | Weekday::Sun);
    let scans = simulate("*/15 * * * mon-fri", false, from, to);
    assert_eq!(scans.len(), 261 * 96, "261 weekdays in 2019, 96 quarters each");
    assert_eq!(scans, expected(weekday, &quarters));
    let report = simulate("2020-02-03 08:00", true, "2019-12-31T23:00:00Z", "2020-12-31T00:00:00Z");
    assert_eq!(report.iter().map(|t| local_str(*t)).collect::<Vec<_>>(), ["2020-02-03 08:00 CET"]);
}

#[test]
fn after_downtime_each_job_runs_once_for_its_latest_slot() {
    let daily = Schedule::parse("07:00").unwrap();
    // Down from Monday 08:00 to Thursday 10:00: one run, for Thursday 07:00.
    let last = Stockholm.with_ymd_and_hms(2019, 10, 7, 7, 0, 0).unwrap().with_timezone(&Utc);
    let now = utc("2019-10-10T08:00:00Z");
    let d = due(&daily, Stockholm, Some(last), now, Duration::hours(72), false);
    assert_eq!(d.run.map(local_str).as_deref(), Some("2019-10-10 07:00 CEST"));
    // A weekly digest missed for three weeks: once, for the last Monday.
    let weekly = Schedule::parse("mon 07:00").unwrap();
    let last = Stockholm.with_ymd_and_hms(2019, 9, 16, 7, 0, 0).unwrap().with_timezone(&Utc);
    let d = due(&weekly, Stockholm, Some(last), utc("2019-10-08T08:00:00Z"), Duration::hours(72), false);
    assert_eq!(d.run.map(local_str).as_deref(), Some("2019-10-07 07:00 CEST"));
    // Its last slot older than the horizon: recorded as skipped.
    let d = due(&weekly, Stockholm, Some(last), utc("2019-10-11T08:00:00Z"), Duration::hours(72), false);
    assert_eq!((d.run, d.skipped.map(local_str).as_deref()), (None, Some("2019-10-07 07:00 CEST")));
    // The annual report is never skipped: months late, it still runs.
    let report = Schedule::parse("2020-02-03 08:00").unwrap();
    let d = due(&report, Stockholm, None, utc("2020-05-01T08:00:00Z"), Duration::hours(72), true);
    assert_eq!(d.run.map(local_str).as_deref(), Some("2020-02-03 08:00 CET"));
    // Nothing passed since the last run: nothing due.
    let d = due(
        &daily,
        Stockholm,
        Some(utc("2019-10-10T05:00:00Z")),
        utc("2019-10-10T08:00:00Z"),
        Duration::hours(72),
        false,
    );
    assert_eq!(d, Due::default());
}
