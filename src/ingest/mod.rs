//! Ingest: the files in the source folders become activities and problems in the store.
//!
//! The edge between the disk and the store. For each file: skip it if unchanged (size and mtime, then
//! the content hash), count a byte-identical copy once, follow a moved file, otherwise read it —
//! parsing on one thread while this one writes to SQLite — and replace its rows in one transaction.
//! A file that cannot be read is refused with a reason; it never stops the other files.
//! A file gone from its folder keeps its rows and is reported missing (see ARCHITECTURE.md).

mod extent;
pub mod rows;
pub mod scan;
pub mod sniff;
mod workbook;

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{SyncSender, sync_channel};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::messages::problem_and_advice;
use crate::model::{ActivityRow, FileRefusal, RowProblem};
use crate::store::{FileRecord, FileState, FileVersion, ReadCounts, Store, StoreError};
use rows::{Dictionary, Outcome, SheetEnd};
use sniff::Format;

/// What became of one file in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Seen for the first time and read.
    New,
    /// Changed since last time and read again.
    Changed,
    /// Unchanged; not read again.
    Unchanged,
    /// Unchanged, but read again: the config's activity or column names changed, or it was a copy
    /// of a file that has since changed.
    Reread,
    /// Could not be read (see `refusal`).
    Refused,
    /// A byte-identical copy of another file; it counts once, there.
    Duplicate,
    /// The same file as one that went missing, under a new name or folder; its rows moved with it.
    Moved,
    /// Gone from its folder; its rows still count.
    Missing,
}

/// One file's line in the ingest report.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// Path relative to the config file's directory.
    pub path: String,
    /// The source folder's name.
    pub source: String,
    /// What became of it.
    pub status: FileStatus,
    /// The format read, when known.
    pub format: Option<String>,
    /// Activities that count from this file.
    pub rows_read: u64,
    /// Blank and totals rows skipped.
    pub rows_skipped: u64,
    /// Rows that could not be read.
    pub row_errors: u64,
    /// Sheets passed over because they lack the required columns (Swedish).
    pub sheets_skipped: Vec<String>,
    /// Why the file was refused (Swedish).
    pub refusal: Option<String>,
    /// The file this one is a copy of.
    pub duplicate_of: Option<String>,
    /// Where a moved file was before.
    pub moved_from: Option<String>,
}

/// A source folder's line in the ingest report.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    /// The source's name.
    pub name: String,
    /// Its folder as written in the config.
    pub dir: String,
    /// Files found in it.
    pub files: usize,
    /// Why it could not be (fully) listed; its files are then not marked missing.
    pub error: Option<String>,
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct IngestReport {
    /// Per source folder.
    pub sources: Vec<SourceReport>,
    /// Per file, sorted by path.
    pub files: Vec<FileReport>,
}

/// Reports progress while reading (a progress bar on a terminal, nothing otherwise).
pub trait Progress {
    /// The total bytes of the files about to be looked at.
    fn start(&self, _total_bytes: u64) {}
    /// A file is being read.
    fn file(&self, _path: &str) {}
    /// Rows read so far in the current file.
    fn rows(&self, _rows: u64) {}
    /// A file is done.
    fn done(&self, _bytes: u64) {}
}

/// No progress reporting.
pub struct Quiet;
impl Progress for Quiet {}

/// Runs one ingest over all sources. `now` is the time recorded in the store.
/// Errors only when the store itself fails; every problem with a file is in the report. The caller
/// records the run ([`Store::record_run`]) with its start and end.
pub fn ingest(
    config: &Config,
    store: &mut Store,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<IngestReport, StoreError> {
    let scans = scan::scan(config);
    let dict = Dictionary::new(config);
    let fingerprint = config.reading_fingerprint();
    let mut run = Run { config, dict: &dict, fingerprint: &fingerprint, now, progress, reports: Vec::new() };

    let records: HashMap<String, FileRecord> =
        store.files()?.into_iter().map(|r| (r.path.clone(), r)).collect();
    let found: HashSet<&str> = scans.iter().flat_map(|s| s.files.iter().map(|f| f.rel.as_str())).collect();
    let complete: HashSet<&str> =
        scans.iter().filter(|s| s.error.is_none()).map(|s| s.source.as_str()).collect();

    // Gone from a folder that could be listed in full: missing, rows kept. A record with no rows
    // (a duplicate, a file that was never readable) is simply forgotten: nothing is lost.
    let mut missing = Vec::new();
    for rec in records.values() {
        let source_listed = complete.contains(rec.source.as_str()) || config.source(&rec.source).is_none();
        if !found.contains(rec.path.as_str()) && source_listed {
            if rec.counted_hash.is_none() || rec.state == FileState::Duplicate {
                store.forget(rec.id)?;
            } else {
                if rec.state != FileState::Missing {
                    store.mark_missing(rec.id, now)?;
                }
                missing.push(rec.id);
            }
        }
    }

    // Known copies go last, so that they are compared with their originals as read in this run.
    let all: Vec<&scan::Found> = scans.iter().flat_map(|s| &s.files).collect();
    let is_copy = |f: &scan::Found| records.get(&f.rel).is_some_and(|r| r.state == FileState::Duplicate);
    let (copies, firsts): (Vec<&scan::Found>, Vec<&scan::Found>) = all.into_iter().partition(|f| is_copy(f));
    progress.start(firsts.iter().chain(&copies).map(|f| f.size).sum());
    for f in firsts.into_iter().chain(copies) {
        progress.file(&f.rel);
        run.file(store, f)?;
        progress.done(f.size);
    }
    for rec in store.files()? {
        if missing.contains(&rec.id) && rec.state == FileState::Missing {
            run.reports.push(report_of(&rec, FileStatus::Missing, store)?);
        }
    }
    run.reports.sort_by(|a, b| a.path.cmp(&b.path));

    let sources = config
        .sources
        .iter()
        .zip(&scans)
        .map(|(s, scan)| SourceReport {
            name: s.name.clone(),
            dir: s.dir_as_written.clone(),
            files: scan.files.len(),
            error: scan.error.clone(),
        })
        .collect();
    Ok(IngestReport { sources, files: run.reports })
}

struct Run<'a> {
    config: &'a Config,
    dict: &'a Dictionary,
    fingerprint: &'a str,
    now: DateTime<Utc>,
    progress: &'a dyn Progress,
    reports: Vec<FileReport>,
}

impl Run<'_> {
    fn file(&mut self, store: &mut Store, f: &scan::Found) -> Result<(), StoreError> {
        let mut rec = store.file_by_path(&f.rel)?;
        let same_config = rec.as_ref().is_some_and(|r| r.fingerprint == self.fingerprint);
        let version = |hash: String, format: Option<Format>| FileVersion {
            source: f.source.clone(),
            path: f.rel.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            hash,
            format: format.map(|x| x.name().to_owned()),
            fingerprint: self.fingerprint.to_owned(),
        };

        // Unchanged by size and mtime: not even opened.
        if let Some(r) = &rec
            && r.size == f.size
            && r.mtime_ns == f.mtime_ns
            && self.still_as_recorded(store, r, same_config)?
        {
            store.touch(r.id, &version(r.hash.clone(), None), self.now)?;
            return self.push_unchanged(store, &f.rel);
        }

        // Refusals that need no reading: the name says it is no spreadsheet, or it is too big.
        let extension = f.abs.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if !sniff::EXTENSIONS.contains(&extension.as_str()) {
            let refusal = FileRefusal::UnsupportedType { extension };
            return self.refuse(store, &version(String::new(), None), refusal);
        }
        let max_unpacked = self.config.ingest.max_unpacked_bytes;
        if f.size > max_unpacked {
            let refusal = FileRefusal::TooLargeUnpacked { limit_mb: max_unpacked >> 20 };
            return self.refuse(store, &version(String::new(), None), refusal);
        }
        let bytes = match std::fs::read(&f.abs) {
            Ok(b) => b,
            Err(e) => {
                // Locked or unreadable for now: size and mtime are not recorded, so the next run
                // tries again even if they do not change.
                let refusal = FileRefusal::Unreadable { detail: e.to_string() };
                let mut v = version(String::new(), None);
                (v.size, v.mtime_ns) = (0, -1);
                return self.refuse(store, &v, refusal);
            }
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();

        // Unchanged by content (copied over itself, touched): not parsed.
        if let Some(r) = &rec
            && r.hash == hash
            && self.still_as_recorded(store, r, same_config)?
        {
            store.touch(r.id, &version(hash, None), self.now)?;
            return self.push_unchanged(store, &f.rel);
        }

        let others = store.files()?;
        // A missing file turned up under a new path (moved or renamed): its record and rows follow.
        let mut moved_from = None;
        if rec.is_none()
            && let Some(gone) = others
                .iter()
                .find(|o| o.state == FileState::Missing && o.counted_hash.as_deref() == Some(&hash))
        {
            store.move_file(gone.id, &version(hash.clone(), None), self.now)?;
            if gone.fingerprint == self.fingerprint {
                let rec = store.file_by_path(&f.rel)?.expect("just moved");
                let mut report = report_of(&rec, FileStatus::Moved, store)?;
                report.moved_from = Some(gone.path.clone());
                self.reports.push(report);
                return Ok(());
            }
            // Moved while the config's names changed: read it again below, in place.
            moved_from = Some(gone.path.clone());
            rec = store.file_by_path(&f.rel)?;
        }
        // A byte-identical copy of a version that counts (also of a missing file, whose rows still
        // count, or of a refused re-save's previous version).
        if moved_from.is_none()
            && let Some(original) = others.iter().find(|o| {
                o.path != f.rel && o.state != FileState::Duplicate && o.counted_hash.as_deref() == Some(&hash)
            })
        {
            store.record_duplicate(&version(hash, None), original.id, self.now)?;
            let rec = store.file_by_path(&f.rel)?.expect("just written");
            let mut report = report_of(&rec, FileStatus::Duplicate, store)?;
            report.duplicate_of = Some(original.path.clone());
            self.reports.push(report);
            return Ok(());
        }

        let sniffed = catch_unwind(|| sniff::sniff(&bytes, max_unpacked)).unwrap_or_else(|panic| {
            Err(FileRefusal::ReaderFailed { detail: format!("sniff: {}", panic_text(panic.as_ref())) })
        });
        let format = match sniffed {
            Ok(format) => format,
            Err(refusal) => return self.refuse(store, &version(hash, None), refusal),
        };
        let status = match &rec {
            None => FileStatus::New,
            Some(r) if r.hash == hash => FileStatus::Reread,
            Some(_) => FileStatus::Changed,
        };
        let v = version(hash, Some(format));
        match self.read(store, &v, &bytes, format)? {
            Ok(()) => {
                let rec = store.file_by_path(&f.rel)?.expect("just read");
                let mut report = report_of(&rec, status, store)?;
                report.moved_from = moved_from;
                self.reports.push(report);
                Ok(())
            }
            Err(refusal) => self.refuse(store, &v, refusal),
        }
    }

    /// Whether a record whose content is unchanged still stands as recorded: read under the same
    /// config, present, and (for a copy) still a copy.
    fn still_as_recorded(
        &self,
        store: &Store,
        r: &FileRecord,
        same_config: bool,
    ) -> Result<bool, StoreError> {
        Ok(same_config && r.state != FileState::Missing && self.duplicate_still_holds(store, r)?)
    }

    /// A duplicate stays a duplicate while its original's counted rows are this content (the original
    /// may be missing: its rows still count).
    fn duplicate_still_holds(&self, store: &Store, r: &FileRecord) -> Result<bool, StoreError> {
        if r.state != FileState::Duplicate {
            return Ok(true);
        }
        let original = match r.duplicate_of {
            Some(id) => store.file_by_id(id)?,
            None => None,
        };
        Ok(original.is_some_and(|o| o.counted_hash.as_deref() == Some(&r.hash)))
    }

    fn push_unchanged(&mut self, store: &Store, path: &str) -> Result<(), StoreError> {
        let rec = store.file_by_path(path)?.expect("just touched");
        let mut report = report_of(&rec, FileStatus::Unchanged, store)?;
        if let Some(of) = rec.duplicate_of {
            report.duplicate_of = store.file_by_id(of)?.map(|o| o.path);
        }
        self.reports.push(report);
        Ok(())
    }

    fn refuse(&mut self, store: &mut Store, v: &FileVersion, refusal: FileRefusal) -> Result<(), StoreError> {
        tracing::info!(file = %v.path, reason = ?refusal, "file refused");
        store.record_refusal(v, &refusal, self.now)?;
        let rec = store.file_by_path(&v.path)?.expect("just refused");
        let report = report_of(&rec, FileStatus::Refused, store)?;
        self.reports.push(report);
        Ok(())
    }

    /// Reads a workbook on a second thread while this one writes its rows in one transaction.
    /// The outer error is the store's; the inner one is the file's refusal (the transaction is then
    /// rolled back and the earlier version, if any, keeps counting).
    fn read(
        &self,
        store: &mut Store,
        v: &FileVersion,
        bytes: &[u8],
        format: Format,
    ) -> Result<Result<(), FileRefusal>, StoreError> {
        let mut tx = store.begin_read(v, self.now)?;
        let limits = &self.config.ingest;
        let dict = self.dict;
        let (sender, receiver) = sync_channel::<Vec<Message>>(16);
        std::thread::scope(|scope| {
            let parser = scope.spawn(move || {
                let mut sink = Batcher { sender, batch: Vec::with_capacity(BATCH), sheets: Vec::new() };
                let result =
                    catch_unwind(AssertUnwindSafe(|| workbook::read(bytes, format, dict, limits, &mut sink)));
                sink.flush();
                result.unwrap_or_else(|panic| {
                    let detail = format!("{}: {}", format.name(), panic_text(panic.as_ref()));
                    Err(FileRefusal::ReaderFailed { detail })
                })
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
                Ok(()) if !usable => Ok(Err(FileRefusal::NoUsableSheet)),
                Ok(()) => tx.commit(counts).map(|_| Ok(())),
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
        Message::Skipped => counts.rows_skipped += 1,
        Message::End(SheetEnd::Read { .. }) => *usable = true,
        Message::End(SheetEnd::Skipped(note)) => tx.sheet_skipped(&note)?,
    }
    Ok(())
}

/// The message of a caught panic, for the refusal.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// The report line of a file as the store now has it.
fn report_of(rec: &FileRecord, status: FileStatus, store: &Store) -> Result<FileReport, StoreError> {
    let problems = store.problems(rec.id)?;
    let refusal = if rec.state == FileState::Refused {
        problems.iter().find(|p| p.level == "file").map(|p| problem_and_advice(&p.reason))
    } else {
        None
    };
    let counts = rec.counted_hash.is_some();
    Ok(FileReport {
        path: rec.path.clone(),
        source: rec.source.clone(),
        status,
        format: rec.format.clone(),
        rows_read: if counts { rec.rows_read } else { 0 },
        rows_skipped: if counts { rec.rows_skipped } else { 0 },
        row_errors: if counts { rec.row_problems } else { 0 },
        sheets_skipped: problems
            .iter()
            .filter(|p| p.level == "sheet")
            .map(|p| problem_and_advice(&p.reason))
            .collect(),
        refusal,
        duplicate_of: None,
        moved_from: None,
    })
}

/// Messages from the parser thread to the writer.
enum Message {
    Sheet(String),
    Activity(ActivityRow),
    Problem(RowProblem),
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

impl workbook::Sink for Batcher {
    fn outcome(&mut self, sheet: &str, outcome: Outcome) {
        self.enter(sheet);
        self.push(match outcome {
            Outcome::Activity(a) => Message::Activity(a),
            Outcome::Problem(p) => Message::Problem(p),
            Outcome::Blank(_) | Outcome::Total(_) => Message::Skipped,
        });
    }

    fn sheet_end(&mut self, sheet: &str, end: SheetEnd) {
        self.enter(sheet);
        self.push(Message::End(end));
    }
}
