//! Every Swedish sentence that a person reads, outside the templates: here, about the logs (why a row
//! could not be read, why a file was refused, why a sheet was skipped); in [`standing`], about where a
//! pledge stands. One place, so the wording is consistent and reviewable.
//!
//! Pure. The reasons are data (`model.rs`, `rules`); this module only turns them into text.

pub mod mail;
pub mod report;
pub mod standing;

use crate::model::{Column, FileRefusal, LooksLike, RowReason, SheetNote};

/// The Swedish explanation of why a row could not be read, telling the log keeper what to do.
pub fn row_reason(reason: &RowReason) -> String {
    match reason {
        RowReason::MissingDate => {
            "Datum saknas. Fyll i dagen då aktiviteten genomfördes, t.ex. 2019-03-05.".into()
        }
        RowReason::UnreadableDate { value } => {
            format!(
                "Datumet \"{value}\" kunde inte läsas. Skriv datumet i formen ÅÅÅÅ-MM-DD (t.ex. 2019-03-05) eller formatera cellen som datum."
            )
        }
        RowReason::NumberAsDate { value } => format!(
            "Datumcellen innehåller talet {value}, inte ett datum. Formatera cellen som datum eller skriv t.ex. 2019-03-05."
        ),
        RowReason::MissingActivity => "Aktivitet saknas. Fyll i vilken sorts aktivitet det var.".into(),
        RowReason::UnknownActivity { value, suggestion: Some(s) } => {
            format!("Okänd aktivitet \"{value}\". Menade du {s}?")
        }
        RowReason::UnknownActivity { value, suggestion: None } => format!(
            "Okänd aktivitet \"{value}\". Använd ett av aktivitetsnamnen i konfigurationen (t.ex. Medborgarkontakt)."
        ),
        RowReason::BadCount { value } => {
            format!("Antal \"{value}\" är inte ett heltal som är 0 eller större. Skriv t.ex. 1, 2 eller 3.")
        }
        RowReason::CountTooLarge { value, limit } => format!(
            "Antal {value} är orimligt stort för en rad (mer än {limit}). Kontrollera cellen: står ett datum eller en summa i Antal?"
        ),
        RowReason::CellError { column, value } => {
            format!("Cellen i kolumnen {} innehåller formelfelet {value}.", column.header())
        }
    }
}

/// The Swedish explanation of why a whole file was refused.
pub fn file_refusal(refusal: &FileRefusal) -> String {
    match refusal {
        FileRefusal::Empty => "Filen är tom (0 byte). Spara om den från Excel eller LibreOffice.".into(),
        FileRefusal::NotASpreadsheet { looks_like } => format!(
            "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara {}. \
             Öppna den i Excel eller LibreOffice och spara som .xlsx eller .ods.",
            looks_like_text(*looks_like)
        ),
        FileRefusal::UnsupportedType { extension } if extension.is_empty() => {
            "Filen saknar filändelse och läses inte. Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods."
                .into()
        }
        FileRefusal::UnsupportedType { extension } => format!(
            "Filtypen .{extension} läses inte. Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods."
        ),
        FileRefusal::Corrupt { detail } => {
            format!(
                "Filen är skadad eller ofullständig och kunde inte öppnas ({detail}). Spara om den och lägg in den igen."
            )
        }
        FileRefusal::Encrypted => "Filen är lösenordsskyddad. Spara en kopia utan lösenord i mappen.".into(),
        FileRefusal::TooLargeUnpacked { limit_mb } => format!(
            "Filen blir större än {limit_mb} MB när den packas upp och lästes därför inte. \
             Kontrollera att det är rätt fil."
        ),
        FileRefusal::TooManyRows { sheet, limit } => {
            format!("Bladet \"{sheet}\" har fler än {limit} rader och lästes därför inte.")
        }
        FileRefusal::TooManyCells { sheet, cells, limit } => format!(
            "Filens blad spänner tillsammans över {cells} celler (gränsen är {limit}), mest bladet \"{sheet}\"; \
             troligen finns något långt ut i bladet. Ta bort tomma rader och kolumner efter tabellen och spara om."
        ),
        FileRefusal::NoUsableSheet => format!(
            "Inget blad i filen har kolumnerna {} och {}. Kontrollera rubrikraden.",
            Column::Date.header(),
            Column::Activity.header()
        ),
        FileRefusal::ReaderFailed { detail } => {
            format!("Filen kunde inte läsas ({detail}). Spara om den som .xlsx och lägg in den igen.")
        }
        FileRefusal::Unreadable { detail } => format!("Filen kunde inte läsas från disken ({detail})."),
    }
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
pub fn sheet_note(note: &SheetNote) -> String {
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

    #[test]
    fn unknown_activity_suggests_nearest() {
        let r = RowReason::UnknownActivity {
            value: "Medborgarkontakr".into(),
            suggestion: Some("Medborgarkontakt".into()),
        };
        assert_eq!(row_reason(&r), "Okänd aktivitet \"Medborgarkontakr\". Menade du Medborgarkontakt?");
    }

    #[test]
    fn sheet_note_lists_missing_columns() {
        let note = SheetNote { sheet: "Anteckningar".into(), missing: vec![Column::Date, Column::Activity] };
        assert_eq!(
            sheet_note(&note),
            "Bladet \"Anteckningar\" saknar kolumnerna Datum och Aktivitet och lästes inte."
        );
        let note = SheetNote { sheet: "X".into(), missing: vec![Column::Activity] };
        assert_eq!(sheet_note(&note), "Bladet \"X\" saknar kolumnen Aktivitet och lästes inte.");
    }
}
