//! The Swedish words for a pledge kept in parts: its rule ("minst 2 under perioden vid varje
//! fritidsgård (Metro och Kåken)") and its note, part by part ("Metro 2 av 2, uppfyllt; Kåken 1 av
//! 2, efter – behöver 1 till …").
//!
//! Pure.

use super::standing::{catch_up, note_details, rule_text as whole_rule_text, status_label};
use crate::pledge::{Parts, Pledge};
use crate::rules::{PledgeStanding, Status};

/// `a`, `a och b`, `a, b och c`.
fn and_list(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// What a pledge in parts asks for: one rule at each place (`minst 2 under perioden vid varje
/// fritidsgård (Metro och Kåken)`, `… vid var och en av Metro och Kåken`), one rule for each listed
/// part (`minst 15 under perioden i var och en av delarna Trafik, Narkotika och Ungdom`), or each
/// part's own (`Trafik: minst 15 under perioden; Ungdom: minst 5 under perioden`).
pub(crate) fn rule_text(pledge: &Pledge) -> String {
    let Parts { by_place, called, list } = &pledge.parts;
    let names: Vec<String> = list.iter().map(|p| p.name.clone()).collect();
    let alike = list.windows(2).all(|w| w[0].rule == w[1].rule);
    let whole_with =
        |rule| whole_rule_text(&Pledge { rule, parts: Parts::default(), ..pledge.clone() }, None);
    match (list.first(), by_place, alike) {
        (None, _, _) => whole_rule_text(pledge, None),
        (Some(first), true, true) => match called {
            Some(c) => format!("{} vid varje {c} ({})", whole_with(first.rule.clone()), and_list(&names)),
            None => format!("{} vid var och en av {}", whole_with(first.rule.clone()), and_list(&names)),
        },
        (Some(first), false, true) => {
            format!("{} i var och en av delarna {}", whole_with(first.rule.clone()), and_list(&names))
        }
        (Some(_), _, false) => list
            .iter()
            .map(|p| format!("{}: {}", p.name, whole_rule_text(&p.pledge(pledge), None)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The note of a pledge in parts: each part's count and status, what a part behind needs, then the
/// whole's details (rows that did not count, row errors).
pub(crate) fn note(s: &PledgeStanding, pledge: &Pledge) -> String {
    let mut out: Vec<String> = s
        .parts
        .iter()
        .map(|part| {
            let p = &part.standing;
            let figure = match p.target {
                Some(t) => format!("{} {} av {t}", part.name, p.count),
                None => format!("{} {}", part.name, p.count),
            };
            let status = status_label(p.status).to_lowercase();
            match (&p.catch_up, p.status) {
                // What it needs by when; whether that is within reach is the part's own detail.
                (Some(c), _) => {
                    format!("{figure}, {status} – {}", catch_up(c).split("; ").next().unwrap_or_default())
                }
                (None, Status::OnTrack | Status::Qualitative) => figure,
                (None, _) => format!("{figure}, {status}"),
            }
        })
        .collect();
    let details = note_details(s, pledge);
    if !details.is_empty() {
        out.push(details);
    }
    out.join("; ")
}
