//! What to do with one file found in a source folder: the table "Decisions about files in the inbox"
//! of ARCHITECTURE.md, as two pure functions, one per stage of looking at a file. [`before_reading`]
//! judges from the stat and the name alone (a re-scan costs a stat per file); only when it says
//! [`Look::Open`] are the bytes read and hashed, and [`after_hashing`] decides the rest.
//!
//! Pure: it reads no file, no store and no clock, and writes nothing. The records it judges are
//! looked up, and its action is carried out, by `ingest/mod.rs`. A record whose file was not found
//! is judged by [`not_found`].

use std::collections::HashMap;

use super::FileStatus;
use super::scan::Found;
use super::sniff;
use crate::model::FileRefusal;
use crate::store::{FileRecord, FileState};

/// What the store knows that bears on a found file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Known<'a> {
    /// The record of the file's path, if it was seen before.
    pub(crate) record: Option<&'a FileRecord>,
    /// When that record is a copy, or a copy by its name refused while its original is there: the
    /// original's record.
    pub(crate) original: Option<&'a FileRecord>,
    /// The config's reading fingerprint now.
    pub(crate) fingerprint: &'a str,
    /// In a police area, the municipality whose logs each source's folder holds, by source name; a
    /// source not named (the police's shared log, whose rows say their municipality, or a source of
    /// a municipality alone) holds logs of any.
    pub(crate) owners: &'a HashMap<String, String>,
}

impl Known<'_> {
    /// The municipality whose folder a file of `source` is in, when `source` is another
    /// municipality's than `found`'s: a log counts for the municipality whose folder holds it.
    fn other_municipality(&self, source: &str, found: &Found) -> Option<&str> {
        let theirs = self.owners.get(source)?;
        (self.owners.get(&found.source).is_some_and(|ours| ours != theirs)).then_some(theirs.as_str())
    }
}

/// The first stage: from the stat and the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Look {
    /// Same size and mtime as last time, and the record still stands: not opened.
    Unchanged,
    /// Refused without reading: not a spreadsheet by its name, or too big.
    Refuse(FileRefusal),
    /// Read the bytes and hash them, then ask [`after_hashing`].
    Open,
}

/// The second stage: from the content's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action<'a> {
    /// Same content as recorded (copied over itself, touched): not parsed; the new mtime is noted.
    Unchanged,
    /// A missing file turned up under this new path: its record and rows follow it. `read` is the
    /// status it is read again with when the config's names changed since; `None`: not read.
    Moved { from: &'a FileRecord, read: Option<FileStatus> },
    /// Byte-identical to a version that counts elsewhere (also of a missing file, or of a file whose
    /// re-save was refused): it counts once, there.
    Duplicate { of: &'a FileRecord },
    /// Named as a copy of a log that counts in the same folder (`logg - Kopia.xlsx` beside
    /// `logg.xlsx`), with other content: refused, told to its log keeper, so that no activity
    /// counts twice; it takes the original's place once that is gone (`Moved`).
    CopyOf { of: &'a FileRecord },
    /// Byte-identical to a log that counts for another municipality of the police area, from its
    /// folder: refused, told to its log keeper with the other's name, so that no activity counts for
    /// two municipalities; it takes the other's place once that is gone (`Moved`, read again as this
    /// folder's).
    OfAnotherMunicipality { of: &'a FileRecord, municipality: String },
    /// Parse it, with this status: new, changed, or read again.
    Read(FileStatus),
}

/// The first stage: whether a found file needs opening at all.
pub(crate) fn before_reading(found: &Found, known: &Known<'_>, max_unpacked: u64) -> Look {
    if let Some(r) = known.record
        && r.size == found.size
        && r.mtime_ns == found.mtime_ns
        && still_as_recorded(r, known)
    {
        return Look::Unchanged;
    }
    let extension = found.abs.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if !sniff::EXTENSIONS.contains(&extension.as_str()) {
        return Look::Refuse(FileRefusal::UnsupportedType { extension });
    }
    if found.size > max_unpacked {
        return Look::Refuse(FileRefusal::TooLargeUnpacked { limit_mb: max_unpacked >> 20 });
    }
    Look::Open
}

/// The second stage: what to do with a file whose content hashes to `hash`, given every record in
/// the store (`others`, the file's own among them).
pub(crate) fn after_hashing<'a>(
    found: &Found,
    known: &Known<'_>,
    hash: &str,
    others: &'a [FileRecord],
) -> Action<'a> {
    let counts_as = |o: &&FileRecord| o.counted_hash.as_deref() == Some(hash);
    if let Some(r) = known.record
        && r.hash == hash
        && still_as_recorded(r, known)
    {
        return Action::Unchanged;
    }
    let ours = |o: &&FileRecord| known.other_municipality(&o.source, found).is_none();
    // The record keeps its hash when it moves, so it is read again as itself.
    let status = |gone: &FileRecord| if gone.hash == hash { FileStatus::Reread } else { FileStatus::Changed };
    if known.record.is_none()
        && let Some(gone) =
            others.iter().filter(counts_as).filter(|o| o.state == FileState::Missing).min_by_key(|o| !ours(o))
    {
        // Into another municipality's folder: read again, its rows become that municipality's.
        let read = (gone.fingerprint != known.fingerprint || !ours(&gone)).then_some(status(gone));
        return Action::Moved { from: gone, read };
    }
    let originals =
        || others.iter().filter(counts_as).filter(|o| o.path != found.rel && o.state != FileState::Duplicate);
    if let Some(original) = originals().find(ours) {
        return Action::Duplicate { of: original };
    }
    if let Some(original) = originals().next()
        && let Some(municipality) = known.other_municipality(&original.source, found)
    {
        if original.state == FileState::Missing {
            return Action::Moved { from: original, read: Some(status(original)) };
        }
        return Action::OfAnotherMunicipality { of: original, municipality: municipality.to_owned() };
    }
    if let Some(original) = named_original(found, others) {
        // Gone from the folder: the copy is the log now (renamed and worked on), its rows replace
        // the original's. There: the copy waits, and its keeper is told.
        if original.state == FileState::Missing {
            return Action::Moved { from: original, read: Some(FileStatus::Changed) };
        }
        return Action::CopyOf { of: original };
    }
    Action::Read(match known.record {
        None => FileStatus::New,
        Some(r) if r.hash == hash => FileStatus::Reread,
        Some(_) => FileStatus::Changed,
    })
}

/// The log that counts in the same folder of which `found` is named a copy (`logg - Kopia.xlsx`,
/// `logg (1).xlsx`, `Kopia av logg.xlsx` of `logg.xlsx`; case aside).
fn named_original<'a>(found: &Found, others: &'a [FileRecord]) -> Option<&'a FileRecord> {
    let (dir, name) = found.rel.rsplit_once('/').map_or(("", found.rel.as_str()), |(d, n)| (d, n));
    let original = original_name(name)?;
    let wanted = if dir.is_empty() { original } else { format!("{dir}/{original}") }.to_lowercase();
    others.iter().find(|o| {
        o.path.to_lowercase() == wanted && o.counted_hash.is_some() && o.state != FileState::Duplicate
    })
}

/// The name a copy's name was made from: `logg - Kopia (2).xlsx` → `logg.xlsx`, `Copy of logg.xlsx`
/// → `logg.xlsx`; `None` when the name does not say it is a copy that Windows, macOS or a person made
/// of another (`logg - Kopia.xlsx`, `logg - Copy.xlsx`, `logg (1).xlsx`, `Copy of logg.xlsx`, `Kopia av
/// logg.xlsx`, `logg copy.xlsx`).
pub(crate) fn original_name(file_name: &str) -> Option<String> {
    let (stem, ext) = file_name.rsplit_once('.').map_or((file_name, None), |(s, e)| (s, Some(e)));
    let mut stem = stem.trim();
    let before = stem.len();
    if let Some(p) =
        ["copy of ", "kopia av ", "kopia på "].iter().find(|p| stem.to_lowercase().starts_with(*p))
    {
        stem = &stem[p.len()..];
    }
    if let Some((head, n)) = stem.rsplit_once(" (")
        && !head.is_empty()
        && n.len() > 1
        && n.ends_with(')')
        && n[..n.len() - 1].bytes().all(|b| b.is_ascii_digit())
    {
        stem = head;
    }
    if let Some(x) =
        [" - kopia", " - copy", " kopia", " copy"].iter().find(|x| stem.to_lowercase().ends_with(*x))
    {
        stem = &stem[..stem.len() - x.len()];
    }
    let stem = stem.trim();
    (stem.len() < before && !stem.is_empty())
        .then(|| ext.map_or_else(|| stem.to_owned(), |e| format!("{stem}.{e}")))
}

/// Whether a file's name says it is a copy of another ([`original_name`]). Of byte-identical files
/// found together, one without such a name is the one that counts.
pub(crate) fn looks_like_a_copy(file_name: &str) -> bool {
    original_name(file_name).is_some()
}

/// What becomes of a record whose file was not found in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gone {
    /// Its source folder could not be listed in full: nothing is concluded (an unmounted share must
    /// not make every file missing).
    Unlisted,
    /// It had no rows (a copy, a file that never counted): its record is forgotten; nothing is lost.
    Forget,
    /// Missing: its rows keep counting and it is reported on every run; `newly` when this run is the
    /// first to miss it.
    Missing { newly: bool },
}

/// The decision about a record whose file is not in its folder. `source_listed`: its source folder
/// was listed in full (or is no longer in the config).
pub(crate) fn not_found(r: &FileRecord, source_listed: bool) -> Gone {
    if !source_listed {
        Gone::Unlisted
    } else if r.counted_hash.is_none() || r.state == FileState::Duplicate {
        Gone::Forget
    } else {
        Gone::Missing { newly: r.state != FileState::Missing }
    }
}

/// Whether a record whose content is unchanged still stands as recorded: read under the same
/// config, present, and (for a copy) still a copy: its original's counted rows are this content
/// (the original may be missing: its rows still count).
fn still_as_recorded(r: &FileRecord, known: &Known<'_>) -> bool {
    let still_a_copy = || known.original.is_some_and(|o| o.counted_hash.as_deref() == Some(&r.hash));
    // A copy refused by its name waits only while its original is there.
    let still_waits = || known.original.is_some_and(|o| o.state != FileState::Missing);
    r.fingerprint == known.fingerprint
        && r.state != FileState::Missing
        && (r.state != FileState::Duplicate || still_a_copy())
        && (r.state != FileState::Refused || r.duplicate_of.is_none() || still_waits())
}

#[cfg(test)]
mod tests;
