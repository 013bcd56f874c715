//! Reading one workbook into the store: the cells from the reader (calamine in its own process,
//! `isolate.rs`, or on this thread under `catch_unwind` where there is no reader process) through
//! the row parser on a second thread, batches of outcomes through a bounded channel, and this thread
//! writing them in the file's one transaction.
//!
//! Decides nothing about the file (that is `decide.rs`); interprets no rows (that is `rows.rs`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{SyncSender, sync_channel};

use super::rows::{Dictionary, Merge, Outcome, SheetEnd, SheetParser, Value};
use super::sniff::Format;
use super::{Run, isolate, workbook};
use crate::model::{ActivityRow, FileRefusal, IndicatorRow, RowProblem};
use crate::store::{FileVersion, ReadCounts, Store, StoreError};

impl Run<'_> {
    /// Reads a workbook on a second thread while this one writes its rows in one transaction; the
    /// number of cells shortened to `max_cell_chars`. The outer error is the store's; the inner one
    /// is the file's refusal (the transaction is then rolled back and the earlier version, if any,
    /// keeps counting).
    pub(super) fn read(
        &self,
        store: &mut Store,
        v: &FileVersion,
        bytes: &[u8],
        format: Format,
    ) -> Result<Result<u64, FileRefusal>, StoreError> {
        let mut tx = store.begin_read(v, self.now)?;
        let limits = &self.config.ingest;
        let dict = &self.dicts[&v.source];
        let (sender, receiver) = sync_channel::<Vec<Message>>(16);
        std::thread::scope(|scope| {
            let parser = scope.spawn(move || {
                let batcher = Batcher { sender, batch: Vec::with_capacity(BATCH), sheets: Vec::new() };
                let max_chars = usize::try_from(limits.max_cell_chars).unwrap_or(usize::MAX);
                let mut rows = Rows { dict, max_chars, shortened: 0, sheet: None, out: batcher };
                let result = catch_unwind(AssertUnwindSafe(|| match isolate::reader() {
                    Some(exe) => isolate::read(exe, bytes, format, limits, &mut rows),
                    None => workbook::read(bytes, format, limits, &mut rows),
                }));
                rows.out.flush();
                let result = result.unwrap_or_else(|panic| Err(reader_fault(format, panic.as_ref())));
                result.map(|()| rows.shortened)
            });

            let mut counts = ReadCounts::default();
            let mut sheets: Vec<String> = Vec::new();
            let mut usable = false;
            let mut store_error = None;
            for batch in receiver {
                if store_error.is_some() {
                    continue; // drain, so the parser can finish
                }
                for message in batch {
                    let r = write(&mut tx, &mut sheets, &mut counts, &mut usable, message);
                    if let Err(e) = r {
                        store_error = Some(e);
                        break;
                    }
                }
                self.progress.rows(counts.rows_read + counts.row_problems);
            }
            let parsed = parser.join().unwrap_or_else(|_| {
                Err(FileRefusal::ReaderFailed { detail: "the reader thread stopped".into() })
            });
            if let Some(e) = store_error {
                return Err(e);
            }
            match parsed {
                Err(refusal) => Ok(Err(refusal)),
                Ok(_) if !usable && matches!(dict.route, super::rows::Route::ByColumn { .. }) => {
                    Ok(Err(FileRefusal::NoUsableSheetOfArea))
                }
                Ok(_) if !usable => Ok(Err(FileRefusal::NoUsableSheet)),
                Ok(shortened) => tx.commit(counts).map(|_| Ok(shortened)),
            }
        })
    }
}

fn write(
    tx: &mut crate::store::ReadTx<'_>,
    sheets: &mut Vec<String>,
    counts: &mut ReadCounts,
    usable: &mut bool,
    message: Message,
) -> Result<(), StoreError> {
    match message {
        Message::Sheet(name) => sheets.push(name),
        Message::Activity(a) => {
            counts.rows_read += 1;
            tx.activity(sheets.last().map_or("", String::as_str), &a)?;
        }
        Message::Problem(p) => {
            counts.row_problems += 1;
            tx.problem(sheets.last().map_or("", String::as_str), &p)?;
        }
        Message::Reading(r) => {
            counts.values_read += 1;
            tx.reading(sheets.last().map_or("", String::as_str), &r)?;
        }
        Message::Plan(p) => {
            counts.plans_read += 1;
            tx.plan(sheets.last().map_or("", String::as_str), &p)?;
        }
        Message::Skipped => counts.rows_skipped += 1,
        Message::End(SheetEnd::Read { .. }) => *usable = true,
        Message::End(SheetEnd::Skipped(note)) => tx.sheet_skipped(&note)?,
    }
    Ok(())
}

/// The refusal of a file a reader panicked on: in plain words, the panic's own in the log.
pub(super) fn reader_fault(format: Format, panic: &(dyn std::any::Any + Send)) -> FileRefusal {
    tracing::warn!(format = format.name(), panic = ?panic_text(panic), "a reader failed on a file");
    FileRefusal::ReaderFailed {
        detail: format!(
            "the {} reader failed on this file (a damaged file, or a fault in the reader)",
            format.name()
        ),
    }
}

/// The message of a caught panic, for the log.
pub(super) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Messages from the parser thread to the writer.
enum Message {
    Sheet(String),
    Activity(ActivityRow),
    Problem(RowProblem),
    Reading(IndicatorRow),
    Plan(crate::model::PlanRow),
    Skipped,
    End(SheetEnd),
}

const BATCH: usize = 4096;

/// Collects outcomes into batches for the channel.
struct Batcher {
    sender: SyncSender<Vec<Message>>,
    batch: Vec<Message>,
    sheets: Vec<String>,
}

impl Batcher {
    fn push(&mut self, m: Message) {
        self.batch.push(m);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            // The writer only hangs up after a store failure, which it reports itself.
            let _ = self.sender.send(batch);
        }
    }

    fn enter(&mut self, sheet: &str) {
        if self.sheets.last().map(String::as_str) != Some(sheet) {
            self.sheets.push(sheet.to_owned());
            self.push(Message::Sheet(sheet.to_owned()));
        }
    }
}

impl Batcher {
    fn outcome(&mut self, sheet: &str, outcome: Outcome) {
        self.enter(sheet);
        self.push(match outcome {
            Outcome::Activity(a) => Message::Activity(a),
            Outcome::Problem(p) => Message::Problem(p),
            Outcome::Reading(r) => Message::Reading(r),
            Outcome::Plan(p) => Message::Plan(p),
            Outcome::Blank(_) | Outcome::Total(_) | Outcome::Other(_) => Message::Skipped,
        });
    }

    fn sheet_end(&mut self, sheet: &str, end: SheetEnd) {
        self.enter(sheet);
        self.push(Message::End(end));
    }
}

/// The row parser of the sheet being read, fed by the reader's cells; its outcomes go to the writer.
struct Rows<'d> {
    dict: &'d Dictionary,
    /// Longest text kept from a cell, in characters.
    max_chars: usize,
    /// Texts shortened so far.
    shortened: u64,
    sheet: Option<(String, SheetParser<'d, 'static>)>,
    out: Batcher,
}

impl workbook::Cells for Rows<'_> {
    fn sheet(&mut self, name: &str, merges: Vec<Merge>) {
        self.sheet_end();
        self.sheet = Some((name.to_owned(), SheetParser::new(self.dict, name, merges)));
    }

    fn cell(&mut self, row: u32, col: u32, value: Value<'_>) -> bool {
        let Some((name, parser)) = &mut self.sheet else { return false };
        let value = match value {
            Value::Text(t) => match crate::text::shortened(&t, self.max_chars) {
                std::borrow::Cow::Owned(short) => {
                    self.shortened += 1;
                    Value::Text(short.into())
                }
                std::borrow::Cow::Borrowed(_) => Value::Text(t.into_owned().into()),
            },
            other => other.into_owned(),
        };
        let out = &mut self.out;
        parser.cell(row, col, value, &mut |o| out.outcome(name, o));
        !parser.gave_up()
    }

    fn sheet_end(&mut self) {
        if let Some((name, parser)) = self.sheet.take() {
            let out = &mut self.out;
            let end = parser.finish(&mut |o| out.outcome(&name, o));
            out.sheet_end(&name, end);
        }
    }
}
