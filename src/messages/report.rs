//! The Swedish words of the written follow-up (the report) and of its public summary.

mod chart;
mod comments;
mod public;
mod summary;

pub(crate) use chart::{
    chart_covered, chart_cumulative_description, chart_done, chart_missed, chart_open, chart_pace,
    chart_sub_periods_description, chart_target, chart_without_description, draft_watermark, month_abbr,
    page_number, sub_period_abbr,
};
pub(crate) use comments::comment_error;
pub(crate) use public::{
    public_average, public_closing, public_covered, public_intro, public_pledge, public_promised,
    public_share, public_target, public_title, public_verdicts,
};
pub(crate) use summary::{draft_summary, method, summary};

use chrono::{Datelike, NaiveDate};

use crate::rules::Status;

use super::measure::{amount, noun, number};
use super::standing::MONTHS;
use crate::pledge::Measure;

/// `3 februari 2020`.
pub(crate) fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `1 januari – 31 december 2019`, or `1 juli 2019 – 30 juni 2020`.
pub(crate) fn period_span(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() == end.year() {
        format!("{} {} – {}", start.day(), MONTHS[start.month0() as usize], long_date(end))
    } else {
        format!("{} – {}", long_date(start), long_date(end))
    }
}

/// How a period is named in titles: `2019` for a calendar year, else its span.
pub(crate) fn period_name(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() == end.year() && (start.month(), start.day(), end.month(), end.day()) == (1, 1, 12, 31) {
        start.year().to_string()
    } else {
        period_span(start, end)
    }
}

/// What the follow-up of a period is called in a sentence: `den årliga uppföljningen` of a period of
/// a year, `uppföljningen` of one of two years or half a year; capitalized, to start a sentence.
pub(crate) fn follow_up_name(start: NaiveDate, end: NaiveDate, capital: bool) -> &'static str {
    let a_year = start.checked_add_months(chrono::Months::new(12)).and_then(|d| d.pred_opt()) == Some(end);
    match (a_year, capital) {
        (true, false) => "den årliga uppföljningen",
        (true, true) => "Den årliga uppföljningen",
        (false, false) => "uppföljningen",
        (false, true) => "Uppföljningen",
    }
}

/// The report's title.
pub(crate) fn title(period: &str) -> String {
    format!("Uppföljning av medborgarlöften {period}")
}

/// The title of a draft: `Utkast: Uppföljning av medborgarlöften 2019`.
pub(crate) fn draft_title(title: &str) -> String {
    format!("Utkast: {title}")
}

/// Who made the pledges: `Kalix kommun och Lokalpolisområde Östra Norrbotten`.
pub(crate) fn signatories(municipality: &str, police_area: &str) -> String {
    format!("{municipality} och {police_area}")
}

/// The banner of a draft.
/// On a corrected version's cover: what it replaces.
pub(crate) fn corrected(mailed_on: NaiveDate) -> String {
    format!(
        "Ersätter uppföljningen som skickades den {}: en aktivitetslogg har ändrats sedan dess.",
        long_date(mailed_on)
    )
}

/// A corrected version's title: `Uppföljning av medborgarlöften 2019 (rättad version av den 3 februari 2020)`.
pub(crate) fn corrected_title(title: &str, mailed_on: NaiveDate) -> String {
    format!("{title} (rättad version av den {})", long_date(mailed_on))
}

pub(crate) fn draft(as_of: NaiveDate) -> String {
    format!("UTKAST – läget per {}. Perioden pågår; bedömningen görs när den är slut.", long_date(as_of))
}

/// The banner of an interim follow-up.
pub(crate) fn interim(as_of: NaiveDate) -> String {
    format!("DELRAPPORT – läget per {}. Perioden pågår; bedömningen görs när den är slut.", long_date(as_of))
}

/// The word across each page of an interim follow-up.
pub(crate) fn interim_watermark() -> String {
    "DELRAPPORT".into()
}

/// The title of an interim follow-up: `Delrapport: Uppföljning av medborgarlöften 2019`.
pub(crate) fn interim_title(title: &str) -> String {
    format!("Delrapport: {title}")
}

/// The running footer of a printed page.
pub(crate) fn footer(period: &str, signatories: &str) -> String {
    format!("Uppföljning av medborgarlöften {period} · {signatories}")
}

/// Labels of the cover and of a pledge's facts.
/// Below a table the follow-up cuts short: how many rows it leaves out.
/// Below a pledge's table of counted activities cut short: they count, the logs hold them.
pub(crate) fn activities_not_listed(rows: usize) -> String {
    match rows {
        1 => "Ytterligare 1 räknad aktivitet listas inte här; den finns i loggarna.".into(),
        n => format!(
            "Ytterligare {} räknade aktiviteter listas inte här; de finns i loggarna.",
            super::mail::whole(n as u64)
        ),
    }
}

pub(crate) fn not_listed(rows: usize) -> String {
    match rows {
        1 => "Ytterligare 1 rad listas inte här.".into(),
        n => format!("Ytterligare {} rader listas inte här.", super::mail::whole(n as u64)),
    }
}

/// A pledge's owners whose logs hold nothing of the period: `ingen logg från Kalix kommun med
/// aktiviteter under perioden; resultatet bygger på de övriga loggarna`.
pub(crate) fn missing_logs(parties: &[String], others: bool) -> String {
    let rest = if others { "; resultatet bygger på de övriga loggarna" } else { "" };
    format!("ingen logg från {} med aktiviteter under perioden{rest}", and_list(parties))
}

/// The result of a pledge's previous period, beside this one's: `2018: Delvis uppfyllt – 140
/// genomförda, i snitt 2,7 per vecka`; `known: None` when its logs are not in the store: `2018:
/// loggarna för perioden finns inte i underlaget`.
pub(crate) fn previous_result(period: &str, known: Option<(&str, &str)>) -> String {
    match known {
        Some((verdict, result)) => format!("{period}: {verdict} – {result}"),
        None => format!("{period}: loggarna för perioden finns inte i underlaget"),
    }
}

/// The previous period's result for citizens: `Förra perioden (2018): delvis uppfyllt, 140
/// genomförda.`
pub(crate) fn public_previous(period: &str, verdict: &str, result: &str) -> String {
    format!("Förra perioden ({period}): {}, {result}.", verdict.to_lowercase())
}

pub(crate) mod label {
    pub(crate) const PERIOD: &str = "Period";
    pub(crate) const DATE: &str = "Datum";
    pub(crate) const TO: &str = "Till";
    pub(crate) const CC: &str = "Kopia";
    pub(crate) const BASIS: &str = "Underlag";
    pub(crate) const CORRECTED: &str = "Rättad version";
    pub(crate) const OWNERS: &str = "Ansvarig part";
    pub(crate) const TARGET: &str = "Mål";
    pub(crate) const RESULT: &str = "Resultat";
    pub(crate) const PREVIOUS: &str = "Förra perioden";
    pub(crate) const MISSING: &str = "Underlag saknas";
    pub(crate) const VERDICT: &str = "Bedömning";
    pub(crate) const STATUS_NOW: &str = "Läge";
    pub(crate) const PLEDGE: &str = "Löfte";
    pub(crate) const PART: &str = "Del";
    pub(crate) const COUNT: &str = "Antal";
    pub(crate) const HOURS: &str = "Timmar";
    pub(crate) const PLACE: &str = "Plats";
    pub(crate) const PARTNERS: &str = "Samverkan";
    pub(crate) const SOURCE: &str = "Källa";
    pub(crate) const REASON: &str = "Skäl";
    pub(crate) const FILE: &str = "Fil";
    pub(crate) const SHEET: &str = "Blad";
    pub(crate) const LOG: &str = "Logg";
    pub(crate) const UPDATED: &str = "Senast uppdaterad";
    pub(crate) const STATE: &str = "Status";
    pub(crate) const ROW: &str = "Rad";
    pub(crate) const KEY: &str = "Nyckel";
    pub(crate) const CHECKSUM: &str = "Kontrollsumma";
    pub(crate) const ROWS: &str = "Rader";
    pub(crate) const ERROR: &str = "Fel";
}

/// Headings.
pub(crate) mod heading {
    pub(crate) const SUMMARY: &str = "Sammanfattning";
    pub(crate) const ABOUT: &str = "Om uppföljningen";
    pub(crate) const PLEDGES: &str = "Löftena";
    pub(crate) const COMMENT: &str = "Kommentar";
    pub(crate) const PARTS: &str = "Delarna";
    pub(crate) const DONE: &str = "Genomförda aktiviteter";
    pub(crate) const NOT_COUNTED: &str = "Aktiviteter som inte räknats";
    pub(crate) const ROW_ERRORS: &str = "Rader som inte kunde läsas och som kan gälla löftet";
    pub(crate) const QUALITY: &str = "Datakvalitet";
    pub(crate) const FILES: &str = "Filer som lästs";
    pub(crate) const REFUSED: &str = "Filer som inte kunde läsas";
    pub(crate) const OPEN_ERRORS: &str = "Rader som inte kunde läsas";
    pub(crate) const APPENDIX: &str = "Bilaga: källor";
    pub(crate) const TRACE: &str = "Rader bakom varje resultat";
}

/// A person with their title: `Åsa Lindqvist, ordförande i BRÅ`.
pub(crate) fn person(name: &str, title: &str) -> String {
    if title.is_empty() { name.to_owned() } else { format!("{name}, {title}") }
}

/// The cover's line on the data: `Aktivitetsloggarna från 2 källor, senast uppdaterade 14 januari 2020`.
/// Files that are not all activity logs (an indicator's or a plan's) are `filer`.
pub(crate) fn basis(files: usize, all_logs: bool, last: Option<NaiveDate>) -> String {
    let (what, updated) = match (files, all_logs) {
        (1, true) => ("1 aktivitetslogg".to_owned(), "senast uppdaterad"),
        (1, false) => ("1 fil".to_owned(), "senast uppdaterad"),
        (n, true) => (format!("{n} aktivitetsloggar"), "senast uppdaterade"),
        (n, false) => (format!("{n} filer"), "senast uppdaterade"),
    };
    match last {
        Some(d) => format!("{what}, {updated} {}", long_date(d)),
        None => what,
    }
}

/// Where a pledge stands in a draft (its period is still running).
pub(crate) fn draft_status(s: Status) -> &'static str {
    match s {
        Status::Met => "Uppfyllt",
        Status::OnTrack => "Pågår, i takt",
        Status::Behind => "Pågår, efter takten",
        Status::Missed => "Kan inte längre uppfyllas",
        Status::Qualitative => "Pågår",
        Status::Unmeasured => "Pågår, inget mätvärde ännu",
    }
}

/// `a`, `a och b`, `a, b och c`.
pub(crate) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// Rows of a pledge dated after the follow-up's day: `3 rader är daterade efter 30 juni 2020 och
/// räknas när dagen har kommit.`
pub(crate) fn dated_later(rows: usize, as_of: NaiveDate) -> String {
    let what = if rows == 1 { "1 rad är daterad".to_owned() } else { format!("{rows} rader är daterade") };
    format!("{what} efter {} och räknas när dagen har kommit.", long_date(as_of))
}

/// `Kommentar saknas.`: an unmet pledge without a comment from the coordinators.
pub(crate) fn no_comment() -> String {
    "Kommentar saknas.".into()
}

/// The heading over a pledge's activities: `Genomförda aktiviteter (75 rader, sammanlagt 172)`, or
/// `(5)` when each row is one; in hours `(12 rader, sammanlagt 40,5 timmar)`.
pub(crate) fn done_heading(rows: usize, total: u32, m: Measure) -> String {
    if m == Measure::Hours {
        let rows = if rows == 1 { "1 rad".to_owned() } else { format!("{rows} rader") };
        format!("{} ({rows}, sammanlagt {})", heading::DONE, amount(m, total))
    } else if rows == total as usize {
        format!("{} ({total})", heading::DONE)
    } else {
        let rows = if rows == 1 { "1 rad".to_owned() } else { format!("{rows} rader") };
        format!("{} ({rows}, sammanlagt {total})", heading::DONE)
    }
}

/// How a period is named in running text: `2019`, or `perioden 1 juli 2020 – 30 juni 2021`.
pub(crate) fn period_phrase(start: NaiveDate, end: NaiveDate) -> String {
    let name = period_name(start, end);
    if name.chars().all(|c| c.is_ascii_digit()) { name } else { format!("perioden {name}") }
}

/// How many were done (the sum of Antal, so not "times": one row may hold several): `1 genomförd`,
/// `172 genomförda`; in hours, how many were spent: `1012,5 timmar`.
pub(crate) fn result_count(activities: u32, m: Measure) -> String {
    match m {
        Measure::Hours => amount(m, activities),
        Measure::Activities if activities == 1 => "1 genomförd".into(),
        Measure::Activities => format!("{activities} genomförda"),
    }
}

/// What a pledge asks for, in a report: the rule in words, or for a pledge without a number
/// `inget mätbart mål; aktiviteterna redovisas`.
pub(crate) fn target(pledge: &crate::pledge::Pledge, target: Option<u32>) -> String {
    let text = match pledge.rule {
        crate::pledge::Rule::Qualitative => {
            format!(
                "inget mätbart mål; aktiviteterna{} redovisas",
                super::standing::at_places(&pledge.places)
            )
        }
        _ => super::standing::rule_text(pledge, target),
    };
    match pledge.days.season {
        Some(s) => format!("{text} ({})", season_text(s)),
        None => text,
    }
}

/// A pledge's season: `säsongen 1 november – 30 april`.
fn season_text(s: crate::pledge::Season) -> String {
    let month = |m: u32| MONTHS[(m.clamp(1, 12) - 1) as usize];
    format!("säsongen {} {} – {} {}", s.from.day, month(s.from.month), s.to.day, month(s.to.month))
}

/// What a covered month, quarter or term of an ongoing rule of `at_least` (as the config gives it)
/// has: `med aktivitet`, in hours `med minst 10 timmar`.
pub(crate) fn covered_with(m: Measure, at_least: u32) -> String {
    match m {
        Measure::Activities => "med aktivitet".into(),
        Measure::Hours => format!("med minst {}", amount(m, at_least.saturating_mul(m.scale()))),
    }
}

/// The average of a rate rule (in units): `i snitt 3,3 per vecka`, `i snitt 2,5 timmar per vecka`.
pub(crate) fn result_average(avg: f64, at_least: f64, week: bool, m: Measure) -> String {
    let avg = crate::messages::standing::average(avg / f64::from(m.scale()), at_least);
    format!("i snitt {avg}{} per {}", noun(m, 0.0), if week { "vecka" } else { "månad" })
}

/// An ongoing pledge's months, quarters or terms: `11 av 12 månader med aktivitet (saknas: juli
/// 2019)`; in hours `5 av 12 månader med minst 10 timmar`.
pub(crate) fn result_covered(
    covered: u32,
    of: u32,
    plural: &str,
    missing: &[String],
    reached: &str,
) -> String {
    let base = format!("{covered} av {of} {plural} {reached}");
    if missing.is_empty() {
        return base;
    }
    format!("{base} (saknas: {})", super::standing::missed_named(missing, and_list))
}

/// The tags reported beside the count: `varav 2 märkta A-traktor`, `varav 13 märkta Nykterhet och
/// 1 märkt Hastighet`, in hours `varav 4,5 timmar märkta A-traktor`; `None` without tags.
pub(crate) fn result_tags(tags: &[(String, u32)], m: Measure) -> Option<String> {
    let each: Vec<String> = tags
        .iter()
        .map(|(tag, n)| {
            let one = *n == 1 && m == Measure::Activities;
            format!("{} {} {tag}", amount(m, *n), if one { "märkt" } else { "märkta" })
        })
        .collect();
    (!each.is_empty()).then(|| format!("varav {}", and_list(&each)))
}

/// `Ingen aktivitet räknas: 2 redovisade aktiviteter uppfyller inte löftets villkor (se nedan).`
pub(crate) fn none_counted(not_counted: usize) -> String {
    let what = if not_counted == 1 {
        "1 redovisad aktivitet uppfyller".to_owned()
    } else {
        format!("{not_counted} redovisade aktiviteter uppfyller")
    };
    format!("Ingen aktivitet räknas: {what} inte löftets villkor (se nedan).")
}

/// `Inga aktiviteter redovisade.`
pub(crate) fn no_activities() -> String {
    "Inga aktiviteter redovisade.".into()
}

/// The state of a file, for the data-quality table.
pub(crate) fn file_state(state: crate::store::FileState) -> &'static str {
    use crate::store::FileState;
    match state {
        FileState::Read => "läst",
        FileState::Duplicate => "kopia, räknas en gång",
        FileState::Refused => "kunde inte läsas",
        FileState::Missing => "borttagen, raderna räknas ändå",
    }
}

/// Instead of the table of files, when none holds anything of the period.
pub(crate) fn no_files() -> String {
    "Inga filer med aktiviteter eller rader från perioden har lästs.".into()
}

/// Instead of the appendix's tables, when no activity is cited.
pub(crate) fn no_sources() -> String {
    "Inga aktiviteter från perioden finns i aktivitetsloggarna, så det finns inga källor att hänvisa till."
        .into()
}

/// Under the table of files: what its times are.
pub(crate) fn files_note() -> String {
    "”Senast uppdaterad” anger när filens senaste version sparades (och senast när den lästes in).".into()
}

/// The data-quality summary.
pub(crate) fn quality_summary(files: usize, refused: usize, row_errors: usize) -> String {
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
pub(crate) fn appendix_intro() -> String {
    "Varje aktivitet i rapporten har en källhänvisning, till exempel \"A 17\": nyckel A i tabellen \
     nedan, rad 17. Kontrollsumman (BLAKE3) identifierar den version av filen som räknats."
        .into()
}

/// A source key's reference to a row: `A 17`.
pub(crate) fn row_ref(key: &str, row: Option<u32>) -> String {
    match row {
        Some(r) => format!("{key} {r}"),
        None => key.to_owned(),
    }
}

/// A figure traced to its rows: `172 = summan av Antal på raderna A 2–14, 16–50; B 3`.
pub(crate) fn trace(count: u32, refs: &str, m: Measure) -> String {
    let (figure, column) = (number(m, count), if m == Measure::Hours { "Timmar" } else { "Antal" });
    if refs.is_empty() {
        format!("{figure}: inga rader")
    } else {
        format!("{figure} = summan av {column} på raderna {refs}")
    }
}

#[cfg(test)]
mod tests {
    use super::public::number_word;
    use super::*;
    use crate::pledge::{ActiveDays, MonthDay, Pledge, RateUnit, Rule, Season, SubPeriod};

    #[test]
    fn the_summary_names_the_pledges_without_a_number() {
        let andts = ["Tidiga insatser mot ANDTS".to_owned()];
        assert_eq!(
            summary(9, (6, 2, 0, 0), &andts),
            "Av 9 medborgarlöften är 6 uppfyllda, 2 delvis uppfyllda och 1 genomfört. Löftet Tidiga insatser \
             mot ANDTS saknar mätbart mål och redovisas som genomfört eftersom aktiviteter har redovisats."
        );
        let two = ["A".to_owned(), "B".to_owned()];
        assert!(
            summary(3, (0, 0, 1, 0), &two)
                .starts_with("Av 3 medborgarlöften är 1 inte uppfyllt och 2 genomförda. Löftena A och B")
        );
        assert_eq!(summary(2, (0, 0, 2, 0), &[]), "Inget av de 2 medborgarlöftena uppfylldes.");
        assert_eq!(summary(4, (4, 0, 0, 0), &[]), "Alla 4 medborgarlöften är uppfyllda.");
        // An indicator without a value was not judged: not "none was met".
        assert_eq!(summary(2, (0, 0, 1, 1), &[]), "Av 2 medborgarlöften är 1 inte uppfyllt och 1 inte mätt.");
        assert_eq!(
            public_covered(1, 4, "kvartal", &["a".into(), "b".into(), "c".into()], true),
            "1 av 4 kvartal"
        );
        assert_eq!(public_covered(1, 2, "terminer", &["vårterminen 2021".into()], true), "1 av 2 terminer");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(follow_up_name(d("2019-01-01"), d("2019-12-31"), false), "den årliga uppföljningen");
        assert_eq!(follow_up_name(d("2019-07-01"), d("2020-06-30"), true), "Den årliga uppföljningen");
        assert_eq!(follow_up_name(d("2024-01-01"), d("2025-12-31"), false), "uppföljningen");
        assert_eq!(follow_up_name(d("2019-01-01"), d("2019-06-30"), true), "Uppföljningen");
        let a = Measure::Activities;
        assert_eq!(result_tags(&[("A-traktor".into(), 2)], a).unwrap(), "varav 2 märkta A-traktor");
        let one_hour = result_tags(&[("A-traktor".into(), 100)], Measure::Hours);
        assert_eq!(one_hour.unwrap(), "varav 1 timme märkta A-traktor");
        let two = [("Nykterhet".into(), 13), ("Hastighet".into(), 1)];
        assert_eq!(result_tags(&two, a).unwrap(), "varav 13 märkta Nykterhet och 1 märkt Hastighet");
        assert_eq!(result_tags(&[], a), None);
    }

    #[test]
    fn the_public_words_are_plain() {
        let t = |rule: Rule| public_target(&Pledge::example(rule, ActiveDays::default(), &[]), "2019");
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
            public_target(
                &Pledge::example(
                    Rule::Total { at_least: 2 },
                    ActiveDays { season: Some(winter), ..ActiveDays::default() },
                    &[]
                ),
                "2019"
            ),
            "minst 2 gånger under 2019 (säsongen 1 november – 30 april)"
        );
        let clubs = Pledge::example(Rule::Total { at_least: 9 }, ActiveDays::default(), &["Metro", "Kåken"]);
        assert_eq!(public_target(&clubs, "2019"), "minst 9 gånger under 2019 vid Metro eller Kåken");
        // Parts of their own totals: the period said once.
        let mut kinds = Pledge::example(Rule::Total { at_least: 15 }, ActiveDays::default(), &[]);
        let part = |name: &str, n| crate::pledge::Part {
            name: name.into(),
            activities: vec!["k".into()],
            places: crate::pledge::Places::default(),
            rule: Rule::Total { at_least: n },
        };
        kinds.parts.list = vec![part("Trafik", 15), part("Ungdom", 1)];
        assert_eq!(
            public_target(&kinds, "2019–2020"),
            "under 2019–2020 minst 15 gånger i delen Trafik och minst en gång i delen Ungdom"
        );
        let july = ["juli 2019".to_owned()];
        assert_eq!(public_covered(11, 12, "månader", &july, true), "alla månader utom juli 2019");
        assert_eq!(public_covered(4, 4, "kvartal", &[], true), "alla fyra kvartalen");
        assert_eq!(public_covered(2, 2, "terminer", &[], true), "båda terminerna");
        assert_eq!(public_covered(12, 12, "månader", &[], true), "alla tolv månaderna");
        assert_eq!(number_word(9), "nio");
        assert_eq!((number_word(1), number_word(13)), ("1".to_owned(), "13".to_owned()));
        assert_eq!(public_covered(6, 12, "månader", &july, false), "6 av 12 månader hittills");
        let many: Vec<String> = ["jan", "feb", "mar", "apr"].map(String::from).into();
        assert_eq!(public_covered(8, 12, "månader", &many, true), "8 av 12 månader");
        assert_eq!(public_verdicts(false, false), None);
    }
}
