//! Each rule kind and each boundary, as short cases: a pledge, a few activities, a day, the standing.

use chrono::NaiveDate;

use super::*;
use crate::model::{Activity, Log, Provenance, RowError};
use crate::pledge::{
    ActiveDays, MonthDay, PartnerCondition, Period, Pledge, RateUnit, Rule, Season, SubPeriod,
};

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn year(y: i32) -> Period {
    Period {
        id: y.to_string(),
        start: d(&format!("{y}-01-01")),
        end: d(&format!("{y}-12-31")),
        terms: Vec::new(),
    }
}

pub(super) fn act(id: i64, date: &str, kind: &str, count: u32) -> Activity {
    Activity {
        id,
        source: Provenance { file: "logg.xlsx".into(), sheet: "Logg".into(), row: Some(id as u32 + 1) },
        date: d(date),
        kind: kind.into(),
        count,
        hours: None,
        place: "".into(),
        partners: "".into(),
        tags: "".into(),
    }
}

fn with_partners(mut a: Activity, partners: &str) -> Activity {
    a.partners = partners.into();
    a
}

fn with_tags(mut a: Activity, tags: &str) -> Activity {
    a.tags = tags.into();
    a
}

pub(super) fn pledge(kinds: &[&str], rule: Rule, periods: &[&Period]) -> Pledge {
    Pledge {
        id: "p".into(),
        title: "P".into(),
        promise: String::new(),
        owners: vec!["polisen".into()],
        periods: periods.iter().map(|p| p.id.clone()).collect(),
        activities: kinds.iter().map(|k| k.to_string()).collect(),
        rule,
        measure: Default::default(),
        partners: PartnerCondition::default(),
        places: Default::default(),
        report_tags: Vec::new(),
        require_tags: Vec::new(),
        days: ActiveDays::default(),
        parts: Default::default(),
        occasions: Default::default(),
        plan: Vec::new(),
    }
}

fn log(activities: Vec<Activity>) -> Log {
    Log { activities, ..Log::default() }
}

/// The standing of `p` in its current period on `as_of`.
fn check(p: &Pledge, periods: &[Period], activities: Vec<Activity>, as_of: &str) -> PledgeStanding {
    let all = standing(std::slice::from_ref(p), periods, &log(activities), d(as_of));
    assert_eq!(all.len(), 1);
    all.into_iter().next().unwrap()
}

fn total(n: u32) -> Rule {
    Rule::Total { at_least: n }
}

fn reasons(s: &PledgeStanding) -> Vec<(i64, Exclusion)> {
    s.not_counted.iter().map(|n| (n.activity, n.reason.clone())).collect()
}

#[test]
fn total_counts_the_first_and_last_day_and_the_as_of_day_but_not_after() {
    let y = year(2019);
    let p = pledge(&["trafik"], total(4), &[&y]);
    let acts = vec![
        act(1, "2018-12-31", "trafik", 1),
        act(2, "2019-01-01", "trafik", 1),
        act(3, "2019-06-30", "trafik", 2),
        act(4, "2019-07-01", "trafik", 1),
        act(5, "2019-12-31", "trafik", 1),
        act(6, "2020-01-01", "trafik", 1),
        act(7, "2019-05-05", "annat", 9),
    ];
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-30");
    assert_eq!((s.count, s.activities, s.target), (3, 3, Some(4)));
    assert_eq!(s.counted, [2, 3]);
    assert_eq!(
        reasons(&s),
        [
            (1, Exclusion::OutsidePeriods),
            (4, Exclusion::AfterAsOf),
            (5, Exclusion::AfterAsOf),
            (6, Exclusion::OutsidePeriods)
        ]
    );
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!((s.count, s.status), (5, Status::Met));
    assert_eq!(s.counted, [2, 3, 4, 5]);
}

#[test]
fn total_pace_expected_projection_and_status() {
    let y = year(2019);
    let p = pledge(&["k"], total(2), &[&y]);
    // 2 in 365 days, none done: behind once half an activity is expected, on day 92 (2 April).
    let s = check(&p, std::slice::from_ref(&y), vec![], "2019-04-01");
    assert_eq!((s.status, s.projection), (Status::OnTrack, Some(0.0)));
    assert!((s.expected.unwrap() - 2.0 * 91.0 / 365.0).abs() < 1e-9);
    let s = check(&p, std::slice::from_ref(&y), vec![], "2019-04-02");
    assert_eq!(s.status, Status::Behind);
    let c = s.catch_up.unwrap();
    assert_eq!((c.needed, c.weeks_left, c.by, c.reachable), (2, 39, d("2019-12-31"), false));
    // One done: on track until 30 September, behind from 1 October (X = 1.5).
    let one = vec![act(1, "2019-03-01", "k", 1)];
    let s = check(&p, std::slice::from_ref(&y), one.clone(), "2019-07-02");
    assert_eq!((s.status, s.catch_up), (Status::OnTrack, None));
    assert!((s.projection.unwrap() - 365.0 / 183.0).abs() < 1e-9);
    assert_eq!(check(&p, std::slice::from_ref(&y), one.clone(), "2019-09-30").status, Status::OnTrack);
    let s = check(&p, std::slice::from_ref(&y), one.clone(), "2019-12-30");
    let c = s.catch_up.unwrap();
    assert_eq!((s.status, c.needed, c.weeks_left), (Status::Behind, 1, 1));
    // The last day is not over at the morning's run: one is needed today; the day after, too late.
    let s = check(&p, std::slice::from_ref(&y), one.clone(), "2019-12-31");
    assert_eq!((s.status, s.catch_up.map(|c| c.weeks_left)), (Status::Behind, Some(0)));
    assert_eq!(check(&p, std::slice::from_ref(&y), one, "2020-01-01").status, Status::Missed);
    let two = vec![act(1, "2019-02-01", "k", 1), act(2, "2019-02-02", "k", 1)];
    let s = check(&p, &[y], two, "2019-02-02");
    assert_eq!((s.status, s.catch_up), (Status::Met, None));
}

#[test]
fn antal_counts_and_antal_zero_does_not() {
    let y = year(2019);
    let p = pledge(&["k"], total(4), &[&y]);
    let s = check(&p, &[y], vec![act(1, "2019-03-01", "k", 3), act(2, "2019-03-02", "k", 0)], "2019-12-31");
    assert_eq!((s.count, s.counted.as_slice()), (3, &[1][..]));
    assert_eq!(reasons(&s), [(2, Exclusion::ZeroCount)]);
}

#[test]
fn hours_count_timmar_in_hundredths_and_a_row_without_hours_does_not() {
    let y = year(2019);
    let mut p = pledge(&["k"], total(2), &[&y]);
    p.measure = Measure::Hours;
    let hours = |mut a: Activity, h: Option<u32>| {
        a.hours = h;
        a
    };
    // Antal 3 with half an hour: the hours are the row's; none, or 0, do not count.
    let rows = vec![
        hours(act(1, "2019-01-01", "k", 3), Some(50)),
        hours(act(2, "2019-01-02", "k", 1), None),
        hours(act(3, "2019-01-03", "k", 1), Some(0)),
    ];
    let s = check(&p, std::slice::from_ref(&y), rows.clone(), "2019-07-01");
    assert_eq!((s.count, s.activities, s.target, s.measure), (50, 50, Some(200), Measure::Hours));
    assert_eq!(reasons(&s), [(2, Exclusion::NoHours), (3, Exclusion::NoHours)]);
    // Behind from half an hour short: 2 h × E / 365 − ½ h ≥ ½ h from day 183 (2 July).
    assert_eq!(s.status, Status::OnTrack, "1 July: day 182");
    let s = check(&p, std::slice::from_ref(&y), rows.clone(), "2019-07-02");
    assert_eq!(s.status, Status::Behind);
    assert_eq!(s.catch_up.as_ref().map(|c| c.needed), Some(150));
    // 1,5 hours more meets it.
    let mut more = rows;
    more.push(hours(act(4, "2019-08-01", "k", 1), Some(150)));
    assert_eq!(check(&p, &[y], more, "2019-08-01").status, Status::Met);
    // A rate in hours: 2,5 a week over 2019's 52 weeks is 130 hours, 13000 hundredths.
    let y = year(2019);
    let mut rate = pledge(&["k"], Rule::Rate { at_least: 2.5, per: RateUnit::Week }, &[&y]);
    rate.measure = Measure::Hours;
    let s = check(&rate, &[y], vec![hours(act(1, "2019-01-01", "k", 1), Some(250))], "2019-01-06");
    assert_eq!((s.target, s.status), (Some(13_000), Status::OnTrack), "2,5 hours in the first week");
}

#[test]
fn catch_up_says_how_many_in_how_many_weeks_and_whether_the_best_pace_reaches() {
    let y = year(2019);
    let p = pledge(&["k"], total(12), &[&y]);
    // One in each of four consecutive weeks in January: best pace 1 a week.
    let acts: Vec<_> = ["2019-01-07", "2019-01-14", "2019-01-21", "2019-01-28", "2019-06-03", "2019-08-05"]
        .iter()
        .enumerate()
        .map(|(i, date)| act(i as i64, date, "k", 1))
        .collect();
    // 23 October (Wednesday): 296 days gone, 9 expected, 6 done; 69 days = 10 weeks left (a started one
    // counts); 6 needed at 1 a week: reachable.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-10-23");
    assert_eq!(s.status, Status::Behind);
    let c = s.catch_up.unwrap();
    assert_eq!((c.needed, c.weeks_left, c.best_pace, c.reachable), (6, 10, 1.0, true));
    // 1 December: 30 days = 5 weeks left, 6 needed: not at 1 a week.
    let c = check(&p, &[y], acts, "2019-12-01").catch_up.unwrap();
    assert_eq!((c.needed, c.weeks_left, c.reachable), (6, 5, false));
}

#[test]
fn rate_target_is_per_iso_week_of_the_period() {
    let rate = Rule::Rate { at_least: 3.0, per: RateUnit::Week };
    // 2019 has 52 ISO weeks, 2020 (a leap year starting on Wednesday) and 2015 have 53.
    for (y, weeks, days) in [(2019, 52, 365), (2020, 53, 366), (2015, 53, 365), (2021, 52, 365)] {
        let period = year(y);
        let p = pledge(&["m"], rate.clone(), &[&period]);
        let s = check(&p, std::slice::from_ref(&period), vec![], &format!("{y}-12-31"));
        assert_eq!(s.target, Some(3 * weeks), "{y}");
        assert_eq!(calendar::Window::new(&period, ActiveDays::default(), &[]).active_days(), days);
    }
}

#[test]
fn a_week_spanning_new_year_is_split_by_date_between_the_periods() {
    // Monday 30 December 2019 – Sunday 5 January 2020 is ISO week 2020-W01. Its 2019 days count in 2019.
    let (y19, y20) = (year(2019), year(2020));
    let rate = Rule::Rate { at_least: 1.0, per: RateUnit::Week };
    let p = pledge(&["m"], rate, &[&y19, &y20]);
    let periods = [y19, y20];
    let acts = vec![act(1, "2019-12-30", "m", 2), act(2, "2019-12-31", "m", 1), act(3, "2020-01-02", "m", 5)];
    let s = check(&p, &periods, acts.clone(), "2019-12-31");
    assert_eq!((s.period.as_str(), s.count, s.counted.as_slice()), ("2019", 3, &[1, 2][..]));
    assert!(s.not_counted.is_empty(), "the 2020 row belongs to 2020, it is not an exclusion");
    let s = check(&p, &periods, acts, "2020-01-05");
    assert_eq!((s.period.as_str(), s.count, s.counted.as_slice()), ("2020", 5, &[3][..]));
}

#[test]
fn rate_average_and_status_mid_year() {
    let y = year(2019);
    let p = pledge(&["m"], Rule::Rate { at_least: 3.0, per: RateUnit::Week }, &[&y]);
    // 26 weeks' worth in the first half: 78 by 30 June, when 156 × 181/365 = 77.36 are expected.
    let acts: Vec<_> = (0..26).map(|w| act(w, &weekday(w), "m", 3)).collect();
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-30");
    assert_eq!((s.count, s.status), (78, Status::OnTrack));
    assert!((s.expected.unwrap() - 156.0 * 181.0 / 365.0).abs() < 1e-9);
    assert!((s.average.unwrap() - 78.0 / (52.0 * 181.0 / 365.0)).abs() < 1e-9);
    // By 31 July, without more, it is behind; 78 more are needed in 22 weeks; the best pace is 3 a week.
    let s = check(&p, &[y], acts, "2019-07-31");
    let c = s.catch_up.clone().unwrap();
    assert_eq!(
        (s.status, c.needed, c.weeks_left, c.best_pace, c.reachable),
        (Status::Behind, 78, 22, 3.0, false)
    );
}

/// The Monday of the `w`th week of 2019 (counting from 0).
fn weekday(w: i64) -> String {
    (d("2018-12-31") + chrono::Days::new(7 * w as u64)).max(d("2019-01-01")).to_string()
}

#[test]
fn rate_per_month() {
    let y = year(2020);
    let p = pledge(&["m"], Rule::Rate { at_least: 2.5, per: RateUnit::Month }, &[&y]);
    let s = check(&p, &[y], vec![act(1, "2020-01-10", "m", 30)], "2020-12-31");
    assert_eq!((s.target, s.status), (Some(30), Status::Met));
    assert!((s.average.unwrap() - 2.5).abs() < 1e-9);
}

#[test]
fn ongoing_each_quarter_covered_missed_open_and_upcoming() {
    let y = year(2019);
    let p = pledge(&["g"], Rule::Ongoing { at_least: 1, each: SubPeriod::Quarter }, &[&y]);
    let acts = vec![act(1, "2019-02-10", "g", 1), act(2, "2019-11-20", "g", 1)];
    // 14 May: Q1 covered, Q2 open but not half gone.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-05-14");
    let states: Vec<_> = s.sub_periods.iter().map(|q| q.state).collect();
    use CoverState::*;
    assert_eq!(states, [Covered, Open, Upcoming, Upcoming]);
    assert_eq!((s.count, s.target, s.expected, s.status), (1, Some(4), Some(1.0), Status::OnTrack));
    // 16 May: more than half of Q2 (91 days) gone: behind, 1 needed in the 45 days (7 weeks) after it.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-05-16");
    assert_eq!((s.status, s.expected), (Status::Behind, Some(2.0)));
    let c = s.catch_up.unwrap();
    assert_eq!((c.needed, c.weeks_left, c.by), (1, 7, d("2019-06-30")));
    // 30 June, Q2's last day, is not over (the morning's run): 1 needed today.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-30");
    assert_eq!((s.sub_periods[1].state, s.status), (Open, Status::Behind));
    let c = s.catch_up.unwrap();
    assert_eq!((c.needed, c.weeks_left, c.by), (1, 0, d("2019-06-30")));
    // 1 July: Q2 is over with nothing in it: missed, and so is the pledge, for good.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-07-01");
    assert_eq!(s.sub_periods[1].state, Missed);
    assert_eq!((s.status, s.count, s.catch_up), (Status::Missed, 1, None));
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!(s.sub_periods.iter().map(|q| q.state).collect::<Vec<_>>(), [Covered, Missed, Missed, Covered]);
    assert_eq!((s.count, s.status, s.activities), (2, Status::Missed, 2));
}

#[test]
fn ongoing_each_week_the_weeks_whose_thursday_is_in_the_period() {
    let y = year(2019);
    let p = pledge(&["g"], Rule::Ongoing { at_least: 1, each: SubPeriod::Week }, &[&y]);
    let acts = vec![act(1, "2019-01-02", "g", 1), act(2, "2019-01-07", "g", 1), act(3, "2019-12-30", "g", 1)];
    // 2019 begins on a Tuesday and ends on one: its weeks are 1 (from 1 January, cut) to 52 (23–29
    // December); 30–31 December are in week 1 of 2020, whose Thursday is.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-01-09");
    assert_eq!(s.sub_periods.len(), 52);
    assert_eq!((s.sub_periods[0].start, s.sub_periods[0].end), (d("2019-01-01"), d("2019-01-06")));
    assert_eq!((s.sub_periods[51].start, s.sub_periods[51].end), (d("2019-12-23"), d("2019-12-29")));
    use CoverState::*;
    assert_eq!(s.sub_periods[..3].iter().map(|w| w.state).collect::<Vec<_>>(), [Covered, Covered, Upcoming]);
    assert_eq!((s.count, s.target, s.status), (2, Some(52), Status::OnTrack));
    // Week 3 (14–20 January) ends with nothing: on its Sunday one is needed that day; from the
    // Monday after, the pledge can no longer be met.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-01-20");
    assert_eq!((s.sub_periods[2].state, s.status), (Open, Status::Behind));
    assert_eq!(s.catch_up.map(|c| (c.by, c.per)), Some((d("2019-01-20"), PaceUnit::OneWeek)));
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-01-21");
    assert_eq!((s.sub_periods[2].state, s.status), (Missed, Status::Missed));
    // A row of 30 December is in week 1 of 2020: not counted, and said why.
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!((s.activities, reasons(&s)), (2, vec![(3, Exclusion::OutsideWeeks)]));
}

/// A pledge kept on `weekdays`, holidays excepted or not.
fn on_days(mut p: Pledge, weekdays: &[chrono::Weekday], except_holidays: bool) -> Pledge {
    p.days = ActiveDays { season: None, weekdays: crate::pledge::Weekdays::of(weekdays), except_holidays };
    p
}

#[test]
fn ongoing_each_thursday_but_holidays() {
    use chrono::Weekday::{Thu, Wed};
    let y = year(2019);
    let rule = Rule::Ongoing { at_least: 1, each: SubPeriod::Day };
    let p = on_days(pledge(&["m"], rule.clone(), &[&y]), &[Thu], true);
    let acts = vec![
        act(1, "2019-01-03", "m", 1),
        act(2, "2019-01-09", "m", 1), // a Wednesday
        act(3, "2019-05-30", "m", 1), // Kristi himmelsfärds dag, a Thursday
        act(4, "2019-01-10", "m", 2),
    ];
    // 2019 has 52 Thursdays; three are holidays: Kristi himmelsfärds dag (30 May), Sveriges
    // nationaldag (6 June) and annandag jul (26 December).
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-01-17");
    assert_eq!(s.sub_periods.len(), 49);
    let days: Vec<NaiveDate> = s.sub_periods.iter().map(|t| t.start).collect();
    assert!(
        !days.contains(&d("2019-05-30"))
            && !days.contains(&d("2019-06-06"))
            && days.contains(&d("2019-05-23"))
    );
    assert!(s.sub_periods.iter().all(|t| t.start == t.end));
    use CoverState::*;
    // On Thursday 17 January, at the morning's run, the day is not over: on track, nothing missed.
    assert_eq!(s.sub_periods[..3].iter().map(|t| t.state).collect::<Vec<_>>(), [Covered, Covered, Open]);
    assert_eq!((s.count, s.target, s.status, s.activities), (2, Some(49), Status::OnTrack, 3));
    assert_eq!(s.expected, Some(2.0), "a day is due once it is over");
    assert_eq!(
        reasons(&s),
        vec![(2, Exclusion::NotOnWeekdays { weekday: Wed, on: vec![Thu] }), (3, Exclusion::AfterAsOf)]
    );
    // The day after, the Thursday without is missed, for good.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-01-18");
    assert_eq!((s.sub_periods[2].state, s.status), (Missed, Status::Missed));
    let s = check(&p, std::slice::from_ref(&y), acts, "2019-06-01");
    assert!(reasons(&s).contains(&(3, Exclusion::Holiday { date: d("2019-05-30") })));
    // Without the holidays excepted, a row of Kristi himmelsfärds dag counts: 52 Thursdays.
    let all = on_days(pledge(&["m"], rule, &[&y]), &[Thu], false);
    let s = check(&all, &[y], vec![act(3, "2019-05-30", "m", 1)], "2019-06-01");
    assert_eq!((s.target, s.activities), (Some(52), 1));
}

#[test]
fn ongoing_each_day_is_never_behind_before_the_day_is_over() {
    let y = year(2020);
    let p = pledge(&["c"], Rule::Ongoing { at_least: 1, each: SubPeriod::Day }, &[&y]);
    let acts = vec![act(1, "2020-01-01", "c", 1), act(2, "2020-01-02", "c", 1)];
    // A leap year: 366 days.
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2020-01-03");
    assert_eq!((s.target, s.count, s.status, s.catch_up), (Some(366), 2, Status::OnTrack, None));
    let s = check(&p, std::slice::from_ref(&y), acts, "2020-01-04");
    assert_eq!((s.count, s.status), (2, Status::Missed));
    // The last day of the period, and a row on it: met.
    let every: Vec<Activity> = (0..366)
        .map(|i| act(i, &(d("2020-01-01") + chrono::Days::new(i as u64)).to_string(), "c", 1))
        .collect();
    let s = check(&p, &[y], every, "2020-12-31");
    assert_eq!((s.count, s.status), (366, Status::Met));
}

#[test]
fn the_time_left_to_catch_up_is_in_calendar_weeks_whatever_the_weekdays() {
    use chrono::Weekday::Sat;
    let y = year(2025);
    let p = on_days(pledge(&["k"], total(30), &[&y]), &[Sat], false);
    // One each Saturday of May and June: 7 by Friday 20 June, when 24 of 2025's 52 Saturdays are gone.
    let acts: Vec<_> = (0..7)
        .map(|i| act(i, &(d("2025-05-03") + chrono::Days::new(7 * i as u64)).to_string(), "k", 1))
        .collect();
    let s = check(&p, &[y], acts, "2025-06-20");
    let c = s.catch_up.clone().expect("behind");
    assert_eq!(s.status, Status::Behind);
    // 23 more by Saturday 27 December: 190 days, 28 weeks (the 28 Saturdays left, taken for days, made 4).
    assert_eq!(
        (c.needed, c.by, c.weeks_left, c.best_pace, c.reachable),
        (23, d("2025-12-27"), 28, 1.0, true)
    );
}

#[test]
fn a_weekly_pledge_on_one_weekday_is_due_once_that_day_is_over() {
    use chrono::Weekday::Thu;
    let y = year(2019);
    let p =
        on_days(pledge(&["m"], Rule::Ongoing { at_least: 1, each: SubPeriod::Week }, &[&y]), &[Thu], true);
    // Week 22 of 2019 has one Thursday, Kristi himmelsfärds dag: not a week of the pledge.
    let s = check(&p, std::slice::from_ref(&y), vec![], "2019-01-03");
    assert_eq!(s.sub_periods.len(), 49);
    assert!(!s.sub_periods.iter().any(|w| w.start <= d("2019-05-30") && d("2019-05-30") <= w.end));
    // Thursday 3 January, the morning's run: the week's only day that counts is today: on track.
    assert_eq!((s.status, s.expected), (Status::OnTrack, Some(0.0)));
    // Friday: the week's only Thursday is over without it, so week 1 is missed, though
    // its calendar days run to Sunday.
    let s = check(&p, &[y], vec![], "2019-01-04");
    assert_eq!((s.status, s.expected), (Status::Missed, Some(1.0)));
}

#[test]
fn ongoing_met_when_every_sub_period_is_covered() {
    let y = year(2019);
    let p = pledge(&["g"], Rule::Ongoing { at_least: 2, each: SubPeriod::Term }, &[&y]);
    let acts = vec![act(1, "2019-01-10", "g", 1), act(2, "2019-06-30", "g", 1), act(3, "2019-07-01", "g", 2)];
    let s = check(&p, &[y], acts, "2019-07-01");
    assert_eq!(
        s.sub_periods.iter().map(|t| (t.start, t.end, t.count)).collect::<Vec<_>>(),
        [(d("2019-01-01"), d("2019-06-30"), 2), (d("2019-07-01"), d("2019-12-31"), 2)]
    );
    assert_eq!((s.count, s.target, s.status), (2, Some(2), Status::Met));
}

/// A school's terms given in the config: an ongoing pledge kept each term counts the autumn and
/// spring terms, not the calendar's halves; rows in the breaks are listed with why.
#[test]
fn ongoing_each_term_of_a_schools_year() {
    use crate::pledge::Term;
    let mut period =
        Period { id: "lasar".into(), start: d("2019-07-01"), end: d("2020-06-30"), terms: Vec::new() };
    period.terms = vec![
        Term { start: d("2019-08-19"), end: d("2019-12-20") },
        Term { start: d("2020-01-08"), end: d("2020-06-12") },
    ];
    let p = pledge(&["tema"], Rule::Ongoing { at_least: 1, each: SubPeriod::Term }, &[&period]);
    let acts = vec![
        act(1, "2019-07-15", "tema", 1),
        act(2, "2019-12-28", "tema", 1),
        act(3, "2019-12-20", "tema", 1),
    ];
    let s = check(&p, std::slice::from_ref(&period), acts.clone(), "2019-12-20");
    assert_eq!(
        s.sub_periods.iter().map(|t| (t.start, t.end, t.count)).collect::<Vec<_>>(),
        [(d("2019-08-19"), d("2019-12-20"), 1), (d("2020-01-08"), d("2020-06-12"), 0)]
    );
    assert_eq!(reasons(&s), [(1, Exclusion::OutsideTerms), (2, Exclusion::AfterAsOf)]);
    let later = check(&p, std::slice::from_ref(&period), acts, "2020-01-10");
    assert_eq!(reasons(&later), [(1, Exclusion::OutsideTerms), (2, Exclusion::OutsideTerms)]);
    assert_eq!((later.count, later.target, later.status), (1, Some(2), Status::OnTrack));
    // Without the row on its last day the autumn term is missed the day after it.
    let none = check(&p, std::slice::from_ref(&period), vec![], "2019-12-21");
    assert_eq!(none.status, Status::Missed);
    assert_eq!(check(&p, &[period], vec![], "2019-12-20").status, Status::Behind);
}

/// Vetlanda's campaigns around occasions: valborg (30 April) and midsommar (21 June 2019), two
/// days before and one after each; the rows between them do not count.
fn around_valborg_and_midsommar(rule: Rule) -> (Pledge, Period) {
    use crate::pledge::{OccasionWindow, Occasions};
    let y = year(2019);
    let mut p = pledge(&["kampanj"], rule, &[&y]);
    let window = |name: &str, day: &str, start: &str, end: &str| OccasionWindow {
        name: name.into(),
        day: d(day),
        start: d(start),
        end: d(end),
    };
    p.occasions = Occasions {
        names: vec!["valborg".into(), "midsommar".into()],
        days_before: 2,
        days_after: 1,
        windows: vec![
            window("valborg", "2019-04-30", "2019-04-28", "2019-05-01"),
            window("midsommar", "2019-06-21", "2019-06-19", "2019-06-22"),
        ],
    };
    (p, y)
}

#[test]
fn ongoing_at_each_occasion_counts_the_days_around_it_only() {
    let (p, y) = around_valborg_and_midsommar(Rule::Ongoing { at_least: 1, each: SubPeriod::Occasion });
    let acts = vec![
        act(1, "2019-04-27", "kampanj", 1), // the day before the window
        act(2, "2019-04-28", "kampanj", 1), // its first day
        act(3, "2019-05-02", "kampanj", 1), // the day after it
    ];
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-20");
    let windows: Vec<_> =
        s.sub_periods.iter().map(|w| (w.occasion.as_deref(), w.start, w.end, w.count, w.state)).collect();
    assert_eq!(
        windows,
        [
            (Some("valborg"), d("2019-04-28"), d("2019-05-01"), 1, CoverState::Covered),
            (Some("midsommar"), d("2019-06-19"), d("2019-06-22"), 0, CoverState::Open),
        ]
    );
    let outside = Exclusion::OutsideOccasions { names: vec!["valborg".into(), "midsommar".into()] };
    assert_eq!(reasons(&s), [(1, outside.clone()), (3, outside)]);
    // Two of midsommar's four days gone is half: on track; three: behind; the day after: missed.
    assert_eq!((s.status, s.count, s.target), (Status::OnTrack, 1, Some(2)));
    let behind = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-21");
    assert_eq!(behind.status, Status::Behind);
    assert_eq!(
        behind.catch_up.as_ref().map(|c| (c.needed, c.by, c.per)),
        Some((1, d("2019-06-22"), PaceUnit::Occasion))
    );
    assert_eq!(check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-22").status, Status::Behind);
    assert_eq!(check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-23").status, Status::Missed);
    // A row on midsommar's last day keeps it.
    let mut kept = acts;
    kept.push(act(4, "2019-06-22", "kampanj", 1));
    assert_eq!(check(&p, &[y], kept, "2019-06-22").status, Status::Met);
}

#[test]
fn a_total_around_occasions_paces_by_their_days() {
    // Eight days count in 2019: four around valborg, four around midsommar.
    let (p, y) = around_valborg_and_midsommar(total(4));
    let s = check(&p, std::slice::from_ref(&y), vec![act(1, "2019-04-29", "kampanj", 2)], "2019-05-01");
    assert_eq!((s.status, s.expected), (Status::OnTrack, Some(2.0)));
    assert_eq!(s.last_day, d("2019-06-22"));
    // None by valborg's end: behind, with midsommar's four days to catch up in (one week, not seven).
    let none = check(&p, std::slice::from_ref(&y), Vec::new(), "2019-05-01");
    let c = none.catch_up.expect("behind");
    assert_eq!((none.status, c.needed, c.weeks_left, c.by), (Status::Behind, 4, 1, d("2019-06-22")));
    let late = check(&p, std::slice::from_ref(&y), vec![act(1, "2019-04-29", "kampanj", 2)], "2019-06-23");
    assert_eq!(late.status, Status::Missed);
}

#[test]
fn ongoing_months_of_a_school_year() {
    let period =
        Period { id: "lasar".into(), start: d("2019-07-01"), end: d("2020-06-30"), terms: Vec::new() };
    let p = pledge(&["k"], Rule::Ongoing { at_least: 1, each: SubPeriod::Month }, &[&period]);
    let s = check(&p, &[period], vec![act(1, "2019-07-20", "k", 1)], "2019-07-31");
    assert_eq!(s.sub_periods.len(), 12);
    assert_eq!((s.sub_periods[0].start, s.sub_periods[11].end), (d("2019-07-01"), d("2020-06-30")));
    assert_eq!((s.count, s.status), (1, Status::OnTrack));
}

#[test]
fn ongoing_catch_up_is_judged_by_the_most_done_in_one_sub_period() {
    let y = year(2019);
    let p = pledge(&["k"], Rule::Ongoing { at_least: 1, each: SubPeriod::Month }, &[&y]);
    // Once a month, on the 10th, January to June; nothing yet on 20 July.
    let acts: Vec<_> = (1..=6).map(|m| act(m, &format!("2019-{m:02}-10"), "k", 1)).collect();
    let s = check(&p, std::slice::from_ref(&y), acts, "2019-07-20");
    let c = s.catch_up.unwrap();
    assert_eq!(
        (s.status, c.needed, c.weeks_left, c.per, c.reachable),
        (Status::Behind, 1, 2, PaceUnit::Month, true)
    );
    assert_eq!(c.best_pace, 1.0);
    // Never done at all: nothing to judge by.
    let s = check(&p, &[y], vec![], "2019-01-20");
    let c = s.catch_up.unwrap();
    assert_eq!((c.best_pace, c.reachable), (0.0, false));
}

#[test]
fn counts_saturate_instead_of_overflowing() {
    let y = year(2019);
    let p = pledge(&["k"], total(2), &[&y]);
    let s = check(
        &p,
        &[y],
        vec![act(1, "2019-03-01", "k", u32::MAX), act(2, "2019-03-02", "k", 5)],
        "2019-12-31",
    );
    assert_eq!((s.count, s.status), (u32::MAX, Status::Met));
}

#[test]
fn ongoing_february_of_a_leap_year() {
    let y = year(2020);
    let p = pledge(&["k"], Rule::Ongoing { at_least: 1, each: SubPeriod::Month }, &[&y]);
    let s = check(&p, std::slice::from_ref(&y), vec![act(1, "2020-02-29", "k", 1)], "2020-02-29");
    assert_eq!(s.sub_periods[1].end, d("2020-02-29"));
    assert_eq!(s.sub_periods[1].state, CoverState::Covered);
    // January is missed by then.
    assert_eq!(s.status, Status::Missed);
    let jan = vec![act(1, "2020-01-31", "k", 1)];
    let s = check(&p, std::slice::from_ref(&y), jan.clone(), "2020-02-14");
    assert_eq!(s.status, Status::OnTrack, "14 of 29 days is not more than half");
    assert_eq!(check(&p, &[y], jan, "2020-02-15").status, Status::Behind, "15 of 29 is");
}

#[test]
fn qualitative_lists_what_was_done() {
    let y = year(2019);
    let p = pledge(&["tidig"], Rule::Qualitative, &[&y]);
    let s = check(
        &p,
        &[y],
        vec![act(1, "2019-03-01", "tidig", 2), act(2, "2019-04-01", "tidig", 1)],
        "2019-12-31",
    );
    assert_eq!(
        (s.status, s.count, s.target, s.expected, s.projection),
        (Status::Qualitative, 3, None, None, None)
    );
    assert_eq!(s.counted, [1, 2]);
}

#[test]
fn partners_all_of_groups_matched_inside_the_text_case_insensitively() {
    let y = year(2019);
    let mut p = pledge(&["tv"], total(2), &[&y]);
    p.partners.all_of = vec![vec!["kommun".into(), "polis".into()], vec!["grannsamverkan".into()]];
    let acts = vec![
        with_partners(act(1, "2019-05-01", "tv", 1), "Kalix kommun och grannsamverkan Töre"),
        with_partners(act(2, "2019-06-01", "tv", 1), "POLISEN; Grannsamverkan Sangis"),
        with_partners(act(3, "2019-07-01", "tv", 1), "Polisen"),
        act(4, "2019-08-01", "tv", 1),
    ];
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!(s.counted, [1, 2]);
    assert_eq!(
        reasons(&s),
        [
            (3, Exclusion::PartnersMissing { any_of: vec!["grannsamverkan".into()] }),
            (4, Exclusion::NoPartners)
        ]
    );
}

#[test]
fn places_matched_inside_the_text_case_insensitively() {
    let y = year(2019);
    let mut p = pledge(&["besok"], total(9), &[&y]);
    p.places.any_of = vec!["Metro".into(), "Kåken".into()];
    let at = |id, place: &str| {
        let mut a = act(id, "2019-05-01", "besok", 1);
        a.place = place.into();
        a
    };
    let acts = vec![
        at(1, "Fritidsgården Metro"),
        at(2, "KÅKEN"),
        at(3, "Ungdomens hus"),
        at(4, ""),
        at(5, "Fritidsgården Kåkan"),
        at(6, "Mteor"),
        at(7, "Pizzeria Metropol"),
    ];
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!((s.counted.clone(), s.count), (vec![1, 2], 2));
    let missing = |near: Option<&str>| Exclusion::PlaceMissing {
        any_of: vec!["Metro".into(), "Kåken".into()],
        near: near.map(str::to_owned),
    };
    // A word near a place is named as the likely typo, never counted.
    assert_eq!(
        reasons(&s),
        [
            (3, missing(None)),
            (4, missing(None)),
            (5, missing(Some("Kåken"))),
            (6, missing(Some("Metro"))),
            // Another name that starts with a place's is not its typo.
            (7, missing(None)),
        ]
    );
    assert_eq!(
        crate::messages::standing::exclusion(&missing(Some("Kåken")), d("2019-12-31")),
        "Plats nämner inte Metro eller Kåken (menas Kåken?)"
    );
}

/// Ljusdal's shape: at least 2 at each youth club. One club done three times over does not make up
/// for the other: 3 + 1 is 2 + 1 of 4, and the pledge is missed once Kåken's count is final.
#[test]
fn a_pledge_in_parts_is_met_when_every_part_is() {
    use crate::pledge::{Part, Parts, Places};
    let y = year(2019);
    let mut p = pledge(&["besok"], total(2), &[&y]);
    let club = |name: &str| Part {
        name: name.into(),
        activities: vec!["besok".into()],
        places: Places { any_of: vec![name.into()] },
        rule: total(2),
    };
    p.parts = Parts {
        by_place: true,
        called: Some("fritidsgård".into()),
        list: vec![club("Metro"), club("Kåken")],
    };
    let at = |id, date: &str, place: &str| {
        let mut a = act(id, date, "besok", 1);
        a.place = place.into();
        a
    };
    let mut acts = vec![
        at(1, "2019-02-01", "Metro"),
        at(2, "2019-03-01", "fritidsgården Metro"),
        at(3, "2019-04-01", "Metro"),
        at(4, "2019-05-01", "Kåken"),
        at(5, "2019-06-01", "Ungdomens hus"),
        at(7, "2019-06-02", "Kåken"),
    ];
    acts[5].count = 0; // at Kåken, but none: Kåken's reason, not Metro's place
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-30");
    let parts: Vec<(&str, u32, Status)> =
        s.parts.iter().map(|x| (x.name.as_str(), x.standing.count, x.standing.status)).collect();
    assert_eq!(parts, [("Metro", 3, Status::Met), ("Kåken", 1, Status::OnTrack)]);
    assert_eq!((s.status, s.count, s.target, s.activities), (Status::OnTrack, 3, Some(4), 4));
    assert_eq!(s.counted, [1, 2, 3, 4]);
    let nowhere = Exclusion::PlaceMissing { any_of: vec!["Metro".into(), "Kåken".into()], near: None };
    assert_eq!(reasons(&s), [(5, nowhere), (7, Exclusion::ZeroCount)]);
    // Each part lists only its own rows: Metro none (Kåken's and the nowhere row are not Metro's),
    // Kåken the one at Kåken with none.
    assert_eq!(reasons(&s.parts[0].standing), []);
    assert_eq!(reasons(&s.parts[1].standing), [(7, Exclusion::ZeroCount)]);
    // The last day: Kåken lacks one and is behind, so the pledge is.
    let last = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-12-31");
    assert_eq!((last.parts[1].standing.status, last.status), (Status::Behind, Status::Behind));
    // The day after: Kåken is missed, and the pledge with it; half of the whole is partly met.
    let after = check(&p, std::slice::from_ref(&y), acts.clone(), "2020-01-01");
    assert_eq!((after.status, after.count, after.target), (Status::Missed, 3, Some(4)));
    assert_eq!(verdict::final_verdict(&after), Some(verdict::Verdict::PartlyMet));
    // One more at Kåken: every part met, the pledge met.
    let mut more = acts;
    more.push(at(6, "2019-11-01", "KÅKEN"));
    let met = check(&p, &[y], more, "2019-12-31");
    assert_eq!((met.status, met.count, met.target), (Status::Met, 4, Some(4)));
}

/// In hours a row naming two parts' places counts in neither (its hours cannot be split), and says
/// so; in activities it counts in both (a theme evening for both clubs).
#[test]
fn a_row_at_two_parts_places_counts_its_hours_in_neither() {
    use crate::pledge::{Part, Parts, Places};
    let y = year(2019);
    let mut p = pledge(&["besok"], total(10), &[&y]);
    let club = |name: &str| Part {
        name: name.into(),
        activities: vec!["besok".into()],
        places: Places { any_of: vec![name.into()] },
        rule: total(10),
    };
    p.parts = Parts { by_place: true, called: None, list: vec![club("Metro"), club("Kåken")] };
    let at = |id, place: &str, hours| {
        let mut a = act(id, "2019-03-01", "besok", 1);
        (a.place, a.hours) = (place.into(), Some(hours));
        a
    };
    let acts = vec![at(1, "Metro", 200), at(2, "Metro och Kåken", 600)];
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-06-30");
    assert_eq!(s.counted, [1, 2], "activities: in both");
    p.measure = Measure::Hours;
    let s = check(&p, &[y], acts, "2019-06-30");
    let parts: Vec<(&str, u32)> = s.parts.iter().map(|x| (x.name.as_str(), x.standing.count)).collect();
    assert_eq!(parts, [("Metro", 200), ("Kåken", 0)]);
    assert_eq!((s.count, s.activities, s.counted.as_slice()), (200, 200, &[1][..]));
    assert_eq!(reasons(&s), [(2, Exclusion::HoursInParts { parts: vec!["Metro".into(), "Kåken".into()] })]);
}

/// Ljusdal's "polisen deltar vid varje temakväll": a share of the evenings with the police.
#[test]
fn a_share_of_the_rows_that_meet_the_conditions() {
    let y = year(2019);
    let mut p = pledge(&["kvall"], Rule::Share { at_least: 75 }, &[&y]);
    p.partners = PartnerCondition { non_empty: true, all_of: vec![vec!["polis".into()]] };
    let evening = |id, date: &str, partners: &str| with_partners(act(id, date, "kvall", 1), partners);
    let rows = vec![
        evening(1, "2019-02-01", "Polisen"),
        evening(2, "2019-03-01", "polis och fältare"),
        evening(3, "2019-04-01", "fältare"),
        evening(4, "2019-05-01", ""),
    ];
    let s = check(&p, std::slice::from_ref(&y), rows.clone(), "2019-06-30");
    assert_eq!((s.count, s.of_all, s.target, s.status), (2, Some(4), Some(3), Status::Behind));
    // 100 (2 + n) ≥ 75 (4 + n) from n = 4: four more evenings with the police, none without.
    assert_eq!(s.catch_up.as_ref().map(|c| c.needed), Some(4));
    let missing =
        [(3, Exclusion::PartnersMissing { any_of: vec!["polis".into()] }), (4, Exclusion::NoPartners)];
    assert_eq!(reasons(&s), missing);
    let mut more = rows.clone();
    more.push(evening(5, "2019-09-01", "polis"));
    more.push(evening(6, "2019-10-01", "Polis"));
    let s = check(&p, std::slice::from_ref(&y), more.clone(), "2019-10-31");
    assert_eq!((s.count, s.target, s.status), (4, Some(5), Status::Behind), "4 of 6 is short of 75 %");
    more.push(evening(7, "2019-11-01", "polis"));
    let on = check(&p, std::slice::from_ref(&y), more.clone(), "2019-11-30");
    assert_eq!((on.count, on.target, on.status), (5, Some(6), Status::Behind));
    more.push(evening(8, "2019-11-15", "polis"));
    let on = check(&p, std::slice::from_ref(&y), more.clone(), "2019-11-30");
    assert_eq!((on.count, on.target, on.status), (6, Some(6), Status::OnTrack), "met only once it is over");
    let end = check(&p, std::slice::from_ref(&y), more, "2020-01-01");
    assert_eq!(end.status, Status::Met);
    // Every one promised: one evening without the police can never be made up.
    p.rule = Rule::Share { at_least: 100 };
    let s = check(&p, std::slice::from_ref(&y), rows.clone(), "2019-06-30");
    assert_eq!((s.target, s.status), (Some(4), Status::Missed));
    assert_eq!(
        verdict::final_verdict(&check(&p, &[y], rows, "2020-01-01")),
        Some(verdict::Verdict::PartlyMet)
    );
}

#[test]
fn partners_non_empty() {
    let y = year(2019);
    let mut p = pledge(&["n"], total(2), &[&y]);
    p.partners.non_empty = true;
    let acts = vec![
        with_partners(act(1, "2019-05-01", "n", 1), "Socialtjänsten"),
        with_partners(act(2, "2019-05-02", "n", 1), "  "),
    ];
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!((s.counted.as_slice(), reasons(&s)), (&[1][..], vec![(2, Exclusion::NoPartners)]));
}

#[test]
fn report_tags_are_counted_and_required_tags_decide() {
    let y = year(2019);
    let mut p = pledge(&["t"], total(4), &[&y]);
    p.report_tags = vec!["A-traktor".into()];
    let acts = vec![
        with_tags(act(1, "2019-05-01", "t", 1), "a-traktor"),
        with_tags(act(2, "2019-05-02", "t", 2), "Kväll; A-traktor"),
        with_tags(act(3, "2019-05-03", "t", 1), "A-traktorer"),
        act(4, "2019-05-04", "t", 1),
    ];
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-12-31");
    assert_eq!((s.count, s.tags.clone()), (5, vec![("A-traktor".to_string(), 3)]));
    p.require_tags = vec!["A-traktor".into()];
    let s = check(&p, &[y], acts, "2019-12-31");
    assert_eq!(s.counted, [1, 2]);
    let missing = Exclusion::TagsMissing { any_of: vec!["A-traktor".into()] };
    assert_eq!(reasons(&s), [(3, missing.clone()), (4, missing)]);
}

#[test]
fn several_kinds_count_toward_one_pledge() {
    let y = year(2019);
    let p = pledge(&["inbrott", "skoter"], total(2), &[&y]);
    let acts = vec![
        act(1, "2019-02-01", "inbrott", 1),
        act(2, "2019-03-01", "skoter", 1),
        act(3, "2019-03-02", "trafik", 1),
    ];
    let s = check(&p, &[y], acts, "2019-03-31");
    assert_eq!((s.counted.as_slice(), s.status), (&[1, 2][..], Status::Met));
}

#[test]
fn a_season_limits_the_days_and_the_pace() {
    let y = year(2019);
    let mut p = pledge(&["skoter"], total(2), &[&y]);
    p.days.season = Some(Season { from: MonthDay { month: 11, day: 1 }, to: MonthDay { month: 4, day: 30 } });
    let acts = vec![act(1, "2019-03-01", "skoter", 1), act(2, "2019-06-01", "skoter", 1)];
    let s = check(&p, std::slice::from_ref(&y), acts.clone(), "2019-08-31");
    assert_eq!(s.counted, [1]);
    assert_eq!(reasons(&s), [(2, Exclusion::OutsideSeason)]);
    // 120 of the 181 season days of 2019 (Jan–Apr and Nov–Dec) are gone by 31 August: 2 × 120/181.
    assert!((s.expected.unwrap() - 2.0 * 120.0 / 181.0).abs() < 1e-9);
    assert_eq!(s.status, Status::OnTrack);
    // Its last day is 31 December: not over on 30 November; 31 days (5 weeks) left on 30 Nov.
    let s = check(&p, &[y], acts, "2019-11-30");
    let c = s.catch_up.unwrap();
    assert_eq!((s.status, c.weeks_left, c.by), (Status::Behind, 5, d("2019-12-31")));
}

#[test]
fn an_ongoing_monthly_pledge_in_a_winter_season_has_only_winter_months() {
    let y = year(2019);
    let mut p = pledge(&["k"], Rule::Ongoing { at_least: 1, each: SubPeriod::Month }, &[&y]);
    p.days.season = Some(Season { from: MonthDay { month: 11, day: 1 }, to: MonthDay { month: 4, day: 30 } });
    let s = check(&p, &[y], vec![], "2019-01-01");
    let months: Vec<u32> = s.sub_periods.iter().map(|m| chrono::Datelike::month(&m.start)).collect();
    assert_eq!(months, [1, 2, 3, 4, 11, 12]);
}

#[test]
fn the_current_period_is_the_one_holding_the_day_else_the_last_ended_else_the_next() {
    let (y19, y20) = (year(2019), year(2020));
    let both = [y19.clone(), y20.clone()];
    let p = pledge(&["k"], total(1), &[&y19, &y20]);
    assert_eq!(super::periods::current_period(&p, &both, d("2020-03-01")).unwrap().id, "2020");
    assert_eq!(super::periods::current_period(&p, &both, d("2021-01-10")).unwrap().id, "2020");
    assert_eq!(super::periods::current_period(&p, &both, d("2018-06-01")).unwrap().id, "2019");
    let only19 = pledge(&["k"], total(1), &[&y19]);
    assert_eq!(super::periods::current_period(&only19, &both, d("2020-03-01")).unwrap().id, "2019");
    // Before its period: nothing expected yet.
    let s = check(&p, &both, vec![], "2018-06-01");
    assert_eq!((s.status, s.expected, s.projection), (Status::OnTrack, Some(0.0), None));
}

#[test]
fn a_two_year_period() {
    let period =
        Period { id: "2019-2020".into(), start: d("2019-01-01"), end: d("2020-12-31"), terms: Vec::new() };
    let p = pledge(&["m"], Rule::Rate { at_least: 1.0, per: RateUnit::Week }, &[&period]);
    let s = check(&p, &[period], vec![act(1, "2020-06-01", "m", 50)], "2021-01-01");
    assert_eq!((s.target, s.count, s.status), (Some(105), 50, Status::Missed));
}

#[test]
fn activities_outside_every_period_are_reported() {
    let periods = [year(2019)];
    let acts = vec![act(1, "2018-12-31", "k", 1), act(2, "2019-01-01", "k", 1), act(3, "2020-01-01", "x", 1)];
    assert_eq!(outside_periods(&periods, &acts), [1, 3]);
}

#[test]
fn row_errors_are_attributed_by_kind_and_date() {
    let y = year(2019);
    let p = pledge(&["m"], total(1), &[&y]);
    let err = |id, date: Option<&str>, kind: Option<&str>| RowError {
        id,
        source: Provenance { file: "f".into(), sheet: "s".into(), row: Some(1) },
        date: date.map(d),
        kind: kind.map(str::to_owned),
        reason: crate::model::Reason::Row(crate::model::RowReason::MissingActivity),
    };
    let log = Log {
        activities: vec![],
        row_errors: vec![
            err(1, None, Some("m")),
            err(2, Some("2019-09-18"), Some("m")),
            err(3, Some("2019-03-01"), Some("m")),
            err(4, Some("2019-03-01"), Some("other")),
            err(5, Some("2019-03-01"), None),
            err(6, Some("2018-03-01"), Some("m")),
        ],
        ..Log::default()
    };
    // Undated, dated in the period up to the day, or dated in no period at all (like activities).
    let s = standing(std::slice::from_ref(&p), std::slice::from_ref(&y), &log, d("2019-06-30"));
    assert_eq!(s[0].row_errors, [1, 3, 6]);
    let s = standing(&[p], &[y], &log, d("2019-12-31"));
    assert_eq!(s[0].row_errors, [1, 2, 3, 6]);
}

#[test]
fn the_days_read_are_those_of_the_periods_needed_and_of_no_period() {
    let (y19, y20, y22) = (year(2019), year(2020), year(2022));
    let all = [y19.clone(), y20.clone(), y22.clone()];
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    // 2020 needed: it, the days before 2019, 2021 (in no period) and after 2022.
    assert_eq!(
        days_to_read(&all, &[&y20]),
        [(min, d("2018-12-31")), (d("2020-01-01"), d("2021-12-31")), (d("2023-01-01"), max)]
    );
    // All needed: every day.
    assert_eq!(days_to_read(&all, &[&y19, &y20, &y22]), [(min, max)]);
    // Overlapping periods are one stretch; none needed: only the days of no period.
    let school =
        Period { id: "lasar".into(), start: d("2019-07-01"), end: d("2020-06-30"), terms: Vec::new() };
    assert_eq!(days_to_read(&[y19.clone(), school], &[]), [(min, d("2018-12-31")), (d("2020-07-01"), max)]);
    assert_eq!(days_to_read(&[], &[]), [(min, max)]);
    // The periods shown on a day: each pledge's, each once.
    assert_eq!(shown_periods(&[], &all, d("2020-05-01")), Vec::<&Period>::new());
}
