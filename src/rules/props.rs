//! Invariants that hold for any activities and any day (proptest).

use proptest::prelude::*;

use super::tests::{act, d, pledge, year};
use super::*;
use crate::model::{Activity, Log};
use chrono::Weekday;

use crate::pledge::{ActiveDays, Measure, RateUnit, Rule, SubPeriod, Weekdays};

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        (1u32..20).prop_map(|n| Rule::Total { at_least: n }),
        (1u32..8).prop_map(|n| Rule::Rate { at_least: f64::from(n) / 2.0, per: RateUnit::Week }),
        (1u32..4).prop_map(|n| Rule::Rate { at_least: f64::from(n), per: RateUnit::Month }),
        (
            1u32..3,
            prop_oneof![
                Just(SubPeriod::Month),
                Just(SubPeriod::Quarter),
                Just(SubPeriod::Term),
                Just(SubPeriod::Week),
                Just(SubPeriod::Day),
                Just(SubPeriod::Occasion)
            ]
        )
            .prop_map(|(n, each)| Rule::Ongoing { at_least: n, each }),
        prop_oneof![Just(50u32), Just(90), Just(100)].prop_map(|n| Rule::Share { at_least: n }),
    ]
}

/// Activities of kind `k` (or another kind) dated from December 2018 to January 2021, at one of the
/// places of [`parts`] or elsewhere.
fn activities() -> impl Strategy<Value = Vec<Activity>> {
    let hours = prop::option::weighted(0.8, 0u32..600);
    let row = (0u32..(365 * 2 + 62), 0u32..4, prop::bool::weighted(0.9), 0usize..5, hours);
    prop::collection::vec(row, 0..60).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (day, count, ours, place, hours))| {
                let date = d("2018-12-01") + chrono::Days::new(u64::from(day));
                let mut a = act(i as i64, &date.to_string(), if ours { "k" } else { "x" }, count);
                a.place = ["Norr", "torget söder", "Torget", "", "Norr och Söder"][place].into();
                a.hours = hours;
                a
            })
            .collect()
    })
}

/// No parts, one part per place of `norr` and `söder`, or of `norr` alone.
fn parts() -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![Just(vec![]), Just(vec!["norr", "söder"]), Just(vec!["norr"])]
}

/// Every day, or some weekdays, holidays excepted or not.
fn active_days() -> impl Strategy<Value = ActiveDays> {
    (0u8..128, prop::bool::ANY).prop_map(|(set, except_holidays)| {
        let on: Vec<Weekday> = crate::pledge::WEEK
            .into_iter()
            .enumerate()
            .filter(|(i, _)| set & 1 << i != 0)
            .map(|(_, d)| d)
            .collect();
        ActiveDays { season: None, weekdays: Weekdays::of(&on), except_holidays }
    })
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0u32..(365 * 2 + 62)).prop_map(|n| d("2018-12-01") + chrono::Days::new(u64::from(n)))
}

fn rank(s: Status) -> u8 {
    match s {
        Status::Missed => 0,
        Status::Behind => 1,
        Status::OnTrack => 2,
        Status::Met => 3,
        Status::Qualitative => 4,
        Status::Unmeasured => 5,
    }
}

/// A rule, its days, its parts' places, whether it is kept around occasions (valborg, midsommar
/// and jul, from two days before; always for a rule kept each occasion, never for a rate, as `check`
/// refuses), and whether it is measured in activities or hours.
type Shape = (Rule, ActiveDays, Vec<&'static str>, bool, Measure);

fn shape() -> impl Strategy<Value = Shape> {
    let measure = prop_oneof![Just(Measure::Activities), Just(Measure::Hours)];
    (rule(), active_days(), parts(), prop::bool::ANY, measure)
}

/// The windows of valborg, midsommar and jul in 2019 and 2020, from two days before each.
fn occasions() -> crate::pledge::Occasions {
    let names = ["valborg", "midsommar", "jul"];
    let windows = [2019, 2020]
        .into_iter()
        .flat_map(|y| names.map(|n| (n, crate::occasions::days_of(n, y).expect("built in"))))
        .map(|(name, (first, last))| crate::pledge::OccasionWindow {
            name: name.into(),
            day: first,
            start: first - chrono::Days::new(2),
            end: last,
        })
        .collect();
    crate::pledge::Occasions {
        names: names.map(String::from).to_vec(),
        days_before: 2,
        days_after: 0,
        windows,
    }
}

fn one(
    (rule, days, places, around, measure): &Shape,
    activities: Vec<Activity>,
    as_of: NaiveDate,
) -> PledgeStanding {
    use crate::pledge::{Part, Parts, Places};
    let (y19, y20) = (year(2019), year(2020));
    let mut p = pledge(&["k"], rule.clone(), &[&y19, &y20]);
    p.days = *days;
    p.measure = *measure;
    let each_occasion = matches!(rule, Rule::Ongoing { each: SubPeriod::Occasion, .. });
    if each_occasion || (*around && !matches!(rule, Rule::Rate { .. })) {
        p.occasions = occasions();
    }
    let part = |place: &&str| Part {
        name: (*place).into(),
        activities: vec!["k".into()],
        places: Places { any_of: vec![(*place).into()] },
        rule: rule.clone(),
    };
    p.parts = Parts { by_place: true, called: None, list: places.iter().map(part).collect() };
    if matches!(rule, Rule::Share { .. }) {
        // A share is of the rows at Norr among all (`check` refuses one without a condition, or
        // with parts).
        p.parts = Parts::default();
        p.places = Places { any_of: vec!["norr".into()] };
    }
    let log = Log { activities, ..Log::default() };
    standing(&[p], &[y19, y20], &log, as_of).remove(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_count_never_exceeds_the_sum_of_antal_or_hours(rule in shape(), acts in activities(), as_of in day()) {
        let antal: u32 = acts.iter().filter(|a| &*a.kind == "k").map(|a| amount(rule.4, a)).sum();
        let s = one(&rule, acts, as_of);
        // In parts, a row at the places of several parts counts in each of them (an evening at
        // "Metro och Kåken" is one at each club): at most once per part.
        let parts = u32::try_from(s.parts.len().max(1)).unwrap_or(u32::MAX);
        prop_assert!(s.count_measure() != rule.4 || s.count <= antal.saturating_mul(parts));
        prop_assert!(s.activities <= antal);
    }

    #[test]
    fn every_row_of_the_kind_in_the_period_is_counted_or_explained(rule in shape(), acts in activities(), as_of in day()) {
        let s = one(&rule, acts.clone(), as_of);
        let period = if s.period == "2019" { year(2019) } else { year(2020) };
        for a in acts.iter().filter(|a| &*a.kind == "k" && period.contains(a.date)) {
            let counted = s.counted.contains(&a.id);
            let excluded = s.not_counted.iter().any(|n| n.activity == a.id);
            prop_assert!(counted != excluded, "activity {} counted {counted} excluded {excluded}", a.id);
        }
    }

    /// Not for a share: a row that misses its conditions lowers it (rules/share.rs).
    #[test]
    fn adding_an_activity_never_lowers_a_standing(
        rule in shape().prop_filter("a share is not monotone", |s| !matches!(s.0, Rule::Share { .. })),
        acts in activities(), extra in activities(), as_of in day()
    ) {
        let before = one(&rule, acts.clone(), as_of);
        let mut more = acts;
        let offset = more.len() as i64;
        more.extend(extra.into_iter().map(|mut a| { a.id += offset; a }));
        let after = one(&rule, more, as_of);
        prop_assert!(after.count >= before.count);
        prop_assert!(rank(after.status) >= rank(before.status), "{:?} → {:?}", before.status, after.status);
    }

    #[test]
    fn met_and_missed_are_final_within_a_period(rule in shape(), acts in activities(), a in day(), b in day()) {
        let (first, later) = (a.min(b), a.max(b));
        let s1 = one(&rule, acts.clone(), first);
        let s2 = one(&rule, acts, later);
        if s1.period == s2.period && matches!(s1.status, Status::Met | Status::Missed) {
            prop_assert_eq!(s1.status, s2.status);
        }
    }

    #[test]
    fn behind_always_says_what_is_needed(rule in shape(), acts in activities(), as_of in day()) {
        let s = one(&rule, acts, as_of);
        // A pledge in parts is behind only when a part is, and each part behind says what it needs.
        let needs: Vec<&PledgeStanding> =
            if s.parts.is_empty() { vec![&s] } else { s.parts.iter().map(|p| &p.standing).collect() };
        if s.status == Status::Behind {
            prop_assert!(needs.iter().any(|p| p.status == Status::Behind));
        }
        for p in &needs {
            prop_assert_eq!(p.status == Status::Behind, p.catch_up.is_some());
            if let Some(c) = &p.catch_up {
                prop_assert!(c.needed > 0 && c.by >= as_of, "{c:?}");
            }
        }
    }
}
