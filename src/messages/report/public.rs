//! The Swedish words of the one-page public summary for citizens: plain words, small numbers
//! spelled out, no names, files or tags.
//!
//! Pure: words only; the figures and verdicts come from the caller.

use chrono::NaiveDate;

use super::{and_list, long_date, season_text};
use crate::pledge::Measure;

/// The public summary's title: `Medborgarlöften i Kalix 2019 – så gick det` (a draft: `så går det
/// hittills`).
pub(crate) fn public_title(period: &str, municipality: &str, draft: bool) -> String {
    // "Kalix kommun" is Kalix; "Trelleborgs kommun" is in the genitive (and "Hofors kommun" might
    // be): the full name is never wrong.
    let place = municipality.strip_suffix(" kommun").filter(|p| !p.ends_with('s')).unwrap_or(municipality);
    let how = if draft { "så går det hittills" } else { "så gick det" };
    format!("Medborgarlöften i {place} {period} – {how}")
}

/// The public summary's introduction.
pub(crate) fn public_intro(signatories: &str, period: &str, total: usize, draft: bool) -> String {
    let how = if draft { "hur det går hittills" } else { "hur det gick" };
    format!(
        "{signatories} lovade invånarna att under {period} arbeta med {} för en tryggare vardag. {} \
         bygger på det invånarna har berättat om sin trygghet. Här redovisar vi {how}.",
        if total == 1 {
            "ett medborgarlöfte".into()
        } else {
            format!("{} medborgarlöften", number_word(total))
        },
        if total == 1 { "Löftet" } else { "Löftena" }
    )
}

/// A count as a word, as Swedish prose writes the small ones: `nio`; 13 and up (and 1, whose gender
/// depends on the noun) in digits.
pub(super) fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] =
        ["två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];
    WORDS.get(n.wrapping_sub(2)).map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The public summary's line on one pledge, after its verdict: `Mål: minst 2 gånger under 2019.
/// Resultat: 2 genomförda.`
pub(crate) fn public_pledge(target: &str, result: &str) -> String {
    format!("Mål: {target}. Resultat: {result}.")
}

/// Before a pledge's promise in the public summary.
pub(crate) fn public_promised() -> &'static str {
    "Vi lovade: "
}

/// `en gång`, `3 gånger`, `2,5 gånger`; in hours `1 timme`, `4000 timmar`.
fn times(n: &str, m: Measure) -> String {
    match m {
        Measure::Hours if n == "1" => "1 timme".into(),
        Measure::Hours => format!("{n} timmar"),
        Measure::Activities if n == "1" => "en gång".into(),
        Measure::Activities => format!("{n} gånger"),
    }
}

/// What a pledge asks for, for citizens: `minst 2 gånger under 2019`, `i snitt minst 3 gånger i
/// veckan`, `minst en gång varje månad`, `inget mätbart mål`; a season after it.
pub(crate) fn public_target(pledge: &crate::pledge::Pledge, period: &str) -> String {
    if !pledge.parts.list.is_empty() {
        return parts_target(pledge, period);
    }
    let (rule, days) = (&pledge.rule, &pledge.days);
    use crate::messages::days::{every, restriction};
    use crate::messages::standing::{conditions, trim_decimal};
    use crate::pledge::{RateUnit, Rule};
    let m = pledge.measure;
    let text = match rule {
        Rule::Total { at_least } => format!("minst {} under {period}", times(&at_least.to_string(), m)),
        Rule::Rate { at_least, per } => {
            let n = trim_decimal(*at_least);
            let unit = if *per == RateUnit::Week { "i veckan" } else { "i månaden" };
            format!("i snitt minst {} {unit}", times(&n, m))
        }
        Rule::Ongoing { at_least, each } => {
            format!("minst {} {}", times(&at_least.to_string(), m), every(*each, days))
        }
        Rule::Share { at_least: 100 } => format!("varje gång: {}", conditions(pledge)),
        Rule::Share { at_least } => format!("minst {at_least} % av gångerna: {}", conditions(pledge)),
        Rule::Qualitative => "inget mätbart mål – vi redovisar vad som har gjorts".into(),
        Rule::Indicator(i) => return crate::messages::indicator::public_target(i),
    };
    let each = match rule {
        Rule::Ongoing { each, .. } => Some(*each),
        _ => None,
    };
    // A share's places are among its conditions.
    let places = match rule {
        Rule::Share { .. } => String::new(),
        _ => crate::messages::standing::at_places(&pledge.places),
    };
    let text = format!(
        "{text}{}{}{places}",
        restriction(days, each),
        crate::messages::days::around_occasions(&pledge.occasions, each),
    );
    match days.season {
        Some(s) => format!("{text} ({})", season_text(s)),
        None => text,
    }
}

/// What a pledge in parts asks for, for citizens: one rule for all (`minst 2 gånger under 2019 vid
/// varje fritidsgård (Metro och Kåken)`), or parts of their own totals, the period said once
/// (`under 2019–2020 minst 15 gånger i delen Trafik och minst 10 gånger i delen Ungdom`).
fn parts_target(pledge: &crate::pledge::Pledge, period: &str) -> String {
    use crate::pledge::Rule;
    let list = &pledge.parts.list;
    let alike = list.windows(2).all(|w| w[0].rule == w[1].rule);
    let totals: Option<Vec<u32>> = list
        .iter()
        .map(|p| if let Rule::Total { at_least } = p.rule { Some(at_least) } else { None })
        .collect();
    match totals {
        Some(totals)
            if !alike
                && pledge.days.is_all()
                && pledge.occasions.names.is_empty()
                && list.iter().all(|p| p.places.any_of.is_empty()) =>
        {
            let each: Vec<String> = list
                .iter()
                .zip(totals)
                .map(|(p, n)| format!("minst {} i delen {}", times(&n.to_string(), pledge.measure), p.name))
                .collect();
            format!("under {period} {}", and_list(&each))
        }
        _ => crate::messages::parts::around(pledge, &|p| public_target(p, period)),
    }
}

/// A share, for citizens: `7 av 10 gånger (70 %)`, `ingen gång ännu`.
pub(crate) fn public_share(meeting: u32, all: u32) -> String {
    match all {
        0 => "ingen gång ännu".into(),
        _ => format!("{meeting} av {all} gånger ({} %)", crate::messages::standing::percent(meeting, all)),
    }
}

/// The average of a rate rule (in units), for citizens: `i snitt 3,3 i veckan`, `i snitt 2,5 timmar
/// i veckan`.
pub(crate) fn public_average(avg: f64, at_least: f64, week: bool, m: Measure) -> String {
    let avg = crate::messages::standing::average(avg / f64::from(m.scale()), at_least);
    let noun = crate::messages::measure::noun(m, 0.0);
    format!("i snitt {avg}{noun} {}", if week { "i veckan" } else { "i månaden" })
}

/// Over which months, quarters or terms an ongoing pledge was kept, for citizens: `alla 4 kvartal`,
/// `alla månader utom juli 2019`; `8 av 12 månader` when more than three (or more than were covered)
/// are missing, or the period is still running.
pub(crate) fn public_covered(
    covered: u32,
    of: u32,
    plural: &str,
    missing: &[String],
    is_final: bool,
) -> String {
    if covered == of {
        // The definite form: `alla fyra kvartalen`, `alla tolv månaderna`.
        let definite = match plural {
            "månader" => "månaderna",
            "kvartal" => "kvartalen",
            "terminer" => "terminerna",
            "veckor" => "veckorna",
            other => other,
        };
        if of == 2 {
            format!("båda {definite}")
        } else {
            format!("alla {} {definite}", number_word(of as usize))
        }
    } else if is_final
        && !missing.is_empty()
        && missing.len() <= 3
        && missing.len() < covered as usize
        && covered as usize + missing.len() == of as usize
    {
        format!("alla {plural} utom {}", and_list(missing))
    } else if is_final {
        format!("{covered} av {of} {plural}")
    } else {
        format!("{covered} av {of} {plural} hittills")
    }
}

/// What the verdicts short of met mean, for citizens; `None` when every pledge was met.
pub(crate) fn public_verdicts(partly: bool, not_met: bool) -> Option<String> {
    match (partly, not_met) {
        (false, false) => None,
        (true, false) => Some("Delvis uppfyllt betyder att minst hälften av målet nåddes.".into()),
        (false, true) => Some(
            "Ej uppfyllt betyder att mindre än hälften av målet nåddes, eller att inget har redovisats."
                .into(),
        ),
        (true, true) => Some(
            "Delvis uppfyllt betyder att minst hälften av målet nåddes, ej uppfyllt att mindre än hälften \
             nåddes eller att inget har redovisats."
                .into(),
        ),
    }
}

/// The public summary's closing.
pub(crate) fn public_closing(date: NaiveDate) -> String {
    format!(
        "Arbetet med medborgarlöften fortsätter. Har du synpunkter på tryggheten där du bor? Hör av dig \
         till kommunen eller till polisen på 114 14. Sammanställd den {}.",
        long_date(date)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_title_names_the_place_without_a_genitive() {
        let title = |m: &str| super::public_title("2025", m, false);
        assert_eq!(title("Kalix kommun"), "Medborgarlöften i Kalix 2025 – så gick det");
        assert_eq!(title("Trelleborgs kommun"), "Medborgarlöften i Trelleborgs kommun 2025 – så gick det");
        assert_eq!(title("Haparanda stad"), "Medborgarlöften i Haparanda stad 2025 – så gick det");
    }

    #[test]
    fn the_introduction_agrees_with_the_number_of_pledges() {
        let intro = |n| super::public_intro("Gagnefs kommun och polisen", "2025", n, false);
        assert!(
            intro(1).contains("arbeta med ett medborgarlöfte för en tryggare vardag. Löftet bygger på"),
            "{}",
            intro(1)
        );
        assert!(
            intro(3).contains("arbeta med tre medborgarlöften för en tryggare vardag. Löftena bygger på")
        );
    }
}
