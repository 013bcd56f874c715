//! The Swedish words for a pledge kept in parts: its rule ("minst 2 under perioden vid varje
//! fritidsgård (Metro och Kåken)") and its note, part by part ("Metro 2 av 2, uppfyllt; Kåken 1 av
//! 2, efter – behöver 1 till …").
//!
//! Pure.

use super::measure::{amount, number, of_target};
use super::report::and_list;
use super::standing::{catch_up, note_details, rule_text as whole_rule_text, status_label};
use crate::pledge::{Parts, Pledge};
use crate::rules::{PledgeStanding, Status};

/// What a pledge in parts asks for: one rule at each place (`minst 2 under perioden vid varje
/// fritidsgård (Metro och Kåken)`, `… vid var och en av Metro och Kåken`), one rule for each listed
/// part (`minst 15 under perioden i var och en av delarna Trafik, Narkotika och Ungdom`), or each
/// part's own (`Trafik: minst 15 under perioden; Ungdom: minst 5 under perioden`).
pub(crate) fn rule_text(pledge: &Pledge) -> String {
    around(pledge, &|p| whole_rule_text(p, None))
}

/// The rule of a pledge in parts, its one rule said by `rule` (for the follow-up, or for citizens).
pub(crate) fn around(pledge: &Pledge, rule: &dyn Fn(&Pledge) -> String) -> String {
    let Parts { by_place, called, list } = &pledge.parts;
    let names: Vec<String> = list.iter().map(|p| p.name.clone()).collect();
    let alike = list.windows(2).all(|w| w[0].rule == w[1].rule);
    let whole_with = |r| rule(&Pledge { rule: r, parts: Parts::default(), ..pledge.clone() });
    match (list.first(), by_place, alike) {
        (None, _, _) => rule(pledge),
        (Some(first), true, true) => match called {
            Some(c) => format!("{} vid varje {c} ({})", whole_with(first.rule.clone()), and_list(&names)),
            None => format!("{} vid var och en av {}", whole_with(first.rule.clone()), and_list(&names)),
        },
        (Some(first), false, true) => {
            format!("{} i var och en av delarna {}", whole_with(first.rule.clone()), and_list(&names))
        }
        (Some(_), _, false) => list
            .iter()
            .map(|p| format!("{}: {}", p.name, rule(&p.pledge(pledge))))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Each part's figure, for citizens: `Töre 1 av 2, Sangis 2 av 2 och Kalix centrum 0 av 2`, an
/// ongoing part's in its sub-periods (`Metro 2 av 2 terminer`).
pub(crate) fn public_result(s: &PledgeStanding, pledge: &Pledge) -> String {
    let each: Vec<String> = s
        .parts
        .iter()
        .map(|part| {
            let p = &part.standing;
            let t = p.target.unwrap_or(p.count);
            match pledge.rule {
                crate::pledge::Rule::Ongoing { each, .. } => {
                    let noun = super::standing::sub_period_noun(each, &pledge.days, t);
                    format!("{} {} av {t} {noun}", part.name, p.count)
                }
                _ => figure(&part.name, p),
            }
        })
        .collect();
    and_list(&each)
}

/// A part's figure: `Kåken 1 av 2`, and past its target `Stationstunneln 5 (mål 2)`; in hours
/// `Trafik 12,5 av 40 timmar`.
fn figure(name: &str, p: &PledgeStanding) -> String {
    let m = p.count_measure();
    match p.target {
        Some(t) if p.count > t => format!("{name} {} (mål {})", amount(m, p.count), number(m, t)),
        Some(t) => format!("{name} {}", of_target(m, p.count, t)),
        None => format!("{name} {}", amount(m, p.count)),
    }
}

/// Which parts hold the pledge back, for the first line of a reminder: `Det är delen Kåken som
/// ligger efter.`, `Det är delarna Töre och Sangis som ligger efter.`; none when no part is behind.
pub(crate) fn lagging(s: &PledgeStanding) -> Option<String> {
    let behind: Vec<String> =
        s.parts.iter().filter(|p| p.standing.status == Status::Behind).map(|p| p.name.clone()).collect();
    match behind.len() {
        0 => None,
        1 => Some(format!("Det är delen {} som ligger efter.", behind[0])),
        _ => Some(format!("Det är delarna {} som ligger efter.", and_list(&behind))),
    }
}

/// The whole's figure against its target, each part counted up to its own: `5 av 8 mot målet`,
/// `52,5 av 80 timmar mot målet`.
pub(crate) fn toward_target(s: &PledgeStanding) -> String {
    format!("{} mot målet", of_target(s.count_measure(), s.count, s.target.unwrap_or(0)))
}

/// How many of a pledge's parts were met: `2 av 3 delar uppfyllda`, `1 av 1 del uppfylld`.
pub(crate) fn parts_met(met: usize, of: usize) -> String {
    match of {
        1 => format!("{met} av 1 del uppfylld"),
        _ => format!("{met} av {of} delar uppfyllda"),
    }
}

/// The note of a pledge in parts: each part's count and status, what a part behind needs, then the
/// whole's details (rows that did not count, row errors).
pub(crate) fn note(s: &PledgeStanding, pledge: &Pledge) -> String {
    let mut out = part_notes(s);
    let details = note_details(s, pledge);
    if !details.is_empty() {
        out.push(details);
    }
    out.join("; ")
}

/// Each part's count and status, and what a part behind needs: `Kåken 1 av 2, efter – behöver 1
/// till på 13 veckor (senast 2019-12-31)`; none for a pledge that is one whole.
pub(crate) fn part_notes(s: &PledgeStanding) -> Vec<String> {
    s.parts
        .iter()
        .map(|part| {
            let p = &part.standing;
            let figure = figure(&part.name, p);
            let status = status_label(p.status).to_lowercase();
            match (&p.catch_up, p.status) {
                // What it needs by when; whether that is within reach is the part's own detail.
                (Some(c), _) => {
                    format!(
                        "{figure}, {status} – {}",
                        catch_up(c, p.measure).split("; ").next().unwrap_or_default()
                    )
                }
                (None, Status::OnTrack | Status::Qualitative) => figure,
                (None, _) => format!("{figure}, {status}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledge::{ActiveDays, Part, Places, Rule, SubPeriod};

    fn kept_in(rule: Rule, parts: &[(&str, Rule)], by_place: bool, called: Option<&str>) -> Pledge {
        let mut p = Pledge::example(rule, ActiveDays::default(), &[]);
        let list = parts
            .iter()
            .map(|(name, rule)| Part {
                name: (*name).into(),
                activities: vec!["k".into()],
                places: Places { any_of: if by_place { vec![(*name).into()] } else { Vec::new() } },
                rule: rule.clone(),
            })
            .collect();
        p.parts = Parts { by_place, called: called.map(str::to_owned), list };
        p
    }

    #[test]
    fn the_rule_of_a_pledge_in_parts_in_words() {
        let term = Rule::Ongoing { at_least: 1, each: SubPeriod::Term };
        let clubs = [("Metro", term.clone()), ("Kåken", term.clone())];
        assert_eq!(
            rule_text(&kept_in(term.clone(), &clubs, true, Some("fritidsgård"))),
            "löpande, minst 1 varje termin vid varje fritidsgård (Metro och Kåken)"
        );
        assert_eq!(
            rule_text(&kept_in(term.clone(), &clubs, true, None)),
            "löpande, minst 1 varje termin vid var och en av Metro och Kåken"
        );
        let (fifteen, ten) = (Rule::Total { at_least: 15 }, Rule::Total { at_least: 10 });
        let alike =
            [("Trafik", fifteen.clone()), ("Narkotika", fifteen.clone()), ("Ungdom", fifteen.clone())];
        assert_eq!(
            rule_text(&kept_in(fifteen.clone(), &alike, false, None)),
            "minst 15 under perioden i var och en av delarna Trafik, Narkotika och Ungdom"
        );
        let differ = [("Trafik", fifteen.clone()), ("Ungdom", ten)];
        assert_eq!(
            rule_text(&kept_in(fifteen, &differ, false, None)),
            "Trafik: minst 15 under perioden; Ungdom: minst 10 under perioden"
        );
        assert_eq!(parts_met(0, 1), "0 av 1 del uppfylld");
        let part = |count, target, measure| {
            let day = chrono::NaiveDate::from_ymd_opt(2019, 6, 1).unwrap();
            let s = crate::rules::PledgeStanding::fixture("p", Status::Behind, count, Some(target), day);
            crate::rules::PledgeStanding { measure, ..s }
        };
        let a = crate::pledge::Measure::Activities;
        assert_eq!(figure("Kåken", &part(1, 2, a)), "Kåken 1 av 2");
        assert_eq!(figure("Metro", &part(2, 2, a)), "Metro 2 av 2");
        assert_eq!(figure("Stationstunneln", &part(5, 2, a)), "Stationstunneln 5 (mål 2)");
        let h = crate::pledge::Measure::Hours;
        assert_eq!(figure("Trafik", &part(1250, 4000, h)), "Trafik 12,5 av 40 timmar");
        assert_eq!(figure("Trafik", &part(4550, 4000, h)), "Trafik 45,5 timmar (mål 40)");
        let sub_periods = crate::rules::PledgeStanding { counts_sub_periods: true, ..part(1, 2, h) };
        assert_eq!(figure("Metro", &sub_periods), "Metro 1 av 2", "terms covered are not hours");
        let standing = |statuses: &[(&str, Status)]| {
            let day = chrono::NaiveDate::from_ymd_opt(2019, 6, 1).unwrap();
            let mut s = crate::rules::PledgeStanding::fixture("p", Status::Behind, 0, Some(2), day);
            s.parts = statuses
                .iter()
                .map(|(name, status)| crate::rules::parts::PartStanding {
                    name: (*name).into(),
                    standing: crate::rules::PledgeStanding { status: *status, ..s.clone() },
                })
                .collect();
            s
        };
        assert_eq!(lagging(&standing(&[("Metro", Status::Met), ("Kåken", Status::OnTrack)])), None);
        assert_eq!(
            lagging(&standing(&[("Metro", Status::Met), ("Kåken", Status::Behind)])).as_deref(),
            Some("Det är delen Kåken som ligger efter.")
        );
        assert_eq!(
            lagging(&standing(&[("Töre", Status::Behind), ("Sangis", Status::Behind), ("X", Status::Met)]))
                .as_deref(),
            Some("Det är delarna Töre och Sangis som ligger efter.")
        );
        assert_eq!(parts_met(2, 3), "2 av 3 delar uppfyllda");
    }
}
