//! What becomes of a file that is another's copy: a record whose file is gone and the copy that
//! takes its place, a log refused for the one it counts as (a copy by its name, or a log of another
//! municipality's folder). What to do is `decide.rs`'s; here it is carried out on the store.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::decide::{self, Gone};
use super::{FileStatus, Run, scan};
use crate::model::FileRefusal;
use crate::store::{FileRecord, FileState, FileVersion, Store, StoreError};

/// What becomes of the records whose file was not found (`decide::not_found`); the ids of those now
/// missing. A missing file of which a copy is still there is replaced by it: the copy's record is
/// forgotten, and the copy, found again, is taken as the counted file moved there.
pub(super) fn not_found(
    known: &dyn Fn(&str) -> bool,
    store: &mut Store,
    records: &HashMap<String, FileRecord>,
    found: &HashSet<&str>,
    complete: &HashSet<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, StoreError> {
    let mut missing = Vec::new();
    for rec in records.values().filter(|r| !found.contains(r.path.as_str())) {
        let source_listed = complete.contains(rec.source.as_str()) || !known(&rec.source);
        match decide::not_found(rec, source_listed) {
            Gone::Unlisted => {}
            Gone::Forget => store.forget(rec.id)?,
            Gone::Missing { newly } => {
                let heir = records.values().find(|d| {
                    d.duplicate_of == Some(rec.id)
                        && d.state == FileState::Duplicate
                        && rec.counted_hash.as_deref() == Some(d.hash.as_str())
                        && found.contains(d.path.as_str())
                });
                if newly {
                    store.mark_missing(rec.id, now)?;
                }
                match heir {
                    Some(heir) => store.forget(heir.id)?,
                    None => missing.push(rec.id),
                }
            }
        }
    }
    Ok(missing)
}

impl Run<'_> {
    /// Refuses `f`, byte-identical to `of`, a log of `municipality`'s folder. When `of` too was read
    /// in this run (new, or saved again with `f`), neither is known to be the misplaced one: `of` is
    /// refused as well, its rows gone, and each keeper is told of the other; the one left once the
    /// other is taken out counts.
    pub(super) fn of_another(
        &mut self,
        store: &mut Store,
        f: &scan::Found,
        hash: String,
        of: &FileRecord,
        municipality: String,
    ) -> Result<(), StoreError> {
        // Read in this run (new, or saved again): its content counts only since now.
        let read_now =
            |s: FileStatus| matches!(s, FileStatus::New | FileStatus::Changed | FileStatus::Reread);
        let first = self.reports.iter().position(|r| r.path == of.path && read_now(r.status));
        let original = of.path.clone();
        let Some(first) = first else {
            let refusal = FileRefusal::OfAnotherMunicipality { original, municipality, counted_there: true };
            return self.refuse_for(store, f, hash, refusal, of.id);
        };
        self.reports.remove(first);
        let version = FileVersion {
            source: of.source.clone(),
            path: of.path.clone(),
            size: of.size,
            mtime_ns: of.mtime_ns,
            hash: of.hash.clone(),
            format: of.format.clone(),
            fingerprint: self.fingerprint.to_owned(),
        };
        store.forget(of.id)?;
        let here = self.owners.get(&f.source).cloned().unwrap_or_default();
        let refusal = FileRefusal::OfAnotherMunicipality {
            original: f.rel.clone(),
            municipality: here,
            counted_there: false,
        };
        self.refuse(store, &version, refusal)?;
        let of = store.file_by_path(&original)?.expect("just refused").id;
        let refusal = FileRefusal::OfAnotherMunicipality { original, municipality, counted_there: false };
        self.refuse_for(store, f, hash, refusal, of)?;
        let this = store.file_by_path(&f.rel)?.expect("just refused").id;
        store.set_copy_of(of, this)
    }

    /// Refuses `f` for the log `original` counts as (a copy by its name, or a log of another
    /// municipality): its record names that log, and it is looked at again once that is gone.
    pub(super) fn refuse_for(
        &mut self,
        store: &mut Store,
        f: &scan::Found,
        hash: String,
        refusal: FileRefusal,
        original: i64,
    ) -> Result<(), StoreError> {
        self.refuse(store, &self.version(f, hash, None), refusal)?;
        let rec = store.file_by_path(&f.rel)?.expect("just refused");
        store.set_copy_of(rec.id, original)
    }
}
