//! From cells to activities: find the header row, then turn each row into an activity, a row problem,
//! or a skipped row (blank, totals).
//!
//! Pure: cells come in one at a time, in row order, as [`Value`]s; outcomes go out through a callback.
//! Knows nothing about file formats or calamine (`workbook.rs` feeds it) and nothing about SQLite.

use chrono::NaiveDate;

pub(crate) use super::dictionary::{Dictionary, Route};
use crate::model::{ActivityRow, Column, IndicatorRow, PlanRow, RowProblem, RowReason, SheetNote};
use crate::names::{Lookup, Vocabulary};

mod indicators;
mod municipality;
mod numbers;
mod plans;
mod value;
use municipality::{read_municipality, row_scope};
use numbers::{read_count, read_hours};
pub(crate) use value::Value;

/// What became of one row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// An activity was read.
    Activity(ActivityRow),
    /// The row could not be read (one outcome per problem; a row may have several).
    Problem(RowProblem),
    /// A blank row, skipped.
    Blank(u32),
    /// A totals row (`Summa`, `Totalt`, or a lone sum under the counts), skipped.
    Total(u32),
    /// An indicator's value was read (a row of an indicator sheet).
    Reading(IndicatorRow),
    /// A row of an indicator sheet about an indicator no pledge follows, skipped.
    Other(u32),
    /// A planned activity was read (a row of a plan sheet).
    Plan(PlanRow),
}

/// What a sheet holds, told by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SheetKind {
    /// An activity log: `Datum`, `Aktivitet` (and `Kommun` in a shared log).
    Activities,
    /// An indicator sheet: `Indikator`, `Värde` and `År` or `Datum` (and `Kommun` in a shared log).
    Indicators,
    /// A plan sheet: `Löfte`, `Planerat` and `Datum` or `Vecka` (and `Kommun` in a shared log).
    Plans,
}

/// How a sheet ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SheetEnd {
    /// The header was found on this 1-based row and the rows below were read.
    Read { header_row: u32 },
    /// No header row: the sheet is not an activity log.
    Skipped(SheetNote),
}

/// A merged region: rows and columns, 0-based and inclusive, as calamine gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    /// (row, column) of the top-left cell, whose value the region shows.
    pub(crate) start: (u32, u32),
    /// (row, column) of the bottom-right cell.
    pub(crate) end: (u32, u32),
}

/// How many rows holding something are searched for the header (titles, notes, instructions).
const HEADER_SEARCH_ROWS: u32 = 30;

/// Header names are looked for in the first columns only; a cell further right cannot start a log,
/// and this bounds what is kept of a row before the header is found.
const HEADER_SEARCH_COLUMNS: u32 = 256;

const NO_COLUMN: usize = Column::ALL.len();

fn column_index(c: Column) -> usize {
    Column::ALL.iter().position(|x| *x == c).unwrap_or(NO_COLUMN)
}

/// Reads one sheet, cell by cell. Feed cells with [`SheetParser::cell`] in row order, then call
/// [`SheetParser::finish`].
pub(crate) struct SheetParser<'d, 'a> {
    dict: &'d Dictionary,
    sheet: String,
    merges: Vec<(Merge, Option<Value<'static>>)>,
    /// The sheet column (0-based) of each `Column`, once the header is found.
    header: Option<[Option<u32>; NO_COLUMN]>,
    /// What the sheet holds, once the header is found.
    kind: SheetKind,
    /// The day of the last activity read on the sheet.
    last_date: Option<NaiveDate>,
    header_row: u32,
    /// The best partial header seen while searching: which required columns it lacked.
    best_missing: Vec<Column>,
    /// Rows holding something, seen while searching for the header.
    rows_searched: u32,
    /// The 0-based row being collected.
    row: Option<u32>,
    /// Before the header: every non-empty cell of the row, for header detection.
    raw: Vec<(u32, Value<'a>)>,
    /// After the header: the row's value in each column.
    cells: [Value<'a>; NO_COLUMN],
    /// After the header: the first non-empty cell of the row, in any column, for totals detection.
    first: Option<(u32, Value<'a>)>,
    /// After the header: whether any cell outside the known columns holds something.
    other_filled: bool,
}

impl<'d, 'a> SheetParser<'d, 'a> {
    /// A parser for the sheet `sheet`, with the merged regions of the sheet if the format has them.
    pub(crate) fn new(dict: &'d Dictionary, sheet: &str, merges: Vec<Merge>) -> Self {
        SheetParser {
            dict,
            sheet: sheet.to_owned(),
            // Only regions spanning rows can fill a data row's empty cell from the row above.
            merges: merges.into_iter().filter(|m| m.end.0 > m.start.0).map(|m| (m, None)).collect(),
            header: None,
            kind: SheetKind::Activities,
            last_date: None,
            header_row: 0,
            best_missing: dict.required().to_vec(),
            rows_searched: 0,
            row: None,
            raw: Vec::new(),
            cells: Default::default(),
            first: None,
            other_filled: false,
        }
    }

    /// Whether the header is still being searched for and the search window has passed: the rest of
    /// the sheet need not be read.
    pub(crate) fn gave_up(&self) -> bool {
        self.header.is_none() && self.rows_searched >= HEADER_SEARCH_ROWS
    }

    /// One cell at 0-based (row, col).
    pub(crate) fn cell(&mut self, row: u32, col: u32, value: Value<'a>, out: &mut impl FnMut(Outcome)) {
        if self.row != Some(row) {
            self.end_row(out);
            self.row = Some(row);
        }
        if !self.merges.is_empty() {
            self.remember_merge_anchor(row, col, &value);
        }
        if value.is_empty() {
            return;
        }
        match &self.header {
            None if col < HEADER_SEARCH_COLUMNS => self.raw.push((col, value)),
            None => {}
            Some(map) => {
                if self.first.as_ref().is_none_or(|(c, _)| col < *c) {
                    self.first = Some((col, value.clone()));
                }
                match map.iter().position(|c| *c == Some(col)) {
                    Some(i) => self.cells[i] = value,
                    None => self.other_filled = true,
                }
            }
        }
    }

    /// Ends the sheet: the last row is read and the sheet's fate is told.
    pub(crate) fn finish(mut self, out: &mut impl FnMut(Outcome)) -> SheetEnd {
        self.end_row(out);
        if self.header.is_some() {
            SheetEnd::Read { header_row: self.header_row + 1 }
        } else {
            SheetEnd::Skipped(SheetNote { sheet: self.sheet, missing: self.best_missing })
        }
    }

    fn remember_merge_anchor(&mut self, row: u32, col: u32, value: &Value<'a>) {
        for (m, anchor) in &mut self.merges {
            if m.start == (row, col) {
                *anchor = Some(value.clone().into_owned());
            }
        }
    }

    fn end_row(&mut self, out: &mut impl FnMut(Outcome)) {
        let Some(row) = self.row else { return };
        if self.header.is_none() {
            if !self.raw.is_empty() {
                self.rows_searched += 1;
                self.try_header(row);
                self.raw.clear();
            }
            return;
        }
        if row == self.header_row {
            return;
        }
        self.fill_merged(row);
        let cells = std::mem::take(&mut self.cells);
        if self.kind != SheetKind::Activities {
            self.first = None;
            self.other_filled = false;
            return match self.kind {
                SheetKind::Plans => plans::read_row(self.dict, row + 1, &cells, out),
                _ => indicators::read_row(self.dict, row + 1, &cells, out),
            };
        }
        let first = self.first.take();
        let other_filled = std::mem::take(&mut self.other_filled);
        // A row whose date cannot be read belongs with the rows around it: it takes the date of the
        // last activity above it on the sheet (when there is one), to tell its period.
        let last = &mut self.last_date;
        read_row(self.dict, row + 1, cells, first.map(|(_, v)| v), other_filled, &mut |o| match o {
            Outcome::Activity(a) => {
                *last = Some(a.date);
                out(Outcome::Activity(a))
            }
            Outcome::Problem(mut p) if p.date.is_none() => {
                p.date = *last;
                out(Outcome::Problem(p))
            }
            other => out(other),
        });
    }

    fn try_header(&mut self, row: u32) {
        let mut map: [Option<u32>; NO_COLUMN] = [None; NO_COLUMN];
        for (col, value) in &self.raw {
            if let Value::Text(t) = value
                && let Some(c) = self.dict.column_named(t)
            {
                let slot = &mut map[column_index(c)];
                if slot.is_none() {
                    *slot = Some(*col);
                }
            }
        }
        let missing: Vec<Column> =
            self.dict.required().iter().copied().filter(|c| map[column_index(*c)].is_none()).collect();
        if missing.is_empty() {
            self.header = Some(map);
            self.header_row = row;
        } else if let Some(kind) = self.other_kind(&map) {
            (self.header, self.header_row, self.kind) = (Some(map), row, kind);
        } else if missing.len() < self.best_missing.len() {
            self.best_missing = missing;
        }
    }

    /// What a header row that is not an activity log's heads: an indicator sheet (`Indikator`,
    /// `Värde`, `År` or `Datum`) or a plan sheet (`Löfte`, `Planerat`, `Datum` or `Vecka`), each with
    /// the `Kommun` a shared log's sheets need; `None` for neither.
    fn other_kind(&self, map: &[Option<u32>; NO_COLUMN]) -> Option<SheetKind> {
        let has = |c: Column| map[column_index(c)].is_some();
        let municipality = !self.dict.required().contains(&Column::Municipality) || has(Column::Municipality);
        let indicators =
            has(Column::Indicator) && has(Column::Value) && (has(Column::Year) || has(Column::Date));
        let plans = has(Column::Pledge) && has(Column::Planned) && (has(Column::Week) || has(Column::Date));
        match (municipality, indicators, plans) {
            (true, true, _) => Some(SheetKind::Indicators),
            (true, false, true) => Some(SheetKind::Plans),
            _ => None,
        }
    }

    /// An empty cell inside a merged region shows the region's top-left value; only regions that
    /// start below the header count (a merged title above it says nothing about the rows).
    fn fill_merged(&mut self, row: u32) {
        let Some(map) = self.header else { return };
        for (i, col) in map.iter().enumerate() {
            let Some(col) = *col else { continue };
            if !self.cells[i].is_empty() {
                continue;
            }
            let anchor = self.merges.iter().find(|(m, _)| {
                m.start.0 > self.header_row
                    && m.start.0 < row
                    && (m.start.0..=m.end.0).contains(&row)
                    && (m.start.1..=m.end.1).contains(&col)
            });
            if let Some((_, Some(v))) = anchor {
                self.cells[i] = v.clone();
            }
        }
    }
}

fn cell<'c, 'a>(cells: &'c [Value<'a>; NO_COLUMN], c: Column) -> &'c Value<'a> {
    &cells[column_index(c)]
}

/// A row that holds no activity: blank, or a totals row (`Blank` or `Total`); `None` for any other.
fn skipped(
    dict: &Dictionary,
    row: u32,
    cells: &[Value<'_>; NO_COLUMN],
    first: Option<&Value<'_>>,
    other_filled: bool,
) -> Option<Outcome> {
    // A totals label first on the row makes it a totals row, unless the row names a known activity
    // (then the label is a comment such as "Totalt 12 deltagare", and the row an activity).
    if let Some(Value::Text(t)) = first
        && dict.is_total_label(t)
        && read_activity(&dict.vocabulary, cell(cells, Column::Activity)).is_err()
    {
        return Some(Outcome::Total(row));
    }
    let filled = |c: Column| !cell(cells, c).is_empty();
    let others = [Column::Date, Column::Activity, Column::Place, Column::Partners, Column::Tags];
    if others.into_iter().any(filled) {
        return None;
    }
    // A Kommun filled in ahead (a template's column, a list's default) makes no row alone.
    if !filled(Column::Count) && !filled(Column::Hours) {
        return Some(Outcome::Blank(row));
    }
    // A lone number under the counts or the hours (a number cell, or text that reads as one), with
    // nothing else on the row, is an unlabelled sum.
    let sum_or_empty = |c: Column| {
        let v = cell(cells, c);
        !filled(c)
            || match v {
                Value::Number(_) | Value::Duration(_) => true,
                Value::Text(_) if c == Column::Count => read_count(v).is_ok(),
                Value::Text(_) => read_hours(v).is_ok(),
                _ => false,
            }
    };
    (!other_filled
        && !filled(Column::Municipality)
        && sum_or_empty(Column::Count)
        && sum_or_empty(Column::Hours))
    .then_some(Outcome::Total(row))
}

/// Turns one row below the header into outcomes. `row` is 1-based.
fn read_row(
    dict: &Dictionary,
    row: u32,
    cells: [Value<'_>; NO_COLUMN],
    first: Option<Value<'_>>,
    other_filled: bool,
    out: &mut impl FnMut(Outcome),
) {
    if let Some(skipped) = skipped(dict, row, &cells, first.as_ref(), other_filled) {
        return out(skipped);
    }
    let mut problems = Vec::new();
    let date = read_date(cell(&cells, Column::Date)).map_err(|r| problems.push(r)).ok();
    let (municipality, vocabulary, named) = match read_municipality(dict, cell(&cells, Column::Municipality))
    {
        Ok(m) => m,
        Err((reason, resembles)) => {
            problems.push(reason);
            (resembles, &dict.vocabulary, None)
        }
    };
    let activity = row_activity(dict, vocabulary, named, cell(&cells, Column::Activity))
        .map_err(|r| problems.push(r))
        .ok();
    let count = read_count(cell(&cells, Column::Count)).map_err(|r| problems.push(r)).ok();
    let hours = read_hours(cell(&cells, Column::Hours)).map_err(|r| problems.push(r));
    let mut text = |c: Column| match cell(&cells, c) {
        Value::Error(e) => {
            problems.push(RowReason::CellError { column: c, value: e.clone() });
            String::new()
        }
        v => v.display(),
    };
    let (place, partners, tags) = (text(Column::Place), text(Column::Partners), text(Column::Tags));
    let activity = match (date, activity, count, hours) {
        (Some(date), Some(activity), Some(count), Ok(hours)) if problems.is_empty() => {
            let municipality = municipality.to_owned();
            let a = ActivityRow { row, date, activity, count, hours, place, partners, tags, municipality };
            return out(Outcome::Activity(a));
        }
        (_, activity, _, _) => activity,
    };
    // Which pledge the row would have counted toward, to list it there: the kind it names, or the one
    // its unknown name most resembles.
    let kind = activity.or_else(|| {
        problems.iter().find_map(|r| match r {
            RowReason::UnknownActivity { suggestion: Some(name), .. } => match vocabulary.lookup(name) {
                Lookup::Known(id) => Some(id.to_owned()),
                Lookup::Unknown(_) => None,
            },
            _ => None,
        })
    });
    problems_out(row, problems, (date, kind, municipality), out);
}

/// The `Datum` cell: a date or date-time cell, or ISO text (`2019-03-05`, `2019-03-05 14:30`).
fn read_date(v: &Value<'_>) -> Result<NaiveDate, RowReason> {
    match v {
        Value::DateTime(dt) => Ok(dt.date()),
        Value::Text(t) => {
            parse_iso_date(t.trim()).ok_or_else(|| RowReason::UnreadableDate { value: v.display() })
        }
        Value::Empty => Err(RowReason::MissingDate),
        Value::Number(_) | Value::Duration(_) => Err(RowReason::NumberAsDate { value: v.display() }),
        Value::Bool(_) => Err(RowReason::UnreadableDate { value: v.display() }),
        Value::Error(e) => Err(RowReason::CellError { column: Column::Date, value: e.clone() }),
    }
}

/// An ISO date, optionally followed by a time (`T` or a space between).
pub(crate) fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let date_part = text.split(['T', ' ']).next()?;
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()?;
    let rest = text[date_part.len()..].trim_start_matches(['T', ' ']);
    let time_ok = rest.is_empty()
        || ["%H:%M", "%H:%M:%S", "%H:%M:%S%.f"]
            .iter()
            .any(|f| chrono::NaiveTime::parse_from_str(rest, f).is_ok());
    time_ok.then_some(date)
}

/// One row problem out per reason, each with the row's date, kind and municipality.
fn problems_out(
    row: u32,
    problems: Vec<RowReason>,
    (date, kind, municipality): (Option<NaiveDate>, Option<String>, &str),
    out: &mut impl FnMut(Outcome),
) {
    for reason in problems {
        let (kind, municipality) = (kind.clone(), municipality.to_owned());
        out(Outcome::Problem(RowProblem { row, reason, date, kind, municipality }));
    }
}

/// The activity of a row of the municipality whose activities are `vocabulary` (and whose name,
/// in a shared log, is `named`).
fn row_activity(
    dict: &Dictionary,
    vocabulary: &Vocabulary,
    named: Option<&str>,
    v: &Value<'_>,
) -> Result<String, RowReason> {
    match (read_activity(vocabulary, v), named) {
        // In a shared log, an activity of another municipality than the row's: the row's Kommun or
        // its activity is wrong, and a suggestion from the row's own activities would mislead.
        (Err(RowReason::UnknownActivity { value, .. }), Some(name))
            if read_activity(&dict.vocabulary, v).is_ok() =>
        {
            Err(RowReason::ActivityOfAnotherMunicipality { value, municipality: name.to_owned() })
        }
        (read, _) => read,
    }
}

fn read_activity(vocabulary: &Vocabulary, v: &Value<'_>) -> Result<String, RowReason> {
    match v {
        Value::Empty => Err(RowReason::MissingActivity),
        Value::Error(e) => Err(RowReason::CellError { column: Column::Activity, value: e.clone() }),
        Value::Text(t) => match vocabulary.lookup(t) {
            Lookup::Known(id) => Ok(id.to_owned()),
            Lookup::Unknown(suggestion) => Err(RowReason::UnknownActivity {
                value: v.display(),
                suggestion: suggestion.map(str::to_owned),
            }),
        },
        other => Err(RowReason::UnknownActivity { value: other.display(), suggestion: None }),
    }
}

#[cfg(test)]
mod tests;
