//! The domain's nouns: activities read from the logs, where each came from, and the pledges they are
//! measured against.
//!
//! Pure data: no I/O, no clock, no calamine or SQLite types. Everything else in the crate speaks these
//! types, so a pledge rule can be read and changed here and in `pledge.rs` and `config/` without touching any I/O code.

pub mod indicator;
pub mod plan;
pub mod stored;

pub use indicator::{IndicatorRow, Measured, Reading};
pub use plan::{PlanRow, SheetPlan};

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

/// Text shared by many rows (a file's path, a sheet's name, an activity kind, a place): stored once.
pub(crate) type Shared = Arc<str>;

/// Where a value came from: a file, a sheet in it, and a row as the spreadsheet program shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Path of the file relative to the config file's directory, with `/` separators.
    pub(crate) file: Shared,
    /// Sheet name; empty when the whole file was refused.
    pub(crate) sheet: Shared,
    /// 1-based row number as the spreadsheet shows it; `None` when the problem concerns no single row.
    pub(crate) row: Option<u32>,
}

/// One activity as read from a row of an activity log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRow {
    /// 1-based row number as the spreadsheet shows it.
    pub row: u32,
    /// The day the activity happened.
    pub date: NaiveDate,
    /// The id of the activity kind in the config (not the text as written).
    pub activity: String,
    /// How many times (the `Antal` column; 1 when empty).
    pub count: u32,
    /// Hours spent, in hundredths of an hour (the `Timmar` column); `None` when empty.
    pub hours: Option<u32>,
    /// Where (`Plats`), trimmed; empty when not given.
    pub place: String,
    /// Partners taking part (`Samverkan`), as written, trimmed.
    pub partners: String,
    /// Free tags (`Taggar`), as written, trimmed.
    pub tags: String,
    /// The municipality it belongs to: its id in a police area ([`crate::config::Config::scope`]),
    /// empty for a municipality alone.
    pub municipality: String,
}

/// An activity as the reconcile step sees it: a stored row with its id and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// The store's id of the row, stable while its file version is counted.
    pub id: i64,
    /// File, sheet and row.
    pub(crate) source: Provenance,
    /// The day it happened.
    pub(crate) date: NaiveDate,
    /// The id of the activity kind in the config.
    pub(crate) kind: Shared,
    /// How many times (`Antal`).
    pub(crate) count: u32,
    /// Hours spent, in hundredths of an hour (`Timmar`); `None` when not given.
    pub(crate) hours: Option<u32>,
    /// Where (`Plats`).
    pub(crate) place: Shared,
    /// Partners taking part (`Samverkan`), as written.
    pub(crate) partners: Shared,
    /// Free tags (`Taggar`), as written.
    pub(crate) tags: Shared,
}

/// A row of a counted file that could not be read, as the reconcile step sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The store's id of the problem.
    pub id: i64,
    /// File, sheet and row.
    pub(crate) source: Provenance,
    /// The date, when the date cell could be read.
    pub(crate) date: Option<NaiveDate>,
    /// The activity kind the row names, or the one its unknown name most resembles; `None` when
    /// neither is known.
    pub(crate) kind: Option<String>,
    /// Why the row could not be read (its Swedish words are made by `messages`).
    pub(crate) reason: Reason,
}

/// What the logs hold, as the reconcile step reads it from the store: the activities of every counted
/// file version and the rows of those versions that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Log {
    /// Activities, by date: all of them, or those of the days read (`Store::log_in`).
    pub activities: Vec<Activity>,
    /// Rows that could not be read (of the days read, and those without a date).
    pub(crate) row_errors: Vec<RowError>,
    /// The values of outcome indicators read from indicator sheets (all of them, whatever the days read).
    pub(crate) readings: Vec<Reading>,
    /// The planned activities read from plan sheets (all of them).
    pub(crate) plans: Vec<SheetPlan>,
    /// How many activities and row errors the municipality has in all, read or not: what the
    /// views count (`None`: those of the log, which holds them all).
    pub(crate) totals: Option<(usize, usize)>,
}

impl Log {
    /// How many activities the municipality has, read or not.
    pub(crate) fn activity_total(&self) -> usize {
        self.totals.map_or(self.activities.len(), |(a, _)| a)
    }

    /// How many row errors the municipality has, read or not.
    pub(crate) fn row_error_total(&self) -> usize {
        self.totals.map_or(self.row_errors.len(), |(_, r)| r)
    }
}

/// Splits a `Samverkan` text into partners: separated by `,`, `;` or the word ` och `.
pub fn split_partners(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" och "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits a `Taggar` text into tags: separated by `,` or `;`.
pub(crate) fn split_tags(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The column of an activity log a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// `Datum`: the day.
    Date,
    /// `Aktivitet`: the kind of activity.
    Activity,
    /// `Antal`: how many times.
    Count,
    /// `Timmar`: hours spent (a pledge measured in hours counts them).
    Hours,
    /// `Plats`: where.
    Place,
    /// `Samverkan`: partners.
    Partners,
    /// `Taggar`: free tags.
    Tags,
    /// `Ansvarig`: who; recognised but never stored (it holds personal names).
    Responsible,
    /// `Kommentar`: notes; recognised but never stored (it may hold personal names).
    Comment,
    /// `Kommun`: in a police area, which municipality a row of a shared (the police's) log is about.
    Municipality,
    /// `Indikator`: an indicator sheet's outcome indicator (trygghetsmätning, NTU, Kolada).
    Indicator,
    /// `År`: the year an indicator's value was measured in.
    Year,
    /// `Värde`: an indicator's measured value.
    Value,
    /// `Källa`: where an indicator's value comes from.
    Origin,
    /// `Löfte`: a plan sheet's pledge (its id or title).
    Pledge,
    /// `Vecka`: a plan sheet's ISO week (`2019-W20`, `v. 20 2019`, or a week number beside `År`).
    Week,
    /// `Planerat`: a plan sheet's planned activity, what is to be done.
    Planned,
    /// `Part`: a plan sheet's party that does it.
    Party,
}

impl Column {
    /// Every column, in the order a log usually has them.
    pub const ALL: [Column; 18] = [
        Column::Date,
        Column::Activity,
        Column::Count,
        Column::Hours,
        Column::Place,
        Column::Partners,
        Column::Tags,
        Column::Responsible,
        Column::Comment,
        Column::Municipality,
        Column::Indicator,
        Column::Year,
        Column::Value,
        Column::Origin,
        Column::Pledge,
        Column::Week,
        Column::Planned,
        Column::Party,
    ];

    /// The columns a sheet must have to be read as an activity log.
    pub(crate) const REQUIRED: [Column; 2] = [Column::Date, Column::Activity];

    /// The header name used in the logs (Swedish), as people see it.
    pub fn header(self) -> &'static str {
        match self {
            Column::Date => "Datum",
            Column::Activity => "Aktivitet",
            Column::Count => "Antal",
            Column::Hours => "Timmar",
            Column::Place => "Plats",
            Column::Partners => "Samverkan",
            Column::Tags => "Taggar",
            Column::Responsible => "Ansvarig",
            Column::Comment => "Kommentar",
            Column::Municipality => "Kommun",
            Column::Indicator => "Indikator",
            Column::Year => "År",
            Column::Value => "Värde",
            Column::Origin => "Källa",
            Column::Pledge => "Löfte",
            Column::Week => "Vecka",
            Column::Planned => "Planerat",
            Column::Party => "Part",
        }
    }

    /// Other header names the column is known by without a `[columns]` alias (`Antal timmar`).
    pub(crate) fn other_names(self) -> &'static [&'static str] {
        match self {
            Column::Hours => &["Antal timmar", "Timmar (h)", "Tid (timmar)"],
            Column::Indicator => &["Nyckeltal"],
            Column::Year => &["Mätår"],
            Column::Value => &["Utfall", "Värde (%)", "Andel (%)"],
            Column::Pledge => &["Medborgarlöfte"],
            Column::Planned => &["Planerad aktivitet", "Åtgärd"],
            Column::Party => &["Ansvarig part"],
            _ => &[],
        }
    }

    /// The key used in `[columns]` of the config to add header aliases.
    pub(crate) fn config_key(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Activity => "activity",
            Column::Count => "count",
            Column::Hours => "hours",
            Column::Place => "place",
            Column::Partners => "partners",
            Column::Tags => "tags",
            Column::Responsible => "responsible",
            Column::Comment => "comment",
            Column::Municipality => "municipality",
            Column::Indicator => "indicator",
            Column::Year => "year",
            Column::Value => "value",
            Column::Origin => "origin",
            Column::Pledge => "pledge",
            Column::Week => "week",
            Column::Planned => "planned",
            Column::Party => "party",
        }
    }
}

/// Why a row of an activity log could not be read. The Swedish text is made in `messages/`; how it
/// is stored, in `model/stored.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowReason {
    /// The date cell is empty.
    MissingDate,
    /// The date cell holds text that is not a date.
    UnreadableDate { value: String },
    /// The date cell holds a plain number (no date format), e.g. `43528`.
    NumberAsDate { value: String },
    /// The activity cell is empty.
    MissingActivity,
    /// The activity is not one of the config's names or aliases.
    UnknownActivity { value: String, suggestion: Option<String> },
    /// The `Kommun` cell of a police area's shared log is empty.
    MissingMunicipality,
    /// The `Kommun` cell names no municipality of the police area.
    UnknownMunicipality { value: String, suggestion: Option<String> },
    /// The `Kommun` cell of a municipality's own log names another municipality of the police area
    /// (`own`: the name of the municipality whose log it is).
    OfAnotherMunicipality { value: String, own: String },
    /// The activity of a row of a shared log is not one of the row's municipality's (`municipality`:
    /// its name), but another's.
    ActivityOfAnotherMunicipality { value: String, municipality: String },
    /// The count is not a whole number ≥ 0.
    BadCount { value: String },
    /// The count is larger than any one row can mean (a date or a total typed into `Antal`).
    CountTooLarge { value: String, limit: u32 },
    /// `Timmar` is not a number of hours ≥ 0 (with at most two decimals when typed as text).
    BadHours { value: String },
    /// `Timmar` is more than any one row can mean (a date or a year's total typed into the cell).
    HoursTooLarge { value: String, limit: u32 },
    /// An indicator sheet's `Indikator` names none of the pledges' indicators, but resembles one.
    UnknownIndicator { value: String, suggestion: String },
    /// An indicator sheet's row has neither `År` nor `Datum`.
    MissingYear,
    /// `År` is not a year from 1900 to 2200.
    BadYear { value: String },
    /// An indicator sheet's `Värde` is empty.
    MissingValue,
    /// `Värde` is not a number (`95,1`, `95.1`, `95,1 %`, `-3`).
    BadValue { value: String },
    /// A plan sheet's `Löfte` names none of the municipality's pledges (`suggestion`: the nearest).
    UnknownPledge { value: String, suggestion: Option<String> },
    /// A plan sheet's row has neither `Datum` nor `Vecka`.
    MissingPlanDate,
    /// `Vecka` is not an ISO week (`2019-W20`, `v. 20 2019`, `20` beside `År`).
    BadWeek { value: String },
    /// A plan sheet's `Planerat` is empty.
    MissingPlanned,
    /// A plan sheet's `Part` names no party that owns the pledge (`owners`: their names).
    NotAnOwner { value: String, owners: Vec<String> },
    /// `Värde` of an indicator in per cent is a number between 0 and 1 while its target and baseline
    /// are not: a cell in per cent format holds 0,951 for 95,1 %, and which was meant cannot be told.
    FractionForPercent { value: String },
    /// A cell holds a formula error such as `#N/A`.
    CellError { column: Column, value: String },
}

/// A row that could not be read: where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// 1-based row number as the spreadsheet shows it.
    pub(crate) row: u32,
    /// Why the row could not be read.
    pub(crate) reason: RowReason,
    /// The date, when the date cell could be read, else that of the last activity above it on the
    /// sheet (to tell which period the row would belong to: a log of 2020 does not change the
    /// follow-up of 2019).
    pub(crate) date: Option<NaiveDate>,
    /// The activity kind the row names, or the one its unknown name most resembles (to tell which
    /// pledge the row would count toward).
    pub(crate) kind: Option<String>,
    /// In a police area, the municipality the row names or most resembles (empty when it names none,
    /// and for a municipality alone): whose follow-up may list it.
    pub(crate) municipality: String,
}

/// Why a whole file was refused. The Swedish text is made in `messages/`; how it is stored, in
/// `model/stored.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRefusal {
    /// The file has no bytes.
    Empty,
    /// The file is not a spreadsheet, whatever its name says.
    NotASpreadsheet { looks_like: LooksLike },
    /// The file type is not one pledgewatch reads (e.g. `.csv`, `.docx`).
    UnsupportedType { extension: String },
    /// The zip container is damaged or cut short.
    Corrupt { detail: String },
    /// The workbook is protected by a password.
    Encrypted,
    /// Unpacked, the file would be larger than the configured limit.
    TooLargeUnpacked { limit_mb: u64 },
    /// A sheet has more rows than the configured limit.
    TooManyRows { sheet: String, limit: u64 },
    /// The sheets of a workbook loaded whole span more cells than the configured limit (a stray cell
    /// far away, typically); `sheet` is the largest.
    TooManyCells { sheet: String, cells: u64, limit: u64 },
    /// A part of the file (`part`, e.g. `xl/sharedStrings.xml`) holds a text longer than any cell
    /// can (over a megabyte between two tags): damaged or forged, and too large to read.
    OversizedText { part: String },
    /// A link in the source folder to a file outside it, or to nothing (a link that is broken or
    /// loops): not read. `target`: where it leads, as far as it can be told.
    Link { target: String },
    /// No sheet has the required columns.
    NoUsableSheet,
    /// No sheet of a police area's shared log has the required columns and `Kommun`.
    NoUsableSheetOfArea,
    /// The reader failed on the file (a bug in the reader or a badly damaged file).
    ReaderFailed { detail: String },
    /// The file could not be opened or read from disk.
    Unreadable { detail: String },
    /// Its name says it is a copy of a log that counts in the same folder, and its content differs:
    /// its rows would count twice (`original`: that log's file name).
    CopyOf { original: String },
    /// Byte-identical to a log that counts for another municipality of the police area, from its
    /// folder (`original`: that log's path; `municipality`: its name). `counted_there`: that one
    /// counts; when both came in one run neither does, as neither is known to be the misplaced one.
    OfAnotherMunicipality { original: String, municipality: String, counted_there: bool },
}

impl FileRefusal {
    /// The refusal with its detail (a library's or the system's words, for the operator) at most
    /// [`crate::text::DETAIL_CHARS`] characters: a parser may echo the file's content into its error.
    pub(crate) fn with_short_detail(self) -> FileRefusal {
        let short = |d: String| crate::text::shortened(&d, crate::text::DETAIL_CHARS).into_owned();
        match self {
            FileRefusal::Corrupt { detail } => FileRefusal::Corrupt { detail: short(detail) },
            FileRefusal::ReaderFailed { detail } => FileRefusal::ReaderFailed { detail: short(detail) },
            FileRefusal::Unreadable { detail } => FileRefusal::Unreadable { detail: short(detail) },
            FileRefusal::Link { target } => FileRefusal::Link { target: short(target) },
            other => other,
        }
    }
}

/// What a file that is not a spreadsheet looks like, judged from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LooksLike {
    /// Plain text, e.g. CSV.
    Text,
    /// A web page, e.g. an "xls" exported by a web system.
    Html,
    /// The old Excel 2003 XML format.
    Excel2003Xml,
    /// A PDF.
    Pdf,
    /// A Word document.
    Word,
    /// A PowerPoint presentation.
    PowerPoint,
    /// An OpenDocument file that is not a spreadsheet.
    OtherOpenDocument,
    /// A zip archive without a workbook.
    Zip,
    /// Another Office (OLE) document.
    OtherOffice,
    /// Nothing recognisable.
    Unknown,
}

/// A note about a sheet that was skipped: not an error, but never silent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetNote {
    /// The sheet's name.
    pub(crate) sheet: String,
    /// The required columns the sheet lacks.
    pub(crate) missing: Vec<Column>,
}

/// What a stored problem says, at any level: the data its Swedish sentences are made from when it is
/// read (`messages::problem`, `messages::advice`), so that a change of wording needs no re-reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A row that could not be read.
    Row(RowReason),
    /// A sheet that was skipped.
    Sheet(SheetNote),
    /// A file that was refused.
    File(FileRefusal),
    /// A problem stored before reasons were read back as data (schema 6 and older) whose detail this
    /// pledgewatch cannot decode: the Swedish text it was stored with, whole.
    Written(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_split_on_comma_semicolon_and_och() {
        assert_eq!(
            split_partners("Kalix kommun och grannsamverkan Töre; Socialtjänsten, skolan"),
            ["Kalix kommun", "grannsamverkan Töre", "Socialtjänsten", "skolan"]
        );
        assert!(split_partners("  ").is_empty());
        // "och" inside a word is not a separator.
        assert_eq!(split_partners("Kochs bageri"), ["Kochs bageri"]);
    }

    #[test]
    fn tags_split_on_comma_and_semicolon() {
        assert_eq!(split_tags("A-traktor, Kvällstid;helg"), ["A-traktor", "Kvällstid", "helg"]);
    }
}
