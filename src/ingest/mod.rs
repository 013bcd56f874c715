//! Ingest: the files in the source folders become activities and problems in the store.
//!
//! The edge between the disk and the store. For each file: skip it if unchanged (size and mtime, then
//! the content hash), count a byte-identical copy once, follow a moved file, otherwise read it —
//! parsing on one thread while this one writes to SQLite — and replace its rows in one transaction.
//! A file that cannot be read is refused with a reason; it never stops the other files.
//! A file gone from its folder keeps its rows and is reported missing (see ARCHITECTURE.md).
//!
//! What to do with each file is decided in `decide.rs` (pure); this module looks up what the
//! decision needs, reads the bytes, and carries it out; `read.rs` reads a workbook into the store.

mod copies;
mod decide;
mod dictionary;
mod extent;
mod isolate;
mod read;
pub(crate) mod rows;
pub(crate) mod scan;
pub(crate) mod sniff;
mod workbook;

use std::collections::{HashMap, HashSet};
use std::panic::catch_unwind;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::{Config, Install};
use crate::messages::{Hints, problem_and_advice};
use crate::model::FileRefusal;
use crate::store::{FileRecord, FileState, FileVersion, Store, StoreError};
use decide::{Action, Known, Look};
use rows::Dictionary;
use sniff::Format;

pub use isolate::read_in_child;
pub(crate) use isolate::{ReaderArgs, serve as serve_reader};

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
    pub(crate) path: String,
    /// The source folder's name.
    pub(crate) source: String,
    /// What became of it.
    pub status: FileStatus,
    /// The format read, when known.
    pub(crate) format: Option<String>,
    /// Activities that count from this file.
    pub rows_read: u64,
    /// Blank and totals rows skipped (and an indicator sheet's rows of indicators no pledge follows).
    pub(crate) rows_skipped: u64,
    /// Indicator values read from this file.
    pub(crate) values_read: u64,
    /// Planned activities read from this file (a plan sheet's).
    pub(crate) plans_read: u64,
    /// Rows that could not be read.
    pub row_errors: u64,
    /// Sheets passed over because they lack the required columns (Swedish).
    pub(crate) sheets_skipped: Vec<String>,
    /// Cells whose text was longer than `max_cell_chars` and is kept shortened.
    pub(crate) cells_shortened: u64,
    /// Why the file was refused (Swedish).
    pub(crate) refusal: Option<String>,
    /// The parser's or the system's own words for it (English), when there are any.
    pub(crate) refusal_detail: Option<String>,
    /// The file this one is a copy of.
    pub(crate) duplicate_of: Option<String>,
    /// Where a moved file was before.
    pub(crate) moved_from: Option<String>,
}

/// A source folder's line in the ingest report.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    /// The source's name.
    pub(crate) name: String,
    /// Its folder as written in the config.
    pub(crate) dir: String,
    /// Files found in it.
    pub(crate) files: usize,
    /// Why it could not be (fully) listed; its files are then not marked missing.
    pub(crate) error: Option<String>,
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct IngestReport {
    /// Per source folder.
    pub(crate) sources: Vec<SourceReport>,
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
    install: &Install,
    store: &mut Store,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<IngestReport, StoreError> {
    let config = &install.shared;
    let all_sources = install.sources();
    let scans = scan::scan(config, &all_sources);
    let dicts: HashMap<String, Dictionary> =
        all_sources.iter().map(|s| (s.name.clone(), Dictionary::for_source(install, s))).collect();
    let fingerprint = install.reading_fingerprint();
    let owners: HashMap<String, String> = all_sources
        .iter()
        .filter_map(|s| {
            Some((s.name.clone(), install.municipality(s.municipality.as_deref()?)?.municipality.clone()))
        })
        .collect();
    let mut run = Run {
        config,
        dicts: &dicts,
        fingerprint: &fingerprint,
        owners: &owners,
        now,
        progress,
        reports: Vec::new(),
    };

    let records: HashMap<String, FileRecord> =
        store.files()?.into_iter().map(|r| (r.path.clone(), r)).collect();
    let found: HashSet<&str> = scans.iter().flat_map(|s| s.files.iter().map(|f| f.rel.as_str())).collect();
    let complete: HashSet<&str> =
        scans.iter().filter(|s| s.error.is_none()).map(|s| s.source.as_str()).collect();

    let known = |name: &str| all_sources.iter().any(|s| s.name == name);
    let missing = copies::not_found(&known, store, &records, &found, &complete, now)?;

    // Known copies go last, so that they are compared with their originals as read in this run. Of
    // the others, the files there before go first, then new ones, those named as copies ("- Kopia",
    // "(1)", "Copy of") and links after the rest: of byte-identical files, the first to be read counts.
    let mut all: Vec<&scan::Found> = scans.iter().flat_map(|s| &s.files).collect();
    let file_name = |f: &scan::Found| f.rel.rsplit('/').next().unwrap_or(&f.rel).to_owned();
    all.sort_by_key(|f| (!records.contains_key(&f.rel), decide::looks_like_a_copy(&file_name(f)) || f.link));
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
            run.reports.push(report_of(&rec, FileStatus::Missing, store, &Hints::of(config))?);
        }
    }
    for scan in &scans {
        for (rel, refusal) in &scan.links {
            run.reports.push(link_report(&scan.source, rel, refusal, &Hints::of(config)));
        }
    }
    run.reports.sort_by(|a, b| a.path.cmp(&b.path));

    let sources = all_sources
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

/// The line of a link that is not followed (`scan.rs`): refused, and nothing of it stored.
fn link_report(source: &str, rel: &str, refusal: &FileRefusal, hints: &Hints<'_>) -> FileReport {
    let reason = crate::model::Reason::File(refusal.clone().with_short_detail());
    FileReport {
        path: rel.to_owned(),
        source: source.to_owned(),
        status: FileStatus::Refused,
        format: None,
        rows_read: 0,
        rows_skipped: 0,
        values_read: 0,
        plans_read: 0,
        row_errors: 0,
        sheets_skipped: Vec::new(),
        cells_shortened: 0,
        refusal: Some(problem_and_advice(&reason, hints)),
        refusal_detail: crate::messages::detail(&reason).map(str::to_owned),
        duplicate_of: None,
        moved_from: None,
    }
}

struct Run<'a> {
    config: &'a Config,
    /// Each source's dictionary, by its name.
    dicts: &'a HashMap<String, Dictionary>,
    fingerprint: &'a str,
    /// The municipality whose logs each source's folder holds (`decide::Known::owners`).
    owners: &'a HashMap<String, String>,
    now: DateTime<Utc>,
    progress: &'a dyn Progress,
    reports: Vec<FileReport>,
}

impl Run<'_> {
    /// Looks at one found file: decides (`decide.rs`) and carries the decision out.
    fn file(&mut self, store: &mut Store, f: &scan::Found) -> Result<(), StoreError> {
        let record = store.file_by_path(&f.rel)?;
        let original = match &record {
            Some(FileRecord { duplicate_of: Some(id), .. }) => store.file_by_id(*id)?,
            _ => None,
        };
        let known = Known {
            record: record.as_ref(),
            original: original.as_ref(),
            fingerprint: self.fingerprint,
            owners: self.owners,
        };
        match decide::before_reading(f, &known, self.config.ingest.max_unpacked_bytes) {
            Look::Unchanged => {
                let r = record.as_ref().expect("unchanged, so known");
                return self.unchanged(store, f, r.id, r.hash.clone());
            }
            Look::Refuse(refusal) => {
                return self.refuse(store, &self.version(f, String::new(), None), refusal);
            }
            Look::Open => {}
        }
        let bytes = match std::fs::read(&f.abs) {
            Ok(b) => b,
            Err(e) => {
                // Locked or unreadable for now: size and mtime are not recorded, so the next run
                // tries again even if they do not change.
                let refusal = FileRefusal::Unreadable { detail: e.to_string() };
                let mut v = self.version(f, String::new(), None);
                (v.size, v.mtime_ns) = (0, -1);
                return self.refuse(store, &v, refusal);
            }
        };
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let others = store.files()?;
        match decide::after_hashing(f, &known, &hash, &others) {
            Action::Unchanged => {
                let id = record.as_ref().expect("unchanged, so known").id;
                self.unchanged(store, f, id, hash)
            }
            Action::Moved { from, read } => {
                // A copy that takes its gone original's place: its own record (refused) gives way.
                if let Some(own) = record.as_ref().filter(|r| r.id != from.id) {
                    store.forget(own.id)?;
                }
                store.move_file(from.id, &self.version(f, hash.clone(), None), self.now)?;
                match read {
                    Some(status) => self.parse(store, f, hash, &bytes, status, Some(from.path.clone())),
                    None => {
                        let rec = store.file_by_path(&f.rel)?.expect("just moved");
                        let mut report = report_of(&rec, FileStatus::Moved, store, &Hints::of(self.config))?;
                        report.moved_from = Some(from.path.clone());
                        self.reports.push(report);
                        Ok(())
                    }
                }
            }
            Action::Duplicate { of } => {
                store.record_duplicate(&self.version(f, hash, None), of.id, self.now)?;
                let rec = store.file_by_path(&f.rel)?.expect("just written");
                let mut report = report_of(&rec, FileStatus::Duplicate, store, &Hints::of(self.config))?;
                report.duplicate_of = Some(of.path.clone());
                self.reports.push(report);
                Ok(())
            }
            Action::CopyOf { of } => {
                let name = of.path.rsplit('/').next().unwrap_or(&of.path).to_owned();
                self.refuse_for(store, f, hash, FileRefusal::CopyOf { original: name }, of.id)
            }
            Action::OfAnotherMunicipality { of, municipality } => {
                self.of_another(store, f, hash, of, municipality)
            }
            Action::Read(status) => self.parse(store, f, hash, &bytes, status, None),
        }
    }

    /// The version of `f` on disk, as the store records it.
    fn version(&self, f: &scan::Found, hash: String, format: Option<Format>) -> FileVersion {
        FileVersion {
            source: f.source.clone(),
            path: f.rel.clone(),
            size: f.size,
            mtime_ns: f.mtime_ns,
            hash,
            format: format.map(|x| x.name().to_owned()),
            fingerprint: self.fingerprint.to_owned(),
        }
    }

    /// Sniffs the format and reads the file, replacing its rows, or refuses it.
    fn parse(
        &mut self,
        store: &mut Store,
        f: &scan::Found,
        hash: String,
        bytes: &[u8],
        status: FileStatus,
        moved_from: Option<String>,
    ) -> Result<(), StoreError> {
        let max_unpacked = self.config.ingest.max_unpacked_bytes;
        let sniffed = catch_unwind(|| sniff::sniff(bytes, max_unpacked)).unwrap_or_else(|panic| {
            tracing::warn!(panic = ?read::panic_text(panic.as_ref()), "the format check failed on a file");
            Err(FileRefusal::ReaderFailed {
                detail: "the format check failed on this file (a damaged file, or a fault in pledgewatch)"
                    .into(),
            })
        });
        let format = match sniffed {
            Ok(format) => format,
            Err(refusal) => return self.refuse(store, &self.version(f, hash, None), refusal),
        };
        let v = self.version(f, hash, Some(format));
        match self.read(store, &v, bytes, format)? {
            Ok(shortened) => {
                let rec = store.file_by_path(&f.rel)?.expect("just read");
                let mut report = report_of(&rec, status, store, &Hints::of(self.config))?;
                report.moved_from = moved_from;
                report.cells_shortened = shortened;
                if shortened > 0 {
                    let limit = self.config.ingest.max_cell_chars;
                    tracing::warn!(file = ?v.path, cells = shortened, limit, "cells too long were shortened");
                }
                self.reports.push(report);
                Ok(())
            }
            Err(refusal) => self.refuse(store, &v, refusal),
        }
    }

    /// The file is unchanged: its record notes that it was seen (with its mtime), and its line says so.
    fn unchanged(&mut self, store: &Store, f: &scan::Found, id: i64, hash: String) -> Result<(), StoreError> {
        store.touch(id, &self.version(f, hash, None), self.now)?;
        self.push_unchanged(store, &f.rel)
    }

    fn push_unchanged(&mut self, store: &Store, path: &str) -> Result<(), StoreError> {
        let rec = store.file_by_path(path)?.expect("just touched");
        // A refused file stays refused while it is unchanged: its line says so on every scan.
        let status =
            if rec.state == FileState::Refused { FileStatus::Refused } else { FileStatus::Unchanged };
        let mut report = report_of(&rec, status, store, &Hints::of(self.config))?;
        // A named copy refused for its other content also knows its original; it is no duplicate.
        if let Some(of) = rec.duplicate_of.filter(|_| rec.state == FileState::Duplicate) {
            report.duplicate_of = store.file_by_id(of)?.map(|o| o.path);
        }
        self.reports.push(report);
        Ok(())
    }

    fn refuse(&mut self, store: &mut Store, v: &FileVersion, refusal: FileRefusal) -> Result<(), StoreError> {
        tracing::info!(file = ?v.path, reason = ?refusal, "file refused");
        // The whole of it is in the log; what is stored, mailed and shown is a few hundred characters.
        let refusal = refusal.with_short_detail();
        store.record_refusal(v, &refusal, self.now)?;
        let rec = store.file_by_path(&v.path)?.expect("just refused");
        let report = report_of(&rec, FileStatus::Refused, store, &Hints::of(self.config))?;
        self.reports.push(report);
        Ok(())
    }
}

/// The report line of a file as the store now has it.
fn report_of(
    rec: &FileRecord,
    status: FileStatus,
    store: &Store,
    hints: &Hints<'_>,
) -> Result<FileReport, StoreError> {
    let problems = store.problems(rec.id)?;
    let refused = (rec.state == FileState::Refused)
        .then(|| problems.iter().find(|p| p.level == crate::model::stored::Level::File))
        .flatten();
    let refusal = refused.map(|p| problem_and_advice(&p.reason, hints));
    let refusal_detail = refused.and_then(|p| crate::messages::detail(&p.reason)).map(str::to_owned);
    let counts = rec.counted_hash.is_some();
    Ok(FileReport {
        path: rec.path.clone(),
        source: rec.source.clone(),
        status,
        format: rec.format.clone(),
        rows_read: if counts { rec.rows_read } else { 0 },
        rows_skipped: if counts { rec.rows_skipped } else { 0 },
        values_read: if counts { rec.values_read } else { 0 },
        plans_read: if counts { rec.plans_read } else { 0 },
        row_errors: if counts { rec.row_problems } else { 0 },
        sheets_skipped: problems
            .iter()
            .filter(|p| p.level == crate::model::stored::Level::Sheet)
            .map(|p| problem_and_advice(&p.reason, hints))
            .collect(),
        cells_shortened: 0,
        refusal,
        refusal_detail,
        duplicate_of: None,
        moved_from: None,
    })
}
