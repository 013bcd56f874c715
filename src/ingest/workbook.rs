//! Reads a workbook's sheets with calamine and hands their cells, in row order, to a [`Cells`].
//!
//! xlsx and xlsb are streamed cell by cell (no dense grid: memory stays flat however long the log);
//! xls and ods can only be loaded whole, so their extent is measured from the file first and a sheet
//! spanning more than `max_cells` is refused before calamine allocates it. Formula cells give their
//! cached value. Merged regions are known for xlsx and xls.
//!
//! Interprets nothing: the cells go to the row parser (`read.rs`), through the reader process
//! (`isolate.rs`) when the service reads.

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError};

use super::rows::{Merge, Value, parse_iso_date};
use super::sniff::Format;
use crate::config::IngestSettings;
use crate::model::FileRefusal;

/// Receives the cells of each sheet, in row order.
pub(super) trait Cells {
    /// A sheet starts, with its merged regions (for the formats that have them).
    fn sheet(&mut self, name: &str, merges: Vec<Merge>);
    /// One cell at 0-based (row, col). `false`: the rest of the sheet is not wanted.
    fn cell(&mut self, row: u32, col: u32, value: Value<'_>) -> bool;
    /// The sheet is finished.
    fn sheet_end(&mut self);
}

/// Merged regions are found by a second pass over the sheet's XML; for files above this size (machine
/// exports, which have none) the pass is skipped.
const MERGE_SCAN_MAX_BYTES: usize = 16 << 20;

/// Reads every sheet of the workbook in `bytes`.
pub(super) fn read(
    bytes: &[u8],
    format: Format,
    limits: &IngestSettings,
    sink: &mut dyn Cells,
) -> Result<(), FileRefusal> {
    match format {
        Format::Xlsx => {
            no_oversized_text(bytes)?;
            read_xlsx(bytes, limits, sink)
        }
        Format::Xlsb => read_xlsb(bytes, limits, sink),
        Format::Xls => {
            check_extent(super::extent::xls(bytes), limits)?;
            let mut wb = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
            for name in wb.sheet_names() {
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let range = wb.worksheet_range(&name).map_err(xls_error)?;
                read_range(&name, &range, merges, sink);
            }
            Ok(())
        }
        Format::Ods => {
            no_oversized_text(bytes)?;
            check_extent(super::extent::ods(bytes), limits)?;
            let mut wb = Ods::new(Cursor::new(bytes)).map_err(|e| other_error(format, e))?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| other_error(format, e))?;
                read_range(&name, &range, Vec::new(), sink);
            }
            Ok(())
        }
    }
}

/// A text an XML parser would hold whole refuses the file before any parser sees it.
fn no_oversized_text(bytes: &[u8]) -> Result<(), FileRefusal> {
    match super::extent::long_xml_text(bytes) {
        Ok(None) => Ok(()),
        Ok(Some((part, length))) => {
            tracing::info!(part, length, "a text longer than any cell");
            Err(FileRefusal::OversizedText { part })
        }
        Err(detail) => Err(FileRefusal::Corrupt { detail }),
    }
}

/// calamine loads every sheet of an xls or ods workbook at once, so the limit is on their sum; the
/// sheet named in the refusal is the largest.
fn check_extent(
    extents: Result<Vec<(String, u64)>, String>,
    limits: &IngestSettings,
) -> Result<(), FileRefusal> {
    let extents = extents.map_err(|detail| FileRefusal::Corrupt { detail })?;
    let total = extents.iter().fold(0u64, |sum, (_, cells)| sum.saturating_add(*cells));
    match extents.into_iter().max_by_key(|(_, cells)| *cells) {
        Some((sheet, _)) if total > limits.max_cells => {
            Err(FileRefusal::TooManyCells { sheet, cells: total, limit: limits.max_cells })
        }
        _ => Ok(()),
    }
}

/// A streamed sheet: its name, its declared dimensions and its merged regions.
struct StreamedSheet<'n> {
    name: &'n str,
    declared: Dimensions,
    merges: Vec<Dimensions>,
}

/// Feeds a cell stream to the sink, enforcing the row limit. `next` yields cells in row order.
fn stream<'a, E>(
    sheet: StreamedSheet<'_>,
    limits: &IngestSettings,
    sink: &mut dyn Cells,
    mut next: impl FnMut() -> Result<Option<((u32, u32), DataRef<'a>)>, E>,
    error: impl Fn(E) -> FileRefusal,
) -> Result<(), FileRefusal> {
    let StreamedSheet { name, declared, merges } = sheet;
    let too_many_rows = || FileRefusal::TooManyRows { sheet: name.to_owned(), limit: limits.max_rows };
    if u64::from(declared.end.0) >= limits.max_rows {
        return Err(too_many_rows());
    }
    sink.sheet(name, merges_of(merges, name));
    while let Some(((row, col), value)) = next().map_err(&error)? {
        if u64::from(row) >= limits.max_rows {
            return Err(too_many_rows());
        }
        if !sink.cell(row, col, value_ref(value)) {
            break;
        }
    }
    sink.sheet_end();
    Ok(())
}

fn read_xlsx(bytes: &[u8], limits: &IngestSettings, sink: &mut dyn Cells) -> Result<(), FileRefusal> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets: Vec<(String, calamine::SheetType)> =
        wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    for (name, typ) in sheets {
        if typ != calamine::SheetType::WorkSheet {
            continue;
        }
        let merges = if bytes.len() <= MERGE_SCAN_MAX_BYTES {
            wb.merge_cells_by_sheet_name(&name).unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut reader = match wb.worksheet_cells_reader(&name) {
            Ok(r) => r,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(xlsx_error(e)),
        };
        let declared = reader.dimensions();
        let next = || reader.next_cell().map(|c| c.map(|c| (c.get_position(), c.get_value().clone())));
        stream(StreamedSheet { name: &name, declared, merges }, limits, sink, next, xlsx_error)?;
    }
    Ok(())
}

fn read_xlsb(bytes: &[u8], limits: &IngestSettings, sink: &mut dyn Cells) -> Result<(), FileRefusal> {
    let mut wb = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let sheets: Vec<(String, calamine::SheetType)> =
        wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    for (name, typ) in sheets {
        if typ != calamine::SheetType::WorkSheet {
            continue;
        }
        let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsb_error)?;
        let declared = reader.dimensions();
        let next = || reader.next_cell().map(|c| c.map(|c| (c.get_position(), c.get_value().clone())));
        let sheet = StreamedSheet { name: &name, declared, merges: Vec::new() };
        stream(sheet, limits, sink, next, xlsb_error)?;
    }
    Ok(())
}

/// Feeds a sheet loaded whole (xls, ods) to the sink.
fn read_range(name: &str, range: &calamine::Range<Data>, merges: Vec<Dimensions>, sink: &mut dyn Cells) {
    sink.sheet(name, merges_of(merges, name));
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    for (r, c, value) in range.used_cells() {
        if !sink.cell(start_row + r as u32, start_col + c as u32, value_owned(value)) {
            break;
        }
    }
    sink.sheet_end();
}

/// At most this many merged regions per sheet are used to fill cells (each row checks them all);
/// a log keeper's sheet has a handful.
const MAX_MERGES: usize = 2_000;

fn merges_of(regions: Vec<Dimensions>, sheet: &str) -> Vec<Merge> {
    if regions.len() > MAX_MERGES {
        tracing::warn!(
            sheet,
            merges = regions.len(),
            "too many merged regions; only the first {MAX_MERGES} fill cells"
        );
    }
    regions.into_iter().take(MAX_MERGES).map(to_merge).collect()
}

fn to_merge(d: Dimensions) -> Merge {
    Merge { start: d.start, end: d.end }
}

fn excel_date(dt: &calamine::ExcelDateTime) -> Value<'static> {
    // A time of day alone (below 1.0) or a duration is not a date: it is a time (`Timmar` as 1:30).
    if dt.is_datetime()
        && dt.as_f64() >= 1.0
        && let Some(d) = dt.as_datetime()
    {
        return Value::DateTime(d);
    }
    Value::Duration(dt.as_f64())
}

fn iso_date(text: &str) -> Value<'static> {
    match parse_iso_date(text) {
        Some(d) => {
            let time = text
                .split_once('T')
                .and_then(|(_, t)| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S%.f").ok());
            Value::DateTime(d.and_time(time.unwrap_or_default()))
        }
        None => Value::Text(text.to_owned().into()),
    }
}

fn value_ref(v: DataRef<'_>) -> Value<'_> {
    match v {
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Float(f) => Value::Number(f),
        DataRef::String(s) => Value::Text(s.into()),
        DataRef::SharedString(s) => Value::Text(s.into()),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(dt) => excel_date(&dt),
        DataRef::DateTimeIso(s) => iso_date(&s),
        DataRef::DurationIso(s) => Value::Text(s.into()),
        DataRef::Error(e) => Value::Error(e.to_string()),
        DataRef::Empty => Value::Empty,
    }
}

fn value_owned(v: &Data) -> Value<'_> {
    match v {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.as_str().into()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Value::Text(s.as_str().into()),
        Data::Error(e) => Value::Error(e.to_string()),
        Data::Empty => Value::Empty,
    }
}

fn xlsx_error(e: XlsxError) -> FileRefusal {
    match e {
        XlsxError::Password => FileRefusal::Encrypted,
        XlsxError::Zip(z) => FileRefusal::Corrupt { detail: format!("zip: {z}") },
        other => FileRefusal::ReaderFailed { detail: format!("xlsx: {other}") },
    }
}

fn xlsb_error(e: XlsbError) -> FileRefusal {
    match e {
        XlsbError::Password => FileRefusal::Encrypted,
        XlsbError::Zip(z) => FileRefusal::Corrupt { detail: format!("zip: {z}") },
        other => FileRefusal::ReaderFailed { detail: format!("xlsb: {other}") },
    }
}

fn xls_error(e: XlsError) -> FileRefusal {
    match e {
        XlsError::Password => FileRefusal::Encrypted,
        other => FileRefusal::ReaderFailed { detail: format!("xls: {other}") },
    }
}

fn other_error(format: Format, e: impl std::fmt::Display) -> FileRefusal {
    let text = e.to_string();
    if text.contains("password") {
        return FileRefusal::Encrypted;
    }
    FileRefusal::ReaderFailed { detail: format!("{}: {text}", format.name()) }
}
