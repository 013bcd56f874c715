//! The Swedish words of the written follow-up (the report) and of its public summary.

mod chart;
mod comments;
mod public;

pub use chart::{
    chart_covered, chart_cumulative_description, chart_done, chart_missed, chart_open, chart_pace,
    chart_sub_periods_description, chart_target, draft_watermark, month_abbr, page_number, sub_period_abbr,
};
pub use comments::comment_error;
pub use public::{
    public_average, public_closing, public_covered, public_intro, public_pledge, public_promised,
    public_target, public_title, public_verdicts,
};

use chrono::{Datelike, NaiveDate};

use crate::rules::Status;

use super::standing::decimal;

use super::standing::MONTHS;

/// `3 februari 2020`.
pub fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `1 januari – 31 december 2019`, or `1 juli 2019 – 30 juni 2020`.
pub fn period_span(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() == end.year() {
        format!("{} {} – {}", start.day(), MONTHS[start.month0() as usize], long_date(end))
    } else {
        format!("{} – {}", long_date(start), long_date(end))
    }
}

/// How a period is named in titles: `2019` for a calendar year, else its span.
pub fn period_name(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() == end.year() && (start.month(), start.day(), end.month(), end.day()) == (1, 1, 12, 31) {
        start.year().to_string()
    } else {
        period_span(start, end)
    }
}

/// The report's title.
pub fn title(period: &str) -> String {
    format!("Uppföljning av medborgarlöften {period}")
}

/// The title of a draft: `Utkast: Uppföljning av medborgarlöften 2019`.
pub fn draft_title(title: &str) -> String {
    format!("Utkast: {title}")
}

/// Who made the pledges: `Kalix kommun och Lokalpolisområde Östra Norrbotten`.
pub fn signatories(municipality: &str, police_area: &str) -> String {
    format!("{municipality} och {police_area}")
}

/// The banner of a draft.
pub fn draft(as_of: NaiveDate) -> String {
    format!("UTKAST – läget per {}. Perioden pågår; bedömningen görs när den är slut.", long_date(as_of))
}

/// The running footer of a printed page.
pub fn footer(period: &str, signatories: &str) -> String {
    format!("Uppföljning av medborgarlöften {period} · {signatories}")
}

/// Labels of the cover and of a pledge's facts.
pub mod label {
    pub const PERIOD: &str = "Period";
    pub const DATE: &str = "Datum";
    pub const TO: &str = "Till";
    pub const CC: &str = "Kopia";
    pub const BASIS: &str = "Underlag";
    pub const OWNERS: &str = "Ansvarig part";
    pub const TARGET: &str = "Mål";
    pub const RESULT: &str = "Resultat";
    pub const VERDICT: &str = "Bedömning";
    pub const STATUS_NOW: &str = "Läge";
    pub const PLEDGE: &str = "Löfte";
    pub const COUNT: &str = "Antal";
    pub const PLACE: &str = "Plats";
    pub const PARTNERS: &str = "Samverkan";
    pub const SOURCE: &str = "Källa";
    pub const REASON: &str = "Skäl";
    pub const FILE: &str = "Fil";
    pub const SHEET: &str = "Blad";
    pub const LOG: &str = "Logg";
    pub const UPDATED: &str = "Senast uppdaterad";
    pub const STATE: &str = "Status";
    pub const ROW: &str = "Rad";
    pub const KEY: &str = "Nyckel";
    pub const CHECKSUM: &str = "Kontrollsumma";
    pub const ROWS: &str = "Rader";
    pub const ERROR: &str = "Fel";
}

/// Headings.
pub mod heading {
    pub const SUMMARY: &str = "Sammanfattning";
    pub const ABOUT: &str = "Om uppföljningen";
    pub const PLEDGES: &str = "Löftena";
    pub const COMMENT: &str = "Kommentar";
    pub const DONE: &str = "Genomförda aktiviteter";
    pub const NOT_COUNTED: &str = "Aktiviteter som inte räknats";
    pub const ROW_ERRORS: &str = "Rader som inte kunde läsas och som kan gälla löftet";
    pub const QUALITY: &str = "Datakvalitet";
    pub const FILES: &str = "Filer som lästs";
    pub const REFUSED: &str = "Filer som inte kunde läsas";
    pub const OPEN_ERRORS: &str = "Rader som inte kunde läsas";
    pub const APPENDIX: &str = "Bilaga: källor";
    pub const TRACE: &str = "Rader bakom varje resultat";
}

/// A person with their title: `Åsa Lindqvist, ordförande i BRÅ`.
pub fn person(name: &str, title: &str) -> String {
    if title.is_empty() { name.to_owned() } else { format!("{name}, {title}") }
}

/// The cover's line on the data: `Aktivitetsloggarna från 2 källor, senast uppdaterade 14 januari 2020`.
pub fn basis(files: usize, last: Option<NaiveDate>) -> String {
    let (what, updated) = if files == 1 {
        ("1 aktivitetslogg".to_owned(), "senast uppdaterad")
    } else {
        (format!("{files} aktivitetsloggar"), "senast uppdaterade")
    };
    match last {
        Some(d) => format!("{what}, {updated} {}", long_date(d)),
        None => what,
    }
}

/// Where a pledge stands in a draft (its period is still running).
pub fn draft_status(s: Status) -> &'static str {
    match s {
        Status::Met => "Uppfyllt",
        Status::OnTrack => "Pågår, i takt",
        Status::Behind => "Pågår, efter takten",
        Status::Missed => "Kan inte längre uppfyllas",
        Status::Qualitative => "Pågår",
    }
}

/// The summary's first sentence: `Av 9 medborgarlöften är 6 uppfyllda, 2 delvis uppfyllda och 1
/// genomfört.` (the words of the verdicts in the table), and a second naming the pledges without a
/// number, if any.
pub fn summary(total: usize, met: usize, partly: usize, not_met: usize, done: &[String]) -> String {
    if total == 0 {
        return "Inga medborgarlöften hör till perioden.".into();
    }
    let parts: Vec<String> = [
        (met, "uppfyllt", "uppfyllda"),
        (partly, "delvis uppfyllt", "delvis uppfyllda"),
        (not_met, "inte uppfyllt", "inte uppfyllda"),
        (done.len(), "genomfört", "genomförda"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
    .collect();
    let mut s = if met + partly + done.len() == 0 {
        format!("Inget av de {total} medborgarlöftena uppfylldes.")
    } else if met == total && total > 1 {
        format!("Alla {total} medborgarlöften är uppfyllda.")
    } else {
        format!(
            "Av {total} {} är {}.",
            if total == 1 { "medborgarlöfte" } else { "medborgarlöften" },
            and_list(&parts)
        )
    };
    match done {
        [] => {}
        [one] => s.push_str(&format!(
            " Löftet {one} saknar mätbart mål och redovisas som genomfört eftersom aktiviteter har redovisats."
        )),
        many => s.push_str(&format!(
            " Löftena {} saknar mätbart mål och redovisas som genomförda eftersom aktiviteter har redovisats.",
            and_list(many)
        )),
    }
    s
}

/// `a`, `a och b`, `a, b och c`.
pub fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// The summary of a draft: `Läget för de 9 medborgarlöftena: 5 redan uppfyllda, 2 efter takten och
/// 1 utan mätbart mål pågår.`
pub fn draft_summary(
    total: usize,
    met: usize,
    on_track: usize,
    behind: usize,
    lost: usize,
    open: usize,
) -> String {
    let parts: Vec<String> = [
        (met, "är redan uppfyllt", "är redan uppfyllda"),
        (on_track, "går i takt", "går i takt"),
        (behind, "ligger efter takten", "ligger efter takten"),
        (lost, "kan inte längre uppfyllas", "kan inte längre uppfyllas"),
        (open, "utan mätbart mål pågår", "utan mätbart mål pågår"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
    .collect();
    format!("Läget för de {total} medborgarlöftena: {}.", and_list(&parts))
}

/// How the follow-up was made and how to read it.
pub fn method() -> Vec<String> {
    vec![
        "Uppföljningen är sammanställd ur de aktivitetsloggar som polisen och kommunen för under perioden. \
         Varje aktivitet räknas mot de löften den hör till, enligt löftets mål. Alla siffror kan spåras \
         till fil, blad och rad i bilagan."
            .into(),
        "Bedömning: Uppfyllt – målet är nått. Delvis uppfyllt – minst hälften av målet är nått. Ej \
         uppfyllt – mindre än hälften, eller (löfte utan mätbart mål) inga redovisade aktiviteter. \
         Genomfört – löfte utan mätbart mål där aktiviteter har redovisats."
            .into(),
    ]
}

/// `Kommentar saknas.`: an unmet pledge without a comment from the coordinators.
pub fn no_comment() -> String {
    "Kommentar saknas.".into()
}

/// The heading over a pledge's activities: `Genomförda aktiviteter (75 rader, sammanlagt 172)`, or
/// `(5)` when each row is one.
pub fn done_heading(rows: usize, total: u32) -> String {
    if rows == total as usize {
        format!("{} ({total})", heading::DONE)
    } else {
        format!("{} ({rows} rader, sammanlagt {total})", heading::DONE)
    }
}

/// How a period is named in running text: `2019`, or `perioden 1 juli 2020 – 30 juni 2021`.
pub fn period_phrase(start: NaiveDate, end: NaiveDate) -> String {
    let name = period_name(start, end);
    if name.chars().all(|c| c.is_ascii_digit()) { name } else { format!("perioden {name}") }
}

/// How many were done (the sum of Antal, so not "times": one row may hold several): `1 genomförd`,
/// `172 genomförda`.
pub fn result_count(activities: u32) -> String {
    if activities == 1 { "1 genomförd".into() } else { format!("{activities} genomförda") }
}

/// What a pledge asks for, in a report: the rule in words, or for a pledge without a number
/// `inget mätbart mål; aktiviteterna redovisas`.
pub fn target(
    rule: &crate::pledge::Rule,
    target: Option<u32>,
    season: Option<crate::pledge::Season>,
) -> String {
    let text = match rule {
        crate::pledge::Rule::Qualitative => "inget mätbart mål; aktiviteterna redovisas".into(),
        _ => super::standing::rule_text(rule, target),
    };
    match season {
        Some(s) => format!("{text} ({})", season_text(s)),
        None => text,
    }
}

/// A pledge's season: `säsongen 1 november – 30 april`.
fn season_text(s: crate::pledge::Season) -> String {
    let month = |m: u32| MONTHS[(m.clamp(1, 12) - 1) as usize];
    format!("säsongen {} {} – {} {}", s.from.day, month(s.from.month), s.to.day, month(s.to.month))
}

/// The average of a rate rule: `i snitt 3,3 per vecka`.
pub fn result_average(avg: f64, week: bool) -> String {
    format!("i snitt {} per {}", decimal(avg, 1), if week { "vecka" } else { "månad" })
}

/// An ongoing pledge's months, quarters or terms: `11 av 12 månader med aktivitet (saknas: juli
/// 2019)`.
pub fn result_covered(covered: u32, of: u32, plural: &str, missing: &[String]) -> String {
    let base = format!("{covered} av {of} {plural} med aktivitet");
    if missing.is_empty() { base } else { format!("{base} (saknas: {})", and_list(missing)) }
}

/// A tag reported beside the count: `varav 2 märkta A-traktor`.
pub fn result_tag(tag: &str, n: u32) -> String {
    format!("varav {n} {} {tag}", if n == 1 { "märkt" } else { "märkta" })
}

/// `Inga aktiviteter redovisade.`
pub fn no_activities() -> String {
    "Inga aktiviteter redovisade.".into()
}

/// The state of a file, for the data-quality table.
pub fn file_state(state: crate::store::FileState) -> &'static str {
    use crate::store::FileState;
    match state {
        FileState::Read => "läst",
        FileState::Duplicate => "kopia, räknas en gång",
        FileState::Refused => "kunde inte läsas",
        FileState::Missing => "borttagen, raderna räknas ändå",
    }
}

/// Instead of the table of files, when none holds anything of the period.
pub fn no_files() -> String {
    "Inga filer med aktiviteter eller rader från perioden har lästs.".into()
}

/// Instead of the appendix's tables, when no activity is cited.
pub fn no_sources() -> String {
    "Inga aktiviteter från perioden finns i aktivitetsloggarna, så det finns inga källor att hänvisa till."
        .into()
}

/// Under the table of files: what its times are.
pub fn files_note() -> String {
    "”Senast uppdaterad” anger när filens senaste version lästes in.".into()
}

/// The data-quality summary.
pub fn quality_summary(files: usize, refused: usize, row_errors: usize) -> String {
    let mut s =
        if files == 1 { "1 fil har lästs.".to_owned() } else { format!("{files} filer har lästs.") };
    match refused {
        0 => s.push_str(" Ingen fil har avvisats."),
        1 => s.push_str(" 1 fil kunde inte läsas."),
        n => s.push_str(&format!(" {n} filer kunde inte läsas.")),
    }
    match row_errors {
        0 => s.push_str(" Alla rader kunde läsas."),
        1 => s.push_str(" 1 rad kunde inte läsas och har ännu inte rättats; den kan saknas i siffrorna."),
        n => s.push_str(&format!(
            " {n} rader kunde inte läsas och har ännu inte rättats; de kan saknas i siffrorna."
        )),
    }
    s
}

/// The appendix's introduction.
pub fn appendix_intro() -> String {
    "Varje aktivitet i rapporten har en källhänvisning, till exempel \"A 17\": nyckel A i tabellen \
     nedan, rad 17. Kontrollsumman (BLAKE3) identifierar den version av filen som räknats."
        .into()
}

/// A source key's reference to a row: `A 17`.
pub fn row_ref(key: &str, row: Option<u32>) -> String {
    match row {
        Some(r) => format!("{key} {r}"),
        None => key.to_owned(),
    }
}

/// A figure traced to its rows: `172 = summan av Antal på raderna A 2–14, 16–50; B 3`.
pub fn trace(count: u32, refs: &str) -> String {
    if refs.is_empty() {
        format!("{count}: inga rader")
    } else {
        format!("{count} = summan av Antal på raderna {refs}")
    }
}

#[cfg(test)]
mod tests {
    use super::public::number_word;
    use super::*;
    use crate::pledge::{MonthDay, RateUnit, Rule, Season, SubPeriod};

    #[test]
    fn the_summary_names_the_pledges_without_a_number() {
        let andts = ["Tidiga insatser mot ANDTS".to_owned()];
        assert_eq!(
            summary(9, 6, 2, 0, &andts),
            "Av 9 medborgarlöften är 6 uppfyllda, 2 delvis uppfyllda och 1 genomfört. Löftet Tidiga insatser \
             mot ANDTS saknar mätbart mål och redovisas som genomfört eftersom aktiviteter har redovisats."
        );
        let two = ["A".to_owned(), "B".to_owned()];
        assert!(
            summary(3, 0, 0, 1, &two)
                .starts_with("Av 3 medborgarlöften är 1 inte uppfyllt och 2 genomförda. Löftena A och B")
        );
        assert_eq!(summary(2, 0, 0, 2, &[]), "Inget av de 2 medborgarlöftena uppfylldes.");
        assert_eq!(summary(4, 4, 0, 0, &[]), "Alla 4 medborgarlöften är uppfyllda.");
        assert_eq!(
            public_covered(1, 4, "kvartal", &["a".into(), "b".into(), "c".into()], true),
            "1 av 4 kvartal"
        );
        assert_eq!(public_covered(1, 2, "terminer", &["vårterminen 2021".into()], true), "1 av 2 terminer");
        assert_eq!(result_tag("A-traktor", 2), "varav 2 märkta A-traktor");
    }

    #[test]
    fn the_public_words_are_plain() {
        let t = |rule: Rule| public_target(&rule, None, "2019");
        assert_eq!(t(Rule::Total { at_least: 2 }), "minst 2 gånger under 2019");
        assert_eq!(t(Rule::Total { at_least: 1 }), "minst en gång under 2019");
        assert_eq!(t(Rule::Rate { at_least: 3.0, per: RateUnit::Week }), "i snitt minst 3 gånger i veckan");
        assert_eq!(
            t(Rule::Rate { at_least: 2.5, per: RateUnit::Month }),
            "i snitt minst 2,5 gånger i månaden"
        );
        assert_eq!(t(Rule::Ongoing { at_least: 1, each: SubPeriod::Quarter }), "minst en gång varje kvartal");
        let winter = Season { from: MonthDay { month: 11, day: 1 }, to: MonthDay { month: 4, day: 30 } };
        assert_eq!(
            public_target(&Rule::Total { at_least: 2 }, Some(winter), "2019"),
            "minst 2 gånger under 2019 (säsongen 1 november – 30 april)"
        );
        let july = ["juli 2019".to_owned()];
        assert_eq!(public_covered(11, 12, "månader", &july, true), "alla månader utom juli 2019");
        assert_eq!(public_covered(4, 4, "kvartal", &[], true), "alla fyra kvartalen");
        assert_eq!(public_covered(12, 12, "månader", &[], true), "alla tolv månaderna");
        assert_eq!(number_word(9), "nio");
        assert_eq!((number_word(1), number_word(13)), ("1".to_owned(), "13".to_owned()));
        assert_eq!(public_covered(6, 12, "månader", &july, false), "6 av 12 månader hittills");
        let many: Vec<String> = ["jan", "feb", "mar", "apr"].map(String::from).into();
        assert_eq!(public_covered(8, 12, "månader", &many, true), "8 av 12 månader");
        assert_eq!(public_verdicts(false, false), None);
    }
}
