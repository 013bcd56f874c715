//! The store's side of ingest: file records (seen, touched, missing, copies, moved, refused), their
//! problems, the ingest runs, and the transaction that replaces a file's rows ([`Store::begin_read`]
//! … [`ReadTx::commit`]). Moments are stamped here ([`super::stamp`]).
//!
//! Decides nothing: which of these a file needs is `ingest`'s decision.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{FileRecord, FileVersion, ProblemRecord, Store, StoreError, files, stamp};
use crate::model::{ActivityRow, RowProblem, SheetNote};

impl Store {
    /// Records an ingest run and its report (JSON).
    pub(crate) fn record_run(
        &self,
        started_at: DateTime<Utc>,
        finished_at: DateTime<Utc>,
        report: &str,
    ) -> Result<(), StoreError> {
        self.wrap(
            self.conn
                .execute(
                    "INSERT INTO ingest_runs (started_at, finished_at, report) VALUES (?1, ?2, ?3)",
                    params![stamp(started_at), stamp(finished_at), report],
                )
                .map(drop),
        )
    }

    /// Starts replacing the rows of `version`'s file (creating its record if the path is new) in one
    /// transaction. Nothing is visible to readers until [`ReadTx::commit`]; dropping rolls back.
    pub fn begin_read(
        &mut self,
        version: &FileVersion,
        now: DateTime<Utc>,
    ) -> Result<ReadTx<'_>, StoreError> {
        self.wrap(self.conn.execute_batch("BEGIN IMMEDIATE"))?;
        let mut tx = ReadTx {
            store: self,
            file_id: 0,
            first_seen: HashMap::new(),
            now: stamp(now),
            done: false,
            municipalities: HashMap::new(),
        };
        tx.file_id = tx.store.wrap(files::upsert_for_read(&tx.store.conn, version, now))?;
        tx.first_seen = tx.store.wrap(files::problem_first_seen(&tx.store.conn, tx.file_id))?;
        tx.store.wrap(files::clear_rows(&tx.store.conn, tx.file_id))?;
        Ok(tx)
    }

    /// Every file record, by path.
    pub fn files(&self) -> Result<Vec<FileRecord>, StoreError> {
        self.wrap(files::all(&self.conn))
    }

    /// The file record with this path.
    pub(crate) fn file_by_path(&self, path: &str) -> Result<Option<FileRecord>, StoreError> {
        self.wrap(files::by_path(&self.conn, path).optional())
    }

    /// The file record with this id.
    pub(crate) fn file_by_id(&self, id: i64) -> Result<Option<FileRecord>, StoreError> {
        self.wrap(files::by_id(&self.conn, id).optional())
    }

    /// The problems recorded for a file: row problems, skipped sheets, and its refusal.
    pub fn problems(&self, file_id: i64) -> Result<Vec<ProblemRecord>, StoreError> {
        self.wrap(files::problems(&self.conn, file_id))
    }

    /// The number of activities stored for a file.
    pub fn activity_count(&self, file_id: i64) -> Result<u64, StoreError> {
        self.wrap(
            self.conn
                .query_row("SELECT COUNT(*) FROM activities WHERE file_id = ?1", [file_id], |r| r.get(0)),
        )
    }

    /// The file is unchanged: note that it was seen, with its current mtime.
    pub(crate) fn touch(&self, id: i64, version: &FileVersion, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.wrap(files::touch(&self.conn, id, version, now))
    }

    /// The file is gone from its folder: it is marked missing and its rows keep counting.
    pub(crate) fn mark_missing(&self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.wrap(files::mark_missing(&self.conn, id, now))
    }

    /// Forgets a file record that has no rows (a duplicate or a never-readable file gone from its folder).
    pub(crate) fn forget(&mut self, id: i64) -> Result<(), StoreError> {
        let path = self.path.clone();
        let r = self.conn.transaction().and_then(|tx| {
            files::forget(&tx, id)?;
            tx.commit()
        });
        r.map_err(|source| StoreError::Sqlite { path, source })
    }

    /// The file is a byte-identical copy of `original`: it counts once, there; its own rows go.
    pub(crate) fn record_duplicate(
        &mut self,
        version: &FileVersion,
        original: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let r = self.conn.transaction().and_then(|tx| {
            let id = files::upsert_for_read(&tx, version, now)?;
            files::clear_rows(&tx, id)?;
            files::set_duplicate(&tx, id, original)?;
            tx.commit()
        });
        r.map_err(|source| StoreError::Sqlite { path, source })
    }

    /// The version on disk was refused: the refusal is recorded; rows of an earlier readable version
    /// keep counting.
    pub(crate) fn record_refusal(
        &mut self,
        version: &FileVersion,
        refusal: &crate::model::FileRefusal,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let r = self.conn.transaction().and_then(|tx| {
            files::record_refusal(&tx, version, refusal, now)?;
            tx.commit()
        });
        r.map_err(|source| StoreError::Sqlite { path, source })
    }

    /// Notes that the refused record `id` is named a copy of the log `original`.
    pub(crate) fn set_copy_of(&self, id: i64, original: i64) -> Result<(), StoreError> {
        self.wrap(files::set_copy_of(&self.conn, id, original))
    }

    /// A missing file turned up under another path (moved or renamed, same bytes): the record moves,
    /// and its rows with it.
    pub(crate) fn move_file(
        &self,
        id: i64,
        version: &FileVersion,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.wrap(files::move_to(&self.conn, id, version, now))
    }
}

/// A file's rows being replaced; see [`Store::begin_read`].
pub struct ReadTx<'a> {
    store: &'a mut Store,
    file_id: i64,
    first_seen: HashMap<files::ProblemKey, String>,
    /// The moment of the read, stamped once for all its problems.
    now: String,
    done: bool,
    /// Activities and row problems read, per municipality (stored at commit).
    municipalities: HashMap<String, (u64, u64)>,
}

impl ReadTx<'_> {
    /// Adds an activity read from `sheet`.
    pub fn activity(&mut self, sheet: &str, a: &ActivityRow) -> Result<(), StoreError> {
        self.count(&a.municipality, true);
        let r = files::insert_activity(&self.store.conn, self.file_id, sheet, a);
        self.store.wrap(r)
    }

    /// Adds an indicator value read from `sheet`.
    pub fn reading(&mut self, sheet: &str, r: &crate::model::IndicatorRow) -> Result<(), StoreError> {
        let r = super::indicators::insert(&self.store.conn, self.file_id, sheet, r);
        self.store.wrap(r)
    }

    /// Adds a planned activity read from `sheet` (a plan sheet's).
    pub fn plan(&mut self, sheet: &str, p: &crate::model::PlanRow) -> Result<(), StoreError> {
        let r = super::indicators::insert_plan(&self.store.conn, self.file_id, sheet, p);
        self.store.wrap(r)
    }

    /// Adds a row of `sheet` that could not be read.
    pub fn problem(&mut self, sheet: &str, p: &RowProblem) -> Result<(), StoreError> {
        self.count(&p.municipality, false);
        self.insert(files::NewProblem {
            level: crate::model::stored::Level::Row,
            sheet,
            row: Some(p.row),
            code: p.reason.as_str(),
            detail: p.reason.detail(),
            date: p.date,
            kind: p.kind.as_deref(),
            municipality: &p.municipality,
        })
    }

    /// Adds the note of a sheet that was skipped.
    pub fn sheet_skipped(&mut self, note: &SheetNote) -> Result<(), StoreError> {
        self.insert(files::NewProblem {
            level: crate::model::stored::Level::Sheet,
            sheet: &note.sheet,
            row: None,
            code: SheetNote::CODE,
            detail: note.detail(),
            date: None,
            kind: None,
            municipality: "",
        })
    }

    fn insert(&mut self, p: files::NewProblem<'_>) -> Result<(), StoreError> {
        let r = files::insert_problem(&self.store.conn, self.file_id, &p, &self.first_seen, &self.now);
        self.store.wrap(r)
    }

    /// One more activity (or row problem) of `municipality`.
    fn count(&mut self, municipality: &str, activity: bool) {
        let n = match self.municipalities.get_mut(municipality) {
            Some(n) => n,
            None => self.municipalities.entry(municipality.to_owned()).or_default(),
        };
        if activity { n.0 += 1 } else { n.1 += 1 }
    }

    /// Makes the new rows count, atomically, with the file's counts.
    pub fn commit(mut self, counts: files::ReadCounts) -> Result<i64, StoreError> {
        let r = files::record_municipalities(&self.store.conn, self.file_id, &self.municipalities)
            .and_then(|()| files::finish_read(&self.store.conn, self.file_id, &counts));
        self.store.wrap(r)?;
        self.store.wrap(self.store.conn.execute_batch("COMMIT"))?;
        self.done = true;
        Ok(self.file_id)
    }
}

impl Drop for ReadTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}
