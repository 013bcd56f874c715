//! How a problem's reason is stored: each kind's code (`as_str` / `from_code`) and its detail, a
//! JSON object of the reason's plain fields, written and read field by field here.
//!
//! The encoding is explicit, not serde's derive on the enums: renaming a Rust variant or field must
//! not change a stored row. It is also frozen: the detail is exactly what stores have held since
//! schema 1 (`{"code":"unknown_activity","value":"…","suggestion":null}`), because a problem's
//! identity (the key under which it was told to its log keeper, when it was first seen) is made of
//! its code and detail; a different text would tell every known problem again. Add fields or kinds;
//! never change how an existing one is written.
//!
//! Pure: no I/O, no Swedish (the sentences are made from the decoded reason in `messages`).

use serde_json::{Map, Value};

use super::{Column, FileRefusal, LooksLike, Reason, RowReason, SheetNote};

/// What a stored problem is about: a row, a sheet or the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Level {
    /// A row that could not be read.
    Row,
    /// A sheet that was skipped.
    Sheet,
    /// A file that was refused.
    File,
}

crate::codes::stored_names!(pub(crate) Level, "problem level", {
    Row => "row",
    Sheet => "sheet",
    File => "file",
});

/// The code of a skipped sheet's note (the only kind of sheet-level problem).
const SHEET_SKIPPED: &str = "sheet_skipped";

impl Reason {
    /// The reason stored as `level`, `code` and `detail`; `None` when this pledgewatch cannot read
    /// it (a kind it does not know, a detail that is not what it writes).
    pub fn decode(level: &str, code: &str, detail: &str) -> Option<Reason> {
        let fields = match serde_json::from_str::<Value>(detail).ok()? {
            Value::Object(fields) => Fields(fields),
            _ => return None,
        };
        match level.parse().ok()? {
            Level::Row => RowReason::decode(code, &fields).map(Reason::Row),
            Level::Sheet if code == SHEET_SKIPPED => SheetNote::decode(&fields).map(Reason::Sheet),
            Level::Sheet => None,
            Level::File => FileRefusal::decode(code, &fields).map(Reason::File),
        }
    }
}

impl RowReason {
    /// The stored code of this kind of row problem.
    pub fn as_str(&self) -> &'static str {
        match self {
            RowReason::MissingDate => "missing_date",
            RowReason::UnreadableDate { .. } => "unreadable_date",
            RowReason::NumberAsDate { .. } => "number_as_date",
            RowReason::MissingActivity => "missing_activity",
            RowReason::UnknownActivity { .. } => "unknown_activity",
            RowReason::MissingMunicipality => "missing_municipality",
            RowReason::UnknownMunicipality { .. } => "unknown_municipality",
            RowReason::OfAnotherMunicipality { .. } => "of_another_municipality",
            RowReason::ActivityOfAnotherMunicipality { .. } => "activity_of_another_municipality",
            RowReason::BadCount { .. } => "bad_count",
            RowReason::CountTooLarge { .. } => "count_too_large",
            RowReason::BadHours { .. } => "bad_hours",
            RowReason::HoursTooLarge { .. } => "hours_too_large",
            RowReason::UnknownIndicator { .. } => "unknown_indicator",
            RowReason::MissingYear => "missing_year",
            RowReason::BadYear { .. } => "bad_year",
            RowReason::MissingValue => "missing_value",
            RowReason::BadValue { .. } => "bad_value",
            RowReason::FractionForPercent { .. } => "fraction_for_percent",
            RowReason::UnknownPledge { .. } => "unknown_pledge",
            RowReason::MissingPlanDate => "missing_plan_date",
            RowReason::BadWeek { .. } => "bad_week",
            RowReason::MissingPlanned => "missing_planned",
            RowReason::NotAnOwner { .. } => "not_an_owner",
            RowReason::CellError { .. } => "cell_error",
        }
    }

    /// The stored detail: the reason's fields (see the module's doc).
    pub(crate) fn detail(&self) -> String {
        let mut d = Writer::new(Some(self.as_str()));
        match self {
            RowReason::MissingDate
            | RowReason::MissingActivity
            | RowReason::MissingMunicipality
            | RowReason::MissingYear
            | RowReason::MissingValue
            | RowReason::MissingPlanDate
            | RowReason::MissingPlanned => {}
            RowReason::UnreadableDate { value }
            | RowReason::NumberAsDate { value }
            | RowReason::BadCount { value }
            | RowReason::BadHours { value }
            | RowReason::BadYear { value }
            | RowReason::BadValue { value }
            | RowReason::FractionForPercent { value }
            | RowReason::BadWeek { value } => d.text("value", value),
            RowReason::UnknownPledge { value, suggestion } => {
                d.text("value", value);
                d.optional_text("suggestion", suggestion.as_deref());
            }
            RowReason::NotAnOwner { value, owners } => {
                d.text("value", value);
                d.text("owners", &owners.join("\u{1f}"));
            }
            RowReason::UnknownIndicator { value, suggestion } => {
                d.text("value", value);
                d.text("suggestion", suggestion);
            }
            RowReason::UnknownActivity { value, suggestion }
            | RowReason::UnknownMunicipality { value, suggestion } => {
                d.text("value", value);
                d.optional_text("suggestion", suggestion.as_deref());
            }
            RowReason::CountTooLarge { value, limit } | RowReason::HoursTooLarge { value, limit } => {
                d.text("value", value);
                d.number("limit", u64::from(*limit));
            }
            RowReason::OfAnotherMunicipality { value, own } => {
                d.text("value", value);
                d.text("own", own);
            }
            RowReason::ActivityOfAnotherMunicipality { value, municipality } => {
                d.text("value", value);
                d.text("municipality", municipality);
            }
            RowReason::CellError { column, value } => {
                d.text("column", column.as_str());
                d.text("value", value);
            }
        }
        d.finish()
    }

    fn decode(code: &str, f: &Fields) -> Option<RowReason> {
        Some(match code {
            "missing_date" => RowReason::MissingDate,
            "unreadable_date" => RowReason::UnreadableDate { value: f.text("value")? },
            "number_as_date" => RowReason::NumberAsDate { value: f.text("value")? },
            "missing_activity" => RowReason::MissingActivity,
            "unknown_activity" => RowReason::UnknownActivity {
                value: f.text("value")?,
                suggestion: f.optional_text("suggestion")?,
            },
            "missing_municipality" => RowReason::MissingMunicipality,
            "unknown_municipality" => RowReason::UnknownMunicipality {
                value: f.text("value")?,
                suggestion: f.optional_text("suggestion")?,
            },
            "of_another_municipality" => {
                RowReason::OfAnotherMunicipality { value: f.text("value")?, own: f.text("own")? }
            }
            "activity_of_another_municipality" => RowReason::ActivityOfAnotherMunicipality {
                value: f.text("value")?,
                municipality: f.text("municipality")?,
            },
            "bad_count" => RowReason::BadCount { value: f.text("value")? },
            "count_too_large" => RowReason::CountTooLarge {
                value: f.text("value")?,
                limit: u32::try_from(f.number("limit")?).ok()?,
            },
            "bad_hours" => RowReason::BadHours { value: f.text("value")? },
            "unknown_indicator" => {
                RowReason::UnknownIndicator { value: f.text("value")?, suggestion: f.text("suggestion")? }
            }
            "missing_year" => RowReason::MissingYear,
            "bad_year" => RowReason::BadYear { value: f.text("value")? },
            "missing_value" => RowReason::MissingValue,
            "bad_value" => RowReason::BadValue { value: f.text("value")? },
            "fraction_for_percent" => RowReason::FractionForPercent { value: f.text("value")? },
            "unknown_pledge" => RowReason::UnknownPledge {
                value: f.text("value")?,
                suggestion: f.optional_text("suggestion")?,
            },
            "missing_plan_date" => RowReason::MissingPlanDate,
            "bad_week" => RowReason::BadWeek { value: f.text("value")? },
            "missing_planned" => RowReason::MissingPlanned,
            "not_an_owner" => RowReason::NotAnOwner {
                value: f.text("value")?,
                owners: f.text("owners")?.split('\u{1f}').map(str::to_owned).collect(),
            },
            "hours_too_large" => RowReason::HoursTooLarge {
                value: f.text("value")?,
                limit: u32::try_from(f.number("limit")?).ok()?,
            },
            "cell_error" => RowReason::CellError {
                column: Column::from_code(&f.text("column")?)?,
                value: f.text("value")?,
            },
            _ => return None,
        })
    }
}

impl FileRefusal {
    /// The stored code of this kind of refusal.
    pub fn as_str(&self) -> &'static str {
        match self {
            FileRefusal::Empty => "empty",
            FileRefusal::NotASpreadsheet { .. } => "not_a_spreadsheet",
            FileRefusal::UnsupportedType { .. } => "unsupported_type",
            FileRefusal::Corrupt { .. } => "corrupt",
            FileRefusal::Encrypted => "encrypted",
            FileRefusal::TooLargeUnpacked { .. } => "too_large_unpacked",
            FileRefusal::TooManyRows { .. } => "too_many_rows",
            FileRefusal::TooManyCells { .. } => "too_many_cells",
            FileRefusal::OversizedText { .. } => "oversized_text",
            FileRefusal::Link { .. } => "link",
            FileRefusal::NoUsableSheet => "no_usable_sheet",
            FileRefusal::NoUsableSheetOfArea => "no_usable_sheet_of_area",
            FileRefusal::ReaderFailed { .. } => "reader_failed",
            FileRefusal::Unreadable { .. } => "unreadable",
            FileRefusal::CopyOf { .. } => "copy_of",
            FileRefusal::OfAnotherMunicipality { .. } => "of_another_municipality",
        }
    }

    /// The stored detail: the refusal's fields (see the module's doc).
    pub(crate) fn detail(&self) -> String {
        let mut d = Writer::new(Some(self.as_str()));
        match self {
            FileRefusal::Empty
            | FileRefusal::Encrypted
            | FileRefusal::NoUsableSheet
            | FileRefusal::NoUsableSheetOfArea => {}
            FileRefusal::NotASpreadsheet { looks_like } => d.text("looks_like", looks_like.as_str()),
            FileRefusal::UnsupportedType { extension } => d.text("extension", extension),
            FileRefusal::Corrupt { detail }
            | FileRefusal::ReaderFailed { detail }
            | FileRefusal::Unreadable { detail } => d.text("detail", detail),
            FileRefusal::TooLargeUnpacked { limit_mb } => d.number("limit_mb", *limit_mb),
            FileRefusal::CopyOf { original } => d.text("original", original),
            FileRefusal::OfAnotherMunicipality { original, municipality, counted_there } => {
                d.text("original", original);
                d.text("municipality", municipality);
                d.number("counted_there", u64::from(*counted_there));
            }
            FileRefusal::OversizedText { part } => d.text("part", part),
            FileRefusal::Link { target } => d.text("target", target),
            FileRefusal::TooManyRows { sheet, limit } => {
                d.text("sheet", sheet);
                d.number("limit", *limit);
            }
            FileRefusal::TooManyCells { sheet, cells, limit } => {
                d.text("sheet", sheet);
                d.number("cells", *cells);
                d.number("limit", *limit);
            }
        }
        d.finish()
    }

    fn decode(code: &str, f: &Fields) -> Option<FileRefusal> {
        Some(match code {
            "empty" => FileRefusal::Empty,
            "not_a_spreadsheet" => {
                FileRefusal::NotASpreadsheet { looks_like: LooksLike::from_code(&f.text("looks_like")?)? }
            }
            "unsupported_type" => FileRefusal::UnsupportedType { extension: f.text("extension")? },
            "corrupt" => FileRefusal::Corrupt { detail: f.text("detail")? },
            "encrypted" => FileRefusal::Encrypted,
            "too_large_unpacked" => FileRefusal::TooLargeUnpacked { limit_mb: f.number("limit_mb")? },
            "too_many_rows" => {
                FileRefusal::TooManyRows { sheet: f.text("sheet")?, limit: f.number("limit")? }
            }
            "too_many_cells" => FileRefusal::TooManyCells {
                sheet: f.text("sheet")?,
                cells: f.number("cells")?,
                limit: f.number("limit")?,
            },
            "no_usable_sheet" => FileRefusal::NoUsableSheet,
            "no_usable_sheet_of_area" => FileRefusal::NoUsableSheetOfArea,
            "oversized_text" => FileRefusal::OversizedText { part: f.text("part")? },
            "link" => FileRefusal::Link { target: f.text("target")? },
            "reader_failed" => FileRefusal::ReaderFailed { detail: f.text("detail")? },
            "unreadable" => FileRefusal::Unreadable { detail: f.text("detail")? },
            "copy_of" => FileRefusal::CopyOf { original: f.text("original")? },
            "of_another_municipality" => FileRefusal::OfAnotherMunicipality {
                original: f.text("original")?,
                municipality: f.text("municipality")?,
                counted_there: f.number("counted_there")? == 1,
            },
            _ => return None,
        })
    }
}

impl SheetNote {
    /// The stored code of a sheet's note.
    pub(crate) const CODE: &str = SHEET_SKIPPED;

    /// The stored detail: the sheet and the columns it lacks (no code: it has one kind).
    pub(crate) fn detail(&self) -> String {
        let mut d = Writer::new(None);
        d.text("sheet", &self.sheet);
        d.texts("missing", self.missing.iter().map(|c| c.as_str()));
        d.finish()
    }

    fn decode(f: &Fields) -> Option<SheetNote> {
        let missing = match f.0.get("missing")? {
            Value::Array(items) => {
                items.iter().map(|c| c.as_str().and_then(Column::from_code)).collect::<Option<Vec<_>>>()?
            }
            _ => return None,
        };
        Some(SheetNote { sheet: f.text("sheet")?, missing })
    }
}

impl Column {
    /// The stored code of a column (in a cell error's or a sheet note's detail). The same words as
    /// `Column::config_key` today, kept apart on purpose: a stored code is frozen (problem keys are
    /// made of it), the config's keys may grow aliases.
    pub fn as_str(self) -> &'static str {
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

    /// The column with this stored code.
    pub(crate) fn from_code(code: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl LooksLike {
    const ALL: [LooksLike; 10] = [
        LooksLike::Text,
        LooksLike::Html,
        LooksLike::Excel2003Xml,
        LooksLike::Pdf,
        LooksLike::Word,
        LooksLike::PowerPoint,
        LooksLike::OtherOpenDocument,
        LooksLike::Zip,
        LooksLike::OtherOffice,
        LooksLike::Unknown,
    ];

    /// The stored code of what a refused file looks like.
    pub fn as_str(self) -> &'static str {
        match self {
            LooksLike::Text => "text",
            LooksLike::Html => "html",
            LooksLike::Excel2003Xml => "excel2003_xml",
            LooksLike::Pdf => "pdf",
            LooksLike::Word => "word",
            LooksLike::PowerPoint => "power_point",
            LooksLike::OtherOpenDocument => "other_open_document",
            LooksLike::Zip => "zip",
            LooksLike::OtherOffice => "other_office",
            LooksLike::Unknown => "unknown",
        }
    }

    /// What a refused file looks like, from its stored code.
    pub(crate) fn from_code(code: &str) -> Option<LooksLike> {
        LooksLike::ALL.into_iter().find(|l| l.as_str() == code)
    }
}

/// Writes a detail: `{"code":…,` then the fields in the order given, strings escaped as JSON.
struct Writer(String);

impl Writer {
    fn new(code: Option<&str>) -> Writer {
        let mut w = Writer(String::from("{"));
        if let Some(code) = code {
            w.text("code", code);
        }
        w
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&Value::from(key).to_string());
        self.0.push(':');
    }

    fn text(&mut self, key: &str, value: &str) {
        self.key(key);
        self.0.push_str(&Value::from(value).to_string());
    }

    fn optional_text(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.text(key, v),
            None => {
                self.key(key);
                self.0.push_str("null");
            }
        }
    }

    fn number(&mut self, key: &str, value: u64) {
        self.key(key);
        self.0.push_str(&value.to_string());
    }

    fn texts<'a>(&mut self, key: &str, values: impl Iterator<Item = &'a str>) {
        self.key(key);
        let items: Vec<String> = values.map(|v| Value::from(v).to_string()).collect();
        self.0.push('[');
        self.0.push_str(&items.join(","));
        self.0.push(']');
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// The fields of a stored detail, read by name.
struct Fields(Map<String, Value>);

impl Fields {
    fn text(&self, key: &str) -> Option<String> {
        self.0.get(key)?.as_str().map(str::to_owned)
    }

    /// `Some(None)` for `null`, `None` when the field is absent or not text.
    fn optional_text(&self, key: &str) -> Option<Option<String>> {
        match self.0.get(key)? {
            Value::Null => Some(None),
            Value::String(s) => Some(Some(s.clone())),
            _ => None,
        }
    }

    fn number(&self, key: &str) -> Option<u64> {
        self.0.get(key)?.as_u64()
    }
}

#[cfg(test)]
mod tests;
