//! The Swedish words for where a pledge stands: statuses, rules, why a row did not count, the months,
//! quarters and terms of ongoing pledges, and the short note beside each figure.
//!
//! Pure. Numbers are written the Swedish way (decimal comma), dates as ISO dates (2019-12-31).

use chrono::{Datelike, NaiveDate};

use super::measure::{amount, noun, of_target};
use crate::pledge::{ActiveDays, Measure, Pledge, RateUnit, Rule, SubPeriod};
use crate::rules::verdict::{Verdict, final_verdict};
use crate::rules::{CatchUp, CoverState, Exclusion, PaceUnit, PledgeStanding, Status};

/// The label people read for a status while the pledge can still change. `Missed` says what it
/// means mid-period (a month went by without its activities); once the last day has passed, the
/// verdict's word is shown instead (see [`label`]).
pub(crate) fn status_label(status: Status) -> &'static str {
    match status {
        Status::Met => "Uppfyllt",
        Status::OnTrack => "I fas",
        Status::Behind => "Efter",
        Status::Missed => "Kan inte längre uppfyllas",
        Status::Qualitative => "Kvalitativt",
        Status::Unmeasured => "Inget mätvärde",
    }
}

/// The verdict as people read it, in the follow-up and everywhere once a pledge's last day is past.
pub(crate) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "Uppfyllt",
        Verdict::PartlyMet => "Delvis uppfyllt",
        Verdict::NotMet => "Ej uppfyllt",
        Verdict::Done => "Genomfört",
        Verdict::NotMeasured => "Ej mätt",
    }
}

/// The one label of a standing, the same in the status view, the mails and the digest: the
/// verdict once the period is over (a pledge 1 of 2 short is `Delvis uppfyllt`, as the follow-up
/// says), the status until then (`Kan inte längre uppfyllas`).
/// The status of a pledge whose figure lacks the rows of a log that has not come.
pub(crate) const AWAITING_LOG: &str = "Väntar på logg";

/// The note of a pledge awaiting `logs` ("aktivitetsloggen från Kalix kommun").
pub(crate) fn awaiting_note(logs: &[String]) -> String {
    format!("väntar på {}: siffran saknar dess rader", logs.join(" och "))
}

pub(crate) fn label(s: &PledgeStanding) -> &'static str {
    match (final_verdict(s), &s.indicator) {
        (Some(v), _) => verdict_label(v),
        (None, Some(i)) => super::indicator::status_label(s.status, i),
        (None, None) => status_label(s.status),
    }
}

/// A number with `places` decimals and a decimal comma: `3,3`.
pub(crate) fn decimal(x: f64, places: usize) -> String {
    format!("{x:.places$}").replace('.', ",")
}

/// An average as people read it beside the target it is measured against: one decimal, unless that
/// would round it up to a target it falls short of (0,96 against "minst 1" is `0,96`, not `1,0`);
/// then two, cut rather than rounded.
pub(crate) fn average(avg: f64, at_least: f64) -> String {
    if avg < at_least && (avg * 10.0).round() / 10.0 >= at_least {
        decimal((avg * 100.0).floor() / 100.0, 2)
    } else {
        decimal(avg, 1)
    }
}

/// The missed months, quarters, terms or weeks of a pledge as `whole` lists them; beyond six (weeks
/// may miss by the dozen) the first six are named and the rest counted: `vecka 1, 2019, …, vecka 6,
/// 2019 och 40 till`.
pub(crate) fn missed_named(missed: &[String], whole: impl Fn(&[String]) -> String) -> String {
    const NAMED: usize = 6;
    if missed.len() > NAMED {
        format!("{} och {} till", missed[..NAMED].join(", "), missed.len() - NAMED)
    } else {
        whole(missed)
    }
}

/// The months' names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The name of a day, week, month, quarter or term starting on `start`: `2 maj 2019`, `vecka 3,
/// 2019`, `juli 2019`, `kvartal 2 2019`, `vårterminen 2019`.
pub(crate) fn sub_period_label(each: SubPeriod, start: NaiveDate) -> String {
    let (m, y) = (start.month0() as usize, start.year());
    match each {
        SubPeriod::Month => format!("{} {y}", MONTHS[m]),
        SubPeriod::Quarter => format!("kvartal {} {y}", m / 3 + 1),
        SubPeriod::Term if m < 6 => format!("vårterminen {y}"),
        SubPeriod::Term => format!("höstterminen {y}"),
        SubPeriod::Week => {
            let w = start.iso_week();
            format!("vecka {}, {}", w.week(), w.year())
        }
        SubPeriod::Day | SubPeriod::Occasion => super::days::day_label(start),
    }
}

/// The name of one of an ongoing pledge's sub-periods: an occasion by its name and year
/// (`midsommar 2019`), the others as [`sub_period_label`].
pub(crate) fn label_of(sp: &crate::rules::SubPeriodStanding) -> String {
    match &sp.occasion {
        Some(name) => format!("{name} {}", sp.start.year()),
        None => sub_period_label(sp.each, sp.start),
    }
}

/// The state of a month, quarter or term, for people.
pub(crate) fn cover_state_label(state: CoverState) -> &'static str {
    match state {
        CoverState::Covered => "täckt",
        CoverState::Missed => "saknas",
        CoverState::Open => "pågår, inget ännu",
        CoverState::Upcoming => "kommande",
    }
}

/// `denna månad`, `detta kvartal`, `denna termin`.
fn this_sub_period(each: SubPeriod) -> &'static str {
    match each {
        SubPeriod::Month => "denna månad",
        SubPeriod::Quarter => "detta kvartal",
        SubPeriod::Term => "denna termin",
        SubPeriod::Week => "denna vecka",
        SubPeriod::Day => "i dag",
        SubPeriod::Occasion => "detta tillfälle",
    }
}

/// The noun after a count `n` of sub-periods (`av 12 månader`, `av 1 termin`): `månader`, `kvartal`,
/// `terminer`, `veckor`, `dagar`, `torsdagar`, `vardagar`; in the singular for one.
pub(crate) fn sub_period_noun(each: SubPeriod, days: &ActiveDays, n: u32) -> String {
    let one = n == 1;
    match each {
        SubPeriod::Month if one => "månad".into(),
        SubPeriod::Month => "månader".into(),
        SubPeriod::Quarter => "kvartal".into(),
        SubPeriod::Term if one => "termin".into(),
        SubPeriod::Term => "terminer".into(),
        SubPeriod::Week if one => "vecka".into(),
        SubPeriod::Week => "veckor".into(),
        SubPeriod::Day => super::days::days_noun(days, one),
        SubPeriod::Occasion if one => "tillfälle".into(),
        SubPeriod::Occasion => "tillfällen".into(),
    }
}

/// What a pledge's rule asks for, on the days and at the places that count: `minst 4 under
/// perioden`, `minst 3 i snitt per vecka (156 under perioden)`, `löpande, minst 1 varje torsdag utom
/// helgdagar`, `minst 9 under perioden vid Metro eller Kåken` (the season is said apart).
pub(crate) fn rule_text(pledge: &Pledge, target: Option<u32>) -> String {
    if !pledge.parts.list.is_empty() {
        return super::parts::rule_text(pledge);
    }
    let (rule, days) = (&pledge.rule, &pledge.days);
    let each = match rule {
        Rule::Ongoing { each, .. } => Some(*each),
        _ => None,
    };
    let m = pledge.measure;
    let text = match rule {
        Rule::Total { at_least } => {
            format!("minst {at_least}{} under perioden", noun(m, f64::from(*at_least)))
        }
        Rule::Rate { at_least, per } => {
            let unit = if *per == RateUnit::Week { "vecka" } else { "månad" };
            let total = target.map(|t| format!(" ({} under perioden)", amount(m, t))).unwrap_or_default();
            format!("minst {}{} i snitt per {unit}{total}", trim_decimal(*at_least), noun(m, *at_least))
        }
        Rule::Ongoing { at_least, each } => {
            let noun = noun(m, f64::from(*at_least));
            format!("löpande, minst {at_least}{noun} {}", super::days::every(*each, days))
        }
        Rule::Share { at_least: 100 } => format!("varje aktivitet: {}", conditions(pledge)),
        Rule::Share { at_least } => format!("minst {at_least} % av aktiviteterna: {}", conditions(pledge)),
        Rule::Qualitative => "kvalitativt: aktiviteterna redovisas".into(),
        Rule::Indicator(i) => return format!("indikatorn {}", super::indicator::rule_text(i)),
    };
    // A share's places are among its conditions.
    let places = if matches!(rule, Rule::Share { .. }) { String::new() } else { at_places(&pledge.places) };
    format!(
        "{text}{}{}{places}",
        super::days::restriction(days, each),
        super::days::around_occasions(&pledge.occasions, each),
    )
}

/// The conditions a row must meet, in words: `Samverkan nämner polis och Plats nämner Metro eller
/// Kåken`.
pub(crate) fn conditions(pledge: &Pledge) -> String {
    let mut out = Vec::new();
    if !pledge.places.any_of.is_empty() {
        out.push(format!("Plats nämner {}", either(&pledge.places.any_of)));
    }
    if pledge.partners.non_empty && pledge.partners.all_of.is_empty() {
        out.push("Samverkan är ifylld".to_owned());
    }
    out.extend(pledge.partners.all_of.iter().map(|g| format!("Samverkan nämner {}", either(g))));
    if !pledge.require_tags.is_empty() {
        out.push(format!("med taggen {}", either(&pledge.require_tags)));
    }
    super::report::and_list(&out)
}

/// How much of a share meets its conditions: `7 av 10 uppfyller villkoren (70 %)`.
pub(crate) fn share(meeting: u32, all: u32) -> String {
    match all {
        0 => "inga aktiviteter ännu".into(),
        _ => format!("{meeting} av {all} uppfyller villkoren ({} %)", percent(meeting, all)),
    }
}

/// `meeting` of `all` in whole per cent, cut rather than rounded up (9 of 10 is 90, 99 of 100,5 is
/// not 100): a share short of 100 % never reads as 100.
pub(crate) fn percent(meeting: u32, all: u32) -> u64 {
    (u64::from(meeting) * 100).checked_div(u64::from(all)).unwrap_or(0)
}

/// Where the rows must have been, after a rule: ` vid Metro eller Kåken`; nothing for anywhere.
pub(crate) fn at_places(places: &crate::pledge::Places) -> String {
    if places.any_of.is_empty() { String::new() } else { format!(" vid {}", either(&places.any_of)) }
}

/// `3` for 3.0, `2,5` for 2.5.
pub(crate) fn trim_decimal(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { decimal(x, 2).trim_end_matches('0').to_owned() }
}

/// Why a row did not count toward a pledge.
pub(crate) fn exclusion(reason: &Exclusion, as_of: NaiveDate) -> String {
    match reason {
        Exclusion::OutsidePeriods => "datumet ligger utanför alla löftesperioder".into(),
        Exclusion::AfterAsOf => format!("datumet är efter {as_of}"),
        Exclusion::OutsideSeason => "datumet ligger utanför löftets säsong".into(),
        Exclusion::OutsideWeeks => {
            "veckan hör till perioden före eller efter (en vecka hör till perioden som har dess torsdag)"
                .into()
        }
        Exclusion::NotOnWeekdays { weekday, on } => super::days::not_on_weekdays(*weekday, on),
        Exclusion::Holiday { date } => super::days::holiday(*date),
        Exclusion::OutsideTerms => "datumet ligger mellan terminerna".into(),
        Exclusion::OutsideOccasions { names } => {
            format!("datumet ligger utanför dagarna kring {}", either(names))
        }
        Exclusion::PlaceMissing { any_of, near: None } => format!("Plats nämner inte {}", either(any_of)),
        Exclusion::PlaceMissing { any_of, near: Some(near) } => {
            format!("Plats nämner inte {} (menas {near}?)", either(any_of))
        }
        Exclusion::NoPartners => "Samverkan är tom, men löftet kräver samverkan".into(),
        Exclusion::PartnersMissing { any_of } => {
            format!("Samverkan nämner inte {}", either(any_of))
        }
        Exclusion::TagsMissing { any_of } => format!("saknar taggen {}", either(any_of)),
        Exclusion::ZeroCount => "Antal är 0".into(),
        Exclusion::NoHours => "Timmar är tom eller 0, men löftet räknas i timmar".into(),
        Exclusion::HoursInParts { parts } => format!(
            "Plats nämner både {}; timmarna kan inte delas mellan delarna – för in dem på en rad per plats",
            super::report::and_list(parts)
        ),
    }
}

/// `grannsamverkan`, `kommun eller polis`, `a, b eller c`.
pub(crate) fn either(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} eller {last}", init.join(", ")),
    }
}

/// What it takes to catch up: `behöver 4 till på 9 veckor (senast 2019-12-31); nåbart i bästa takten
/// hittills (1,25 per vecka)`, or for an ongoing pledge `…; nåbart: som mest 2 på ett kvartal hittills`;
/// in hours `behöver 120,5 timmar till …`.
pub(crate) fn catch_up(c: &CatchUp, m: Measure) -> String {
    let when = match (c.per, c.weeks_left) {
        // A day or a week: its last day says it all.
        (PaceUnit::Day | PaceUnit::OneWeek, _) => format!("senast {}", c.by),
        (_, 0) => format!("i dag ({})", c.by),
        (_, 1) => format!("på 1 vecka (senast {})", c.by),
        (_, n) => format!("på {n} veckor (senast {})", c.by),
    };
    let reach = if c.reachable { "nåbart" } else { "inte nåbart" };
    let judged = if c.best_pace <= 0.0 {
        "ingen aktivitet hittills att jämföra takten med".to_owned()
    } else {
        let most = amount(m, c.best_pace as u32);
        match c.per {
            PaceUnit::Week => {
                let pace = super::measure::decimal(m, c.best_pace, 2);
                format!("{reach} i bästa takten hittills ({pace}{} per vecka)", noun(m, 0.0))
            }
            PaceUnit::OneWeek => format!("{reach}: som mest {most} på en vecka hittills"),
            PaceUnit::Month => format!("{reach}: som mest {most} på en månad hittills"),
            PaceUnit::Quarter => format!("{reach}: som mest {most} på ett kvartal hittills"),
            PaceUnit::Term => format!("{reach}: som mest {most} på en termin hittills"),
            PaceUnit::Day => format!("{reach}: som mest {most} på en dag hittills"),
            PaceUnit::Occasion => format!("{reach}: som mest {most} vid ett tillfälle hittills"),
        }
    };
    format!("behöver {} till {when}; {judged}", amount(m, c.needed))
}

/// The short note beside a pledge's figures: what needs doing, or what is missing, and the details a
/// reader asks about next (the average, the tags, rows that did not count).
/// A pledge with a plan says first what is planned next, and what was planned and not done.
pub(crate) fn note(s: &PledgeStanding, pledge: &Pledge) -> String {
    let rest = if !s.parts.is_empty() {
        super::parts::note(s, pledge)
    } else if let Some(i) = &s.indicator {
        super::indicator::note(i)
    } else {
        let details = note_details(s, pledge);
        match (&s.catch_up, details.is_empty()) {
            (Some(c), true) => catch_up(c, s.measure),
            (Some(c), false) => format!("{}; {details}", catch_up(c, s.measure)),
            (None, _) => details,
        }
    };
    let mut parts = super::plan::note(&s.planned);
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts.join("; ")
}

/// The days, weeks, months, quarters or terms an ongoing pledge of `at_least` a sub-period missed,
/// by name; one with some but too few says how many: `juli 2019`, `juli 2019 (1 av 2)`, `juli 2019
/// (3,5 av 10 timmar)`.
pub(crate) fn missed_labels(s: &PledgeStanding, at_least: u32) -> Vec<String> {
    let of = at_least.saturating_mul(s.measure.scale());
    s.sub_periods
        .iter()
        .filter(|p| p.state == CoverState::Missed)
        .map(|p| match p.count {
            0 => label_of(p),
            n => format!("{} ({})", label_of(p), of_target(s.measure, n, of)),
        })
        .collect()
}

/// The note without what it takes to catch up (for mails that say that on a line of its own).
pub(crate) fn note_details(s: &PledgeStanding, pledge: &Pledge) -> String {
    let rule = &pledge.rule;
    let mut parts = Vec::new();
    // A pledge in parts has its sub-periods in each part's note, not the whole's.
    if let Rule::Ongoing { each, at_least } = rule
        && s.parts.is_empty()
    {
        let missed = missed_labels(s, *at_least);
        if !missed.is_empty() {
            parts.push(format!("saknas: {}", missed_named(&missed, |m| m.join(", "))));
        }
        if s.status == Status::OnTrack
            && let Some(open) = s.sub_periods.iter().find(|p| p.state == CoverState::Open)
        {
            parts.push(match each {
                SubPeriod::Day => format!("inget ännu {}", this_sub_period(*each)),
                _ => format!("inget ännu {} (till {})", this_sub_period(*each), open.end),
            });
        }
        if let Some(t) = s.target {
            let plural = sub_period_noun(*each, &pledge.days, t);
            parts.push(format!("{} av {t} {plural} täckta", s.count));
        }
    }
    if let Some(all) = s.of_all {
        parts.push(share(s.count, all));
    }
    if s.status == Status::Missed
        && !matches!(rule, Rule::Ongoing { .. } | Rule::Share { .. })
        && let Some(t) = s.target
    {
        let of = of_target(s.measure, s.count, t);
        parts.push(match pledge.days.season {
            Some(_) => format!("{of} när säsongen tog slut {}", s.last_day),
            // Weekdays or holidays left days at the period's end out: it was over before it ended.
            None if s.last_day < s.period_end => {
                format!("{of} när den sista dagen som räknas var över ({})", s.last_day)
            }
            None => format!("{of} när perioden tog slut"),
        });
    }
    if let (Some(avg), Rule::Rate { per, at_least }) = (s.average, rule) {
        let unit = if *per == RateUnit::Week { "vecka" } else { "månad" };
        let avg = average(avg / f64::from(s.measure.scale()), *at_least);
        parts.push(format!("snitt {avg}{} per {unit}", noun(s.measure, 0.0)));
    }
    for (tag, n) in &s.tags {
        parts.push(format!("{tag}: {}", amount(s.measure, *n)));
    }
    let shown = s.not_counted.iter().filter(|n| n.reason != Exclusion::AfterAsOf).count();
    if shown > 0 {
        parts.push(if shown == 1 {
            "1 rad räknas inte".into()
        } else {
            format!("{shown} rader räknas inte")
        });
    }
    if !s.row_errors.is_empty() {
        let n = s.row_errors.len();
        parts.push(if n == 1 { "1 rad med fel".into() } else { format!("{n} rader med fel") });
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_average_short_of_its_target_never_reads_as_reaching_it() {
        assert_eq!(average(0.96, 1.0), "0,96");
        assert_eq!(average(0.999, 1.0), "0,99");
        assert_eq!(average(0.94, 1.0), "0,9");
        assert_eq!(average(1.04, 1.0), "1,0");
        assert_eq!(average(3.31, 3.0), "3,3");
        assert_eq!(average(2.96, 3.0), "2,96");
    }

    #[test]
    fn labels_and_numbers() {
        assert_eq!(status_label(Status::OnTrack), "I fas");
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let short = |as_of| PledgeStanding::fixture("p", Status::Missed, 1, Some(2), day(as_of));
        assert_eq!(label(&short("2019-12-31")), "Kan inte längre uppfyllas");
        assert_eq!(label(&short("2020-01-01")), "Delvis uppfyllt");
        let none = |as_of| PledgeStanding::fixture("p", Status::Qualitative, 0, None, day(as_of));
        assert_eq!((label(&none("2019-06-01")), label(&none("2020-01-01"))), ("Kvalitativt", "Ej uppfyllt"));
        assert_eq!(decimal(3.3077, 1), "3,3");
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(sub_period_label(SubPeriod::Month, d("2019-07-01")), "juli 2019");
        assert_eq!(sub_period_label(SubPeriod::Quarter, d("2019-10-01")), "kvartal 4 2019");
        assert_eq!(sub_period_label(SubPeriod::Term, d("2019-08-15")), "höstterminen 2019");
        assert_eq!(
            rule_text(
                &Pledge::example(
                    Rule::Rate { at_least: 2.5, per: RateUnit::Week },
                    ActiveDays::default(),
                    &[]
                ),
                Some(130)
            ),
            "minst 2,5 i snitt per vecka (130 under perioden)"
        );
        let clubs = Pledge::example(Rule::Total { at_least: 9 }, ActiveDays::default(), &["Metro", "Kåken"]);
        assert_eq!(rule_text(&clubs, Some(9)), "minst 9 under perioden vid Metro eller Kåken");
        assert_eq!(
            exclusion(
                &Exclusion::PlaceMissing { any_of: clubs.places.any_of.clone(), near: None },
                d("2019-01-01")
            ),
            "Plats nämner inte Metro eller Kåken"
        );
        assert_eq!(
            exclusion(
                &Exclusion::PartnersMissing { any_of: vec!["kommun".into(), "polis".into()] },
                d("2019-01-01")
            ),
            "Samverkan nämner inte kommun eller polis"
        );
    }

    #[test]
    fn a_missed_sub_period_with_too_few_says_how_many() {
        use crate::rules::{CoverState, SubPeriodStanding};
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = PledgeStanding::fixture("p", Status::Missed, 1, Some(4), day("2019-12-31"));
        let quarter = |start: &str, end: &str, count, state| SubPeriodStanding {
            each: SubPeriod::Quarter,
            occasion: None,
            start: day(start),
            end: day(end),
            count,
            state,
        };
        s.sub_periods = vec![
            quarter("2019-01-01", "2019-03-31", 2, CoverState::Covered),
            quarter("2019-04-01", "2019-06-30", 0, CoverState::Missed),
            quarter("2019-07-01", "2019-09-30", 1, CoverState::Missed),
            quarter("2019-10-01", "2019-12-31", 0, CoverState::Open),
        ];
        assert_eq!(missed_labels(&s, 2), ["kvartal 2 2019", "kvartal 3 2019 (1 av 2)"]);
    }

    #[test]
    fn a_pledge_over_before_its_period_ended_says_when() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let saturdays = ActiveDays {
            weekdays: crate::pledge::Weekdays::of(&[chrono::Weekday::Sat]),
            ..ActiveDays::default()
        };
        let p = Pledge::example(Rule::Total { at_least: 52 }, saturdays, &[]);
        let mut s = PledgeStanding::fixture("p", Status::Missed, 17, Some(52), day("2019-12-31"));
        assert_eq!(note_details(&s, &p), "17 av 52 när perioden tog slut");
        s.last_day = day("2019-12-28");
        assert_eq!(note_details(&s, &p), "17 av 52 när den sista dagen som räknas var över (2019-12-28)");
    }

    #[test]
    fn catch_up_in_words() {
        let c = CatchUp {
            needed: 4,
            weeks_left: 9,
            by: NaiveDate::from_ymd_opt(2019, 12, 31).unwrap(),
            best_pace: 1.25,
            per: PaceUnit::Week,
            reachable: true,
        };
        let a = Measure::Activities;
        assert_eq!(
            catch_up(&c, a),
            "behöver 4 till på 9 veckor (senast 2019-12-31); nåbart i bästa takten hittills (1,25 per vecka)"
        );
        let quarter =
            CatchUp { needed: 1, weeks_left: 2, best_pace: 2.0, per: PaceUnit::Quarter, ..c.clone() };
        assert_eq!(
            catch_up(&quarter, a),
            "behöver 1 till på 2 veckor (senast 2019-12-31); nåbart: som mest 2 på ett kvartal hittills"
        );
        let hours = CatchUp { needed: 12_050, best_pace: 3025.0, ..c.clone() };
        assert_eq!(
            catch_up(&hours, Measure::Hours),
            "behöver 120,5 timmar till på 9 veckor (senast 2019-12-31); nåbart i bästa takten hittills \
             (30,25 timmar per vecka)"
        );
        let month = CatchUp { per: PaceUnit::Month, best_pace: 1000.0, ..hours };
        assert!(
            catch_up(&month, Measure::Hours).ends_with("nåbart: som mest 10 timmar på en månad hittills")
        );
        let none = CatchUp { best_pace: 0.0, reachable: false, ..c };
        assert!(catch_up(&none, a).ends_with("; ingen aktivitet hittills att jämföra takten med"));
    }
}
