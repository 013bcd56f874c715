//! Every Swedish sentence that a person reads, outside the templates: here, about the logs (why a row
//! could not be read, why a file was refused, why a sheet was skipped); in [`standing`], about where a
//! pledge stands. One place, so the wording is consistent and reviewable.
//!
//! Pure. The reasons are data (`model.rs`, `rules`); this module only turns them into text.

pub(crate) mod days;
pub(crate) mod indicator;
pub(crate) mod mail;
pub(crate) mod measure;
pub(crate) mod parts;
pub(crate) mod plan;
pub(crate) mod report;
pub(crate) mod standing;

use crate::model::{Column, FileRefusal, LooksLike, Reason, RowReason, SheetNote};
use crate::pledge::ActivityKind;

/// What is wrong with a row, sheet or file: the sentence the follow-up shows (its readers do not
/// mend logs, so no advice).
pub fn problem(reason: &Reason) -> String {
    match reason {
        Reason::Row(r) => row_problem(r),
        Reason::Sheet(note) => sheet_note(note),
        Reason::File(f) => file_problem(f),
        Reason::Written(text) => text.clone(),
    }
}

/// What the examples in the advice are taken from: the config's activities (one is named where a
/// row's activity is unknown) and a year of its periods (for a date to write).
#[derive(Debug, Clone, Copy)]
pub struct Hints<'a> {
    /// The config's activities.
    pub activities: &'a [ActivityKind],
    /// The year an example date is in.
    pub year: i32,
    /// In a police area, the names of its municipalities (what a `Kommun` cell may say).
    pub municipalities: &'a [String],
}

impl<'a> Hints<'a> {
    /// The hints of a config: its activities, and the start year of its latest period.
    pub fn of(config: &'a crate::config::Config) -> Hints<'a> {
        use chrono::Datelike;
        let year = config.periods.iter().map(|p| p.start.year()).max().unwrap_or(2019);
        Hints { activities: &config.activities, year, municipalities: &config.area_names }
    }
}

/// What the log keeper can do about it, when there is something to say, with examples from `hints`.
pub(crate) fn advice(reason: &Reason, hints: &Hints<'_>) -> Option<String> {
    match reason {
        Reason::Row(r) => row_advice(r, hints),
        Reason::File(f) => file_advice(f),
        Reason::Sheet(_) | Reason::Written(_) => None,
    }
}

/// The technical detail of a problem, in the words of the parser or the system (English): for the
/// command line and the log, never in a sentence to a person.
pub fn detail(reason: &Reason) -> Option<&str> {
    match reason {
        Reason::File(
            FileRefusal::Corrupt { detail }
            | FileRefusal::ReaderFailed { detail }
            | FileRefusal::Unreadable { detail }
            | FileRefusal::Link { target: detail },
        ) => Some(detail),
        _ => None,
    }
}

/// The problem followed by the advice: what a log keeper reads (the ingest report, mails, `explain`).
pub fn problem_and_advice(reason: &Reason, hints: &Hints<'_>) -> String {
    match advice(reason, hints) {
        Some(advice) => format!("{} {advice}", problem(reason)),
        None => problem(reason),
    }
}

fn row_problem(reason: &RowReason) -> String {
    use crate::text::quoted;
    match reason {
        RowReason::MissingDate => "Datum saknas.".into(),
        RowReason::UnreadableDate { value } => format!("Datumet \"{}\" kunde inte läsas.", quoted(value)),
        RowReason::NumberAsDate { value } => format!("Datumcellen innehåller talet {value}, inte ett datum."),
        RowReason::MissingActivity => "Aktivitet saknas.".into(),
        RowReason::UnknownActivity { value, .. } => format!("Okänd aktivitet \"{}\".", quoted(value)),
        RowReason::MissingMunicipality => "Kommun saknas.".into(),
        RowReason::UnknownMunicipality { value, .. } => {
            format!("Kommunen \"{}\" finns inte i polisområdet.", quoted(value))
        }
        RowReason::OfAnotherMunicipality { value, own } => format!(
            "Raden gäller kommunen \"{}\", men loggen förs för {} och räknas bara där.",
            quoted(value),
            quoted(own)
        ),
        RowReason::ActivityOfAnotherMunicipality { value, municipality } => format!(
            "Aktiviteten \"{}\" finns inte bland aktiviteterna för {}.",
            quoted(value),
            quoted(municipality)
        ),
        RowReason::BadCount { value } => {
            format!("Antal \"{}\" är inte ett heltal som är 0 eller större.", quoted(value))
        }
        RowReason::CountTooLarge { value, limit } => {
            format!("Antal {value} är orimligt stort för en rad (mer än {limit}).")
        }
        RowReason::BadHours { value } => {
            format!("Timmar \"{}\" är inte ett antal timmar.", quoted(value))
        }
        RowReason::HoursTooLarge { value, limit } => {
            format!("Timmar {value} är orimligt många för en rad (mer än {limit}).")
        }
        RowReason::UnknownIndicator { value, .. } => {
            format!("Indikatorn \"{}\" finns inte bland medborgarlöftenas indikatorer.", quoted(value))
        }
        RowReason::MissingYear => "År eller datum för mätningen saknas.".into(),
        RowReason::BadYear { value } => format!("Året \"{}\" kunde inte läsas.", quoted(value)),
        RowReason::MissingValue => "Värde saknas.".into(),
        RowReason::UnknownPledge { value, .. } => {
            format!("Löftet \"{}\" finns inte bland medborgarlöftena.", quoted(value))
        }
        RowReason::MissingPlanDate => "Datum eller vecka för den planerade aktiviteten saknas.".into(),
        RowReason::BadWeek { value } => format!("Veckan \"{}\" kunde inte läsas.", quoted(value)),
        RowReason::MissingPlanned => "Vad som planeras saknas.".into(),
        RowReason::NotAnOwner { value, .. } => {
            format!("Parten \"{}\" står inte bakom löftet.", quoted(value))
        }
        RowReason::BadValue { value } => format!("Värdet \"{}\" är inte ett tal.", quoted(value)),
        RowReason::FractionForPercent { value } => format!(
            "Värdet {value} kan vara {} % (en cell i procentformat) eller {value} %; det går inte att avgöra vilket.",
            per_cent_of_fraction(value)
        ),
        RowReason::CellError { column, value } => {
            format!("Cellen i kolumnen {} innehåller formelfelet {value}.", column.header())
        }
    }
}

/// A fraction as written (`0,951`) as the per cent it stands for in a cell in per cent format (`95,1`).
fn per_cent_of_fraction(value: &str) -> String {
    let n: f64 = value.replace(',', ".").parse().unwrap_or(0.0);
    indicator::number((n * 100_000.0).round() as i64)
}

/// What to write instead of `value` in Värde: said for three decimals after a point (`1.234`: 1 234
/// or 1,234?) and for more than three, else in general.
fn value_advice(value: &str) -> String {
    let decimals =
        value.trim().trim_end_matches(['%', ' ']).rsplit_once([',', '.']).map(|(w, d)| (w, d.trim()));
    match decimals {
        Some((whole, d)) if d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit()) && value.contains('.') => {
            let (thousands, decimal) = (format!("{}{d}", whole.trim()), format!("{},{d}", whole.trim()));
            format!(
                "{value} kan betyda {thousands} eller {decimal}: skriv {thousands} eller {decimal} (med kommatecken)."
            )
        }
        Some((_, d)) if d.len() > 3 && d.bytes().all(|b| b.is_ascii_digit()) => {
            "Skriv värdet med högst tre decimaler, t.ex. 95,125.".into()
        }
        _ => "Skriv värdet som ett tal, t.ex. 95,1 eller 95,1 %.".into(),
    }
}

/// What to write instead of `value` in Timmar: said for three decimals (`1.500`: 1 500 or 1,5?) and
/// for a negative number, else in general.
fn hours_advice(value: &str) -> String {
    let three_decimals = value
        .rsplit_once([',', '.'])
        .is_some_and(|(whole, d)| d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit()) && !whole.is_empty());
    if three_decimals {
        let whole = value.replace([',', '.'], "");
        let decimal = value.replace('.', ",").trim_end_matches('0').trim_end_matches(',').to_owned();
        format!(
            "{value} kan betyda {whole} eller {decimal}: skriv {whole} eller {decimal} (högst två decimaler)."
        )
    } else if value.trim_start().starts_with(['-', '−']) {
        "Timmar kan inte vara negativa: skriv de timmar som lades ned, t.ex. 1,5.".into()
    } else {
        "Skriv timmarna som ett tal med högst två decimaler (t.ex. 1,5 eller 2) eller som tid (t.ex. 1:30)."
            .into()
    }
}

fn row_advice(reason: &RowReason, hints: &Hints<'_>) -> Option<String> {
    let (activities, example) = (hints.activities, format!("{}-03-05", hints.year));
    Some(match reason {
        RowReason::MissingDate => format!("Fyll i dagen då aktiviteten genomfördes, t.ex. {example}."),
        RowReason::UnreadableDate { .. } => {
            format!("Skriv datumet i formen ÅÅÅÅ-MM-DD (t.ex. {example}) eller formatera cellen som datum.")
        }
        RowReason::NumberAsDate { .. } => format!("Formatera cellen som datum eller skriv t.ex. {example}."),
        RowReason::MissingActivity => "Fyll i vilken sorts aktivitet det var.".into(),
        RowReason::UnknownActivity { suggestion: Some(s), .. } => format!("Menade du {s}?"),
        RowReason::UnknownActivity { suggestion: None, .. } => match activities.first() {
            Some(a) => format!("Använd ett av aktivitetsnamnen i konfigurationen (t.ex. {}).", a.name),
            None => "Använd ett av aktivitetsnamnen i konfigurationen.".into(),
        },
        RowReason::MissingMunicipality => {
            "Fyll i vilken kommun aktiviteten gällde; loggen gäller flera kommuner.".into()
        }
        RowReason::UnknownMunicipality { suggestion: Some(s), .. } => format!("Menade du {s}?"),
        RowReason::UnknownMunicipality { suggestion: None, .. } if !hints.municipalities.is_empty() => {
            format!("Skriv en av kommunerna i polisområdet: {}.", hints.municipalities.join(", "))
        }
        RowReason::UnknownMunicipality { suggestion: None, .. } => {
            "Skriv kommunens namn som det står i konfigurationen.".into()
        }
        RowReason::OfAnotherMunicipality { .. } => {
            "För in raden i den kommunens logg. Förs loggen för flera kommuner: be den som sköter \
             pledgewatch att läsa den som polisområdets gemensamma logg, med en kolumn Kommun."
                .into()
        }
        RowReason::ActivityOfAnotherMunicipality { .. } => {
            "Kontrollera kommunen på raden; stämmer den, be den som sköter pledgewatch att lägga till \
             aktiviteten för kommunen."
                .into()
        }
        RowReason::BadCount { .. } => "Skriv t.ex. 1, 2 eller 3.".into(),
        RowReason::CountTooLarge { .. } => {
            "Kontrollera cellen: står ett datum eller en summa i Antal?".into()
        }
        RowReason::BadHours { value } => hours_advice(value),
        RowReason::HoursTooLarge { .. } => {
            "Kontrollera cellen: står ett datum eller en summa i Timmar?".into()
        }
        RowReason::UnknownIndicator { suggestion, .. } => format!("Menade du {suggestion}?"),
        RowReason::MissingYear => {
            format!("Fyll i året (t.ex. {}) eller dagen för mätningen i kolumnen År eller Datum.", hints.year)
        }
        RowReason::BadYear { .. } => format!("Skriv året med fyra siffror, t.ex. {}.", hints.year),
        RowReason::MissingValue => "Fyll i det uppmätta värdet, t.ex. 95,1.".into(),
        RowReason::UnknownPledge { suggestion: Some(s), .. } => format!("Menade du {s}?"),
        RowReason::UnknownPledge { suggestion: None, .. } => {
            "Skriv löftets namn (rubrik) eller id som det står i konfigurationen.".into()
        }
        RowReason::MissingPlanDate => {
            format!(
                "Fyll i dagen (t.ex. {example}) eller veckan (t.ex. {}-W20) i kolumnen Datum eller Vecka.",
                hints.year
            )
        }
        RowReason::BadWeek { .. } => {
            format!(
                "Skriv veckan som {y}-W20 eller v. 20 {y}, eller veckans nummer med året i kolumnen År.",
                y = hints.year
            )
        }
        RowReason::MissingPlanned => "Fyll i vad som ska göras, t.ex. Trygghetsvandring i centrum.".into(),
        RowReason::NotAnOwner { owners, .. } => {
            format!("Skriv en av löftets parter: {}, eller lämna Part tom.", owners.join(", "))
        }
        RowReason::BadValue { value } => value_advice(value),
        RowReason::FractionForPercent { value } => format!(
            "Formatera cellen som tal i stället för procent och skriv värdet i procent, t.ex. {}. (Är värdet verkligen under 1 %, skriv det som text med procenttecknet: {value} %.)",
            per_cent_of_fraction(value)
        ),
        RowReason::CellError { .. } => return None,
    })
}

fn file_problem(refusal: &FileRefusal) -> String {
    match refusal {
        FileRefusal::Empty => "Filen är tom (0 byte).".into(),
        FileRefusal::NotASpreadsheet { looks_like } => format!(
            "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara {}.",
            looks_like_text(*looks_like)
        ),
        FileRefusal::UnsupportedType { extension } if extension.is_empty() => {
            "Filen saknar filändelse och läses inte.".into()
        }
        FileRefusal::UnsupportedType { extension } => format!("Filtypen .{extension} läses inte."),
        FileRefusal::Corrupt { .. } => "Filen är skadad eller ofullständig och kunde inte öppnas.".into(),
        FileRefusal::Encrypted => "Filen är lösenordsskyddad.".into(),
        FileRefusal::TooLargeUnpacked { limit_mb } => {
            format!("Filen blir större än {limit_mb} MB när den packas upp och lästes därför inte.")
        }
        FileRefusal::TooManyRows { sheet, limit } => {
            format!("Bladet \"{sheet}\" har fler än {limit} rader och lästes därför inte.")
        }
        FileRefusal::TooManyCells { sheet, cells, limit } => format!(
            "Filens blad spänner tillsammans över {} celler (gränsen är {}), mest bladet \"{sheet}\"; \
             troligen finns något långt ut i bladet.",
            mail::whole(*cells),
            mail::whole(*limit)
        ),
        FileRefusal::Link { .. } => {
            "Det här är en genväg (länk) till något utanför mappen, eller till ingenting, och den läses inte."
                .into()
        }
        FileRefusal::OversizedText { .. } => {
            "Filen innehåller en text som är längre än någon cell kan rymma och lästes därför inte; den är \
             troligen skadad."
                .into()
        }
        FileRefusal::NoUsableSheet => format!(
            "Inget blad i filen har kolumnerna {} och {}.",
            Column::Date.header(),
            Column::Activity.header()
        ),
        FileRefusal::NoUsableSheetOfArea => format!(
            "Inget blad i filen har kolumnerna {}, {} och {}.",
            Column::Date.header(),
            Column::Activity.header(),
            Column::Municipality.header()
        ),
        FileRefusal::ReaderFailed { .. } => "Filen kunde inte läsas.".into(),
        FileRefusal::Unreadable { .. } => "Filen kunde inte läsas från disken.".into(),
        FileRefusal::CopyOf { original } => format!(
            "Filen ser ut att vara en kopia av {} i samma mapp men har ett annat innehåll; den \
             räknas inte, så att inga aktiviteter räknas två gånger.",
            crate::text::printable(original)
        ),
        FileRefusal::OfAnotherMunicipality { original, municipality, counted_there: true } => format!(
            "Samma fil ligger i mappen för {} ({}) och räknas där; en logg räknas för den kommun vars \
             mapp den ligger i, så den räknas inte här.",
            crate::text::printable(municipality),
            crate::text::printable(original)
        ),
        FileRefusal::OfAnotherMunicipality { original, municipality, counted_there: false } => format!(
            "Samma fil ligger också i mappen för {} ({}). En logg räknas för den kommun vars mapp den \
             ligger i, och det går inte att veta vilken av mapparna som är rätt, så den räknas inte i \
             någon av dem.",
            crate::text::printable(municipality),
            crate::text::printable(original)
        ),
    }
}

fn file_advice(refusal: &FileRefusal) -> Option<String> {
    const SAVE_AS: &str = "Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods.";
    Some(match refusal {
        FileRefusal::Empty => "Spara om den från Excel eller LibreOffice.".into(),
        FileRefusal::NotASpreadsheet { .. } => {
            "Öppna den i Excel eller LibreOffice och spara som .xlsx eller .ods.".into()
        }
        FileRefusal::UnsupportedType { .. } => SAVE_AS.into(),
        FileRefusal::Corrupt { .. } => "Spara om den och lägg in den igen.".into(),
        FileRefusal::Encrypted => "Spara en kopia utan lösenord i mappen.".into(),
        FileRefusal::TooLargeUnpacked { .. } => "Kontrollera att det är rätt fil.".into(),
        FileRefusal::TooManyCells { .. } => {
            "Ta bort tomma rader och kolumner efter tabellen och spara om.".into()
        }
        FileRefusal::NoUsableSheet => "Kontrollera rubrikraden.".into(),
        FileRefusal::NoUsableSheetOfArea => {
            "Loggen gäller flera kommuner: lägg till en kolumn Kommun som säger vilken kommun varje rad gäller.".into()
        }
        FileRefusal::Link { .. } => "Spara själva loggen i mappen i stället för en genväg till den.".into(),
        FileRefusal::OversizedText { .. } => {
            "Spara om den från Excel eller LibreOffice, eller lägg in en tidigare version av loggen.".into()
        }
        FileRefusal::ReaderFailed { .. } => "Spara om den som .xlsx och lägg in den igen.".into(),
        FileRefusal::Unreadable { .. } => "Be den som sköter servern kontrollera filens behörigheter.".into(),
        FileRefusal::CopyOf { original } => format!(
            "Är det i kopian ni för loggen: ta bort eller flytta {}, så räknas kopian i stället. Är det en \
             egen logg: ge den ett eget namn.",
            crate::text::printable(original)
        ),
        FileRefusal::OfAnotherMunicipality { municipality, counted_there: true, .. } => format!(
            "Hör loggen till den här kommunen: ta bort den ur mappen för {}, så räknas den här i stället. \
             Annars: ta bort den här.",
            crate::text::printable(municipality)
        ),
        FileRefusal::OfAnotherMunicipality { .. } => {
            "Ta bort den ur den mapp där den inte hör hemma; den andra räknas då.".into()
        }
        FileRefusal::TooManyRows { .. } => return None,
    })
}

fn looks_like_text(l: LooksLike) -> &'static str {
    match l {
        LooksLike::Text => "en textfil (t.ex. CSV)",
        LooksLike::Html => "en webbsida (HTML)",
        LooksLike::Excel2003Xml => "ett kalkylark i det gamla formatet Excel 2003 XML",
        LooksLike::Pdf => "en PDF",
        LooksLike::Word => "ett Word-dokument",
        LooksLike::PowerPoint => "en PowerPoint-presentation",
        LooksLike::OtherOpenDocument => "ett annat OpenDocument-dokument",
        LooksLike::Zip => "en zip-fil utan kalkylark",
        LooksLike::OtherOffice => "ett annat Office-dokument",
        LooksLike::Unknown => "ett okänt format",
    }
}

/// The Swedish note for a sheet that was skipped because it is not an activity log.
fn sheet_note(note: &SheetNote) -> String {
    let missing: Vec<&str> = note.missing.iter().map(|c| c.header()).collect();
    let columns = match missing.as_slice() {
        [one] => format!("kolumnen {one}"),
        [init @ .., last] => format!("kolumnerna {} och {last}", init.join(", ")),
        [] => "de obligatoriska kolumnerna".into(),
    };
    format!("Bladet \"{}\" saknar {columns} och lästes inte.", note.sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The activities of a config whose first is Medborgarkontakt.
    fn hints(activities: &[ActivityKind]) -> Hints<'_> {
        Hints { activities, year: 2019, municipalities: &[] }
    }

    fn activities() -> Vec<ActivityKind> {
        ["Medborgarkontakt", "Trygghetsvandring"]
            .into_iter()
            .map(|name| ActivityKind { id: name.to_lowercase(), name: name.into(), aliases: Vec::new() })
            .collect()
    }

    /// The problem alone (the follow-up) and with its advice (the log keeper).
    fn check(reason: Reason, problem_alone: &str, with_advice: &str) {
        assert_eq!(
            (problem(&reason), problem_and_advice(&reason, &hints(&activities()))),
            (problem_alone.into(), with_advice.into())
        );
    }

    #[test]
    fn a_row_problem_is_said_apart_from_its_advice() {
        let row = Reason::Row;
        let value = || "31/2".to_owned();
        check(
            row(RowReason::MissingDate),
            "Datum saknas.",
            "Datum saknas. Fyll i dagen då aktiviteten genomfördes, t.ex. 2019-03-05.",
        );
        check(
            row(RowReason::UnreadableDate { value: value() }),
            "Datumet \"31/2\" kunde inte läsas.",
            "Datumet \"31/2\" kunde inte läsas. Skriv datumet i formen ÅÅÅÅ-MM-DD (t.ex. 2019-03-05) eller formatera cellen som datum.",
        );
        check(
            row(RowReason::NumberAsDate { value: "43528".into() }),
            "Datumcellen innehåller talet 43528, inte ett datum.",
            "Datumcellen innehåller talet 43528, inte ett datum. Formatera cellen som datum eller skriv t.ex. 2019-03-05.",
        );
        check(
            row(RowReason::MissingActivity),
            "Aktivitet saknas.",
            "Aktivitet saknas. Fyll i vilken sorts aktivitet det var.",
        );
        check(
            row(RowReason::UnknownActivity { value: "X".into(), suggestion: Some("Y".into()) }),
            "Okänd aktivitet \"X\".",
            "Okänd aktivitet \"X\". Menade du Y?",
        );
        check(
            row(RowReason::UnknownActivity { value: "X".into(), suggestion: None }),
            "Okänd aktivitet \"X\".",
            "Okänd aktivitet \"X\". Använd ett av aktivitetsnamnen i konfigurationen (t.ex. Medborgarkontakt).",
        );
        check(
            row(RowReason::BadCount { value: "två".into() }),
            "Antal \"två\" är inte ett heltal som är 0 eller större.",
            "Antal \"två\" är inte ett heltal som är 0 eller större. Skriv t.ex. 1, 2 eller 3.",
        );
        check(
            row(RowReason::CountTooLarge { value: "43528".into(), limit: 10_000 }),
            "Antal 43528 är orimligt stort för en rad (mer än 10000).",
            "Antal 43528 är orimligt stort för en rad (mer än 10000). Kontrollera cellen: står ett datum eller en summa i Antal?",
        );
        check(
            row(RowReason::BadHours { value: "1,500".into() }),
            "Timmar \"1,500\" är inte ett antal timmar.",
            "Timmar \"1,500\" är inte ett antal timmar. 1,500 kan betyda 1500 eller 1,5: skriv 1500 eller 1,5 (högst två decimaler).",
        );
        check(
            row(RowReason::BadHours { value: "-2".into() }),
            "Timmar \"-2\" är inte ett antal timmar.",
            "Timmar \"-2\" är inte ett antal timmar. Timmar kan inte vara negativa: skriv de timmar som lades ned, t.ex. 1,5.",
        );
        check(
            row(RowReason::BadHours { value: "en halvtimme".into() }),
            "Timmar \"en halvtimme\" är inte ett antal timmar.",
            "Timmar \"en halvtimme\" är inte ett antal timmar. Skriv timmarna som ett tal med högst två decimaler (t.ex. 1,5 eller 2) eller som tid (t.ex. 1:30).",
        );
        check(
            row(RowReason::HoursTooLarge { value: "43528".into(), limit: 10_000 }),
            "Timmar 43528 är orimligt många för en rad (mer än 10000).",
            "Timmar 43528 är orimligt många för en rad (mer än 10000). Kontrollera cellen: står ett datum eller en summa i Timmar?",
        );
        check(
            row(RowReason::CellError { column: Column::Count, value: "#N/A".into() }),
            "Cellen i kolumnen Antal innehåller formelfelet #N/A.",
            "Cellen i kolumnen Antal innehåller formelfelet #N/A.",
        );
    }

    #[test]
    fn a_refusal_is_said_apart_from_its_advice() {
        let file = Reason::File;
        check(
            file(FileRefusal::Empty),
            "Filen är tom (0 byte).",
            "Filen är tom (0 byte). Spara om den från Excel eller LibreOffice.",
        );
        // "t.ex." inside the problem does not end it.
        check(
            file(FileRefusal::NotASpreadsheet { looks_like: LooksLike::Text }),
            "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara en textfil (t.ex. CSV).",
            "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara en textfil (t.ex. CSV). Öppna den i Excel eller LibreOffice och spara som .xlsx eller .ods.",
        );
        check(
            file(FileRefusal::UnsupportedType { extension: String::new() }),
            "Filen saknar filändelse och läses inte.",
            "Filen saknar filändelse och läses inte. Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods.",
        );
        check(
            file(FileRefusal::UnsupportedType { extension: "csv".into() }),
            "Filtypen .csv läses inte.",
            "Filtypen .csv läses inte. Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods.",
        );
        check(
            file(FileRefusal::Corrupt { detail: "EOF".into() }),
            "Filen är skadad eller ofullständig och kunde inte öppnas.",
            "Filen är skadad eller ofullständig och kunde inte öppnas. Spara om den och lägg in den igen.",
        );
        check(
            file(FileRefusal::Encrypted),
            "Filen är lösenordsskyddad.",
            "Filen är lösenordsskyddad. Spara en kopia utan lösenord i mappen.",
        );
        check(
            file(FileRefusal::TooLargeUnpacked { limit_mb: 200 }),
            "Filen blir större än 200 MB när den packas upp och lästes därför inte.",
            "Filen blir större än 200 MB när den packas upp och lästes därför inte. Kontrollera att det är rätt fil.",
        );
        check(
            file(FileRefusal::TooManyRows { sheet: "Logg".into(), limit: 5 }),
            "Bladet \"Logg\" har fler än 5 rader och lästes därför inte.",
            "Bladet \"Logg\" har fler än 5 rader och lästes därför inte.",
        );
        check(
            file(FileRefusal::TooManyCells { sheet: "Logg".into(), cells: 9, limit: 4 }),
            "Filens blad spänner tillsammans över 9 celler (gränsen är 4), mest bladet \"Logg\"; troligen finns något långt ut i bladet.",
            "Filens blad spänner tillsammans över 9 celler (gränsen är 4), mest bladet \"Logg\"; troligen finns något långt ut i bladet. Ta bort tomma rader och kolumner efter tabellen och spara om.",
        );
        check(
            file(FileRefusal::NoUsableSheet),
            "Inget blad i filen har kolumnerna Datum och Aktivitet.",
            "Inget blad i filen har kolumnerna Datum och Aktivitet. Kontrollera rubrikraden.",
        );
        check(
            file(FileRefusal::ReaderFailed { detail: "xlsx: boom".into() }),
            "Filen kunde inte läsas.",
            "Filen kunde inte läsas. Spara om den som .xlsx och lägg in den igen.",
        );
        check(
            file(FileRefusal::Unreadable { detail: "Permission denied (os error 13)".into() }),
            "Filen kunde inte läsas från disken.",
            "Filen kunde inte läsas från disken. Be den som sköter servern kontrollera filens behörigheter.",
        );
        // The parser's and the system's words stay apart, for the command line and the log.
        let corrupt =
            file(FileRefusal::Corrupt { detail: "zip: invalid Zip archive: Could not find EOCD".into() });
        assert_eq!(detail(&corrupt), Some("zip: invalid Zip archive: Could not find EOCD"));
        assert_eq!(detail(&file(FileRefusal::Encrypted)), None);
        // Text stored whole by an older pledgewatch, whose detail cannot be decoded, is shown whole.
        check(
            Reason::Written("Gammal text. Med råd.".into()),
            "Gammal text. Med råd.",
            "Gammal text. Med råd.",
        );
    }

    #[test]
    fn unknown_activity_suggests_nearest() {
        let r = RowReason::UnknownActivity {
            value: "Medborgarkontakr".into(),
            suggestion: Some("Medborgarkontakt".into()),
        };
        assert_eq!(
            problem_and_advice(&Reason::Row(r), &hints(&activities())),
            "Okänd aktivitet \"Medborgarkontakr\". Menade du Medborgarkontakt?"
        );
    }

    #[test]
    fn sheet_note_lists_missing_columns() {
        let note = SheetNote { sheet: "Anteckningar".into(), missing: vec![Column::Date, Column::Activity] };
        assert_eq!(
            problem_and_advice(&Reason::Sheet(note), &hints(&[])),
            "Bladet \"Anteckningar\" saknar kolumnerna Datum och Aktivitet och lästes inte."
        );
        let note = SheetNote { sheet: "X".into(), missing: vec![Column::Activity] };
        assert_eq!(
            problem_and_advice(&Reason::Sheet(note), &hints(&[])),
            "Bladet \"X\" saknar kolumnen Aktivitet och lästes inte."
        );
    }
}
