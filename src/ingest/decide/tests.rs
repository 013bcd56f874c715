//! The file decisions, one case per row of ARCHITECTURE.md's "Decisions about files in the inbox"
//! (the order in which copies are looked at is `ingest`'s loop, not a decision about one file).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Action, Gone, Known, Look, after_hashing, before_reading, not_found};
use crate::ingest::FileStatus;
use crate::ingest::scan::Found;
use crate::model::FileRefusal;
use crate::store::{FileRecord, FileState};

const FINGERPRINT: &str = "names-1";
const MAX_UNPACKED: u64 = 200 << 20;

/// A file found at `path` (size 100, mtime 1).
fn found(path: &str) -> Found {
    Found {
        source: "polisen".into(),
        abs: PathBuf::from("/inbox").join(path),
        rel: path.into(),
        size: 100,
        mtime_ns: 1,
        link: false,
    }
}

/// A record of `path` as read under [`FINGERPRINT`]: size 100, mtime 1, content `hash`, counted.
fn record(id: i64, path: &str, hash: &str) -> FileRecord {
    FileRecord {
        id,
        source: "polisen".into(),
        path: path.into(),
        size: 100,
        mtime_ns: 1,
        hash: hash.into(),
        state: FileState::Read,
        format: Some("xlsx".into()),
        duplicate_of: None,
        fingerprint: FINGERPRINT.into(),
        counted_hash: Some(hash.into()),
        rows_read: 1,
        rows_skipped: 0,
        row_problems: 0,
        values_read: 0,
        plans_read: 0,
        first_seen: "2019-10-01T05:00:00Z".into(),
        last_seen: "2019-10-01T05:00:00Z".into(),
        last_changed: "2019-10-01T05:00:00Z".into(),
        missing_since: None,
    }
}

/// A case: the file found, the record of its path (and of its original), every record, and the
/// hash of its content when it is opened.
struct Case<'a> {
    found: Found,
    record: Option<FileRecord>,
    original: Option<FileRecord>,
    others: Vec<FileRecord>,
    hash: &'a str,
    owners: HashMap<String, String>,
}

impl<'a> Case<'a> {
    fn new(path: &str, hash: &'a str) -> Case<'a> {
        Case {
            found: found(path),
            record: None,
            original: None,
            others: Vec::new(),
            hash,
            owners: HashMap::new(),
        }
    }

    /// In a police area: the file is found in the folder of `source`, each source named in `owners`
    /// holding the logs of that municipality (a source not named is shared).
    fn in_area(mut self, source: &str, owners: &[(&str, &str)]) -> Self {
        self.found.source = source.into();
        self.owners = owners.iter().map(|(s, m)| (s.to_string(), m.to_string())).collect();
        self
    }

    /// The store knows the path, as `r` (also among all records).
    fn known(mut self, r: FileRecord) -> Self {
        self.others.push(r.clone());
        self.record = Some(r);
        self
    }

    /// The store knows another file, `r`.
    fn other(mut self, r: FileRecord) -> Self {
        self.others.push(r);
        self
    }

    /// The path's record is a copy of `o`.
    fn copy_of(mut self, o: FileRecord) -> Self {
        if let Some(r) = &mut self.record {
            (r.state, r.duplicate_of, r.counted_hash) = (FileState::Duplicate, Some(o.id), None);
            self.others[0] = r.clone();
        }
        self.others.push(o.clone());
        self.original = Some(o);
        self
    }

    /// The path's record names `o` as its original (a copy by name, refused); `o` is known too.
    fn original(mut self, o: FileRecord) -> Self {
        self.others.push(o.clone());
        self.original = Some(o);
        self
    }

    fn changed_on_disk(mut self, size: u64, mtime_ns: i64) -> Self {
        (self.found.size, self.found.mtime_ns) = (size, mtime_ns);
        self
    }
}

/// What the two stages decide: the first stage's look, then (when it opens the file) the action,
/// with a moved or copied file's record named by its path.
#[derive(Debug, PartialEq, Eq)]
enum Decided {
    Look(Look),
    Unchanged,
    Moved { from: String, read: Option<FileStatus> },
    Duplicate { of: String },
    CopyOf { of: String },
    OfAnotherMunicipality { of: String, municipality: String },
    Read(FileStatus),
}

fn check(case: Case<'_>, expected: Decided) {
    let known = Known {
        record: case.record.as_ref(),
        original: case.original.as_ref(),
        fingerprint: FINGERPRINT,
        owners: &case.owners,
    };
    let decided = match before_reading(&case.found, &known, MAX_UNPACKED) {
        Look::Open => match after_hashing(&case.found, &known, case.hash, &case.others) {
            Action::Unchanged => Decided::Unchanged,
            Action::Moved { from, read } => Decided::Moved { from: from.path.clone(), read },
            Action::Duplicate { of } => Decided::Duplicate { of: of.path.clone() },
            Action::CopyOf { of } => Decided::CopyOf { of: of.path.clone() },
            Action::OfAnotherMunicipality { of, municipality } => {
                Decided::OfAnotherMunicipality { of: of.path.clone(), municipality }
            }
            Action::Read(status) => Decided::Read(status),
        },
        look => Decided::Look(look),
    };
    assert_eq!(decided, expected);
}

fn with(r: FileRecord, f: impl FnOnce(&mut FileRecord)) -> FileRecord {
    let mut r = r;
    f(&mut r);
    r
}

#[test]
fn each_situation_of_a_found_file_has_its_action() {
    use Decided::*;
    let logg = || record(1, "logg.xlsx", "h1");
    let gone = |path: &str, hash: &str| with(record(2, path, hash), |r| r.state = FileState::Missing);

    // Same size and mtime as last time: not opened.
    check(Case::new("logg.xlsx", "h1").known(logg()), Look(super::Look::Unchanged));
    // ... unless the config's names changed: read again.
    let old_names = with(logg(), |r| r.fingerprint = "names-0".into());
    check(Case::new("logg.xlsx", "h1").known(old_names), Read(FileStatus::Reread));
    // mtime changed, same content hash: not parsed, mtime updated.
    check(Case::new("logg.xlsx", "h1").known(logg()).changed_on_disk(100, 2), Unchanged);
    // Content changed: parsed, its rows replaced.
    check(Case::new("logg.xlsx", "h2").known(logg()).changed_on_disk(120, 2), Read(FileStatus::Changed));
    // Seen for the first time.
    check(Case::new("ny.xlsx", "h9").other(logg()), Read(FileStatus::New));
    // Byte-identical to a version that counts: a copy, counting once at the first path...
    check(Case::new("kopia.xlsx", "h1").other(logg()), Duplicate { of: "logg.xlsx".into() });
    // ... also of a missing file, whose rows still count (here a known path re-saved with its bytes) ...
    check(
        Case::new("kopia.xlsx", "h1")
            .known(record(3, "kopia.xlsx", "h0"))
            .other(gone("borta.xlsx", "h1"))
            .changed_on_disk(120, 2),
        Duplicate { of: "borta.xlsx".into() },
    );
    // ... and of a file whose re-save was refused (its counted version is still these bytes).
    let refused = with(logg(), |r| (r.state, r.hash) = (FileState::Refused, "h2".into()));
    check(Case::new("kopia.xlsx", "h1").other(refused), Duplicate { of: "logg.xlsx".into() });
    // A known copy whose original is unchanged stays a copy, unopened.
    let copy = record(3, "kopia.xlsx", "h1");
    check(Case::new("kopia.xlsx", "h1").known(copy.clone()).copy_of(logg()), Look(super::Look::Unchanged));
    // The original of a copy changed: the copy is read and counts on its own.
    let changed = with(logg(), |r| (r.hash, r.counted_hash) = ("h2".into(), Some("h2".into())));
    check(Case::new("kopia.xlsx", "h1").known(copy).copy_of(changed), Read(FileStatus::Reread));
    // (Not named as a copy, it counts on its own; named as one of a log in the same folder, it waits
    // with its reason while that log is there, and takes the log's place once it is gone.)
    check(Case::new("logg - Kopia.xlsx", "h3").other(logg()), CopyOf { of: "logg.xlsx".into() });
    check(Case::new("Kopia av LOGG.xlsx", "h3").other(logg()), CopyOf { of: "logg.xlsx".into() });
    check(Case::new("arkiv/logg (1).xlsx", "h3").other(logg()), Read(FileStatus::New));
    check(
        Case::new("logg - Kopia.xlsx", "h3").other(gone("logg.xlsx", "h1")),
        Moved { from: "logg.xlsx".into(), read: Some(FileStatus::Changed) },
    );
    let waiting = with(record(3, "logg - Kopia.xlsx", "h3"), |r| {
        (r.state, r.counted_hash, r.duplicate_of) = (FileState::Refused, None, Some(1));
    });
    check(
        Case::new("logg - Kopia.xlsx", "h3").known(waiting.clone()).original(logg()),
        Look(super::Look::Unchanged),
    );
    check(
        Case::new("logg - Kopia.xlsx", "h3").known(waiting).original(gone("logg.xlsx", "h1")),
        Moved { from: "logg.xlsx".into(), read: Some(FileStatus::Changed) },
    );
    // A missing file reappears under another path: its record and rows follow...
    check(
        Case::new("arkiv/logg.xlsx", "h1").other(gone("logg.xlsx", "h1")),
        Moved { from: "logg.xlsx".into(), read: None },
    );
    // ... and are read again if the config's names changed.
    let gone_old_names = with(gone("logg.xlsx", "h1"), |r| r.fingerprint = "names-0".into());
    check(
        Case::new("arkiv/logg.xlsx", "h1").other(gone_old_names.clone()),
        Moved { from: "logg.xlsx".into(), read: Some(FileStatus::Reread) },
    );
    // (A moved file whose last re-save was refused keeps that version's hash: it reads as changed.)
    let gone_refused = with(gone_old_names, |r| r.hash = "h2".into());
    check(
        Case::new("arkiv/logg.xlsx", "h1").other(gone_refused),
        Moved { from: "logg.xlsx".into(), read: Some(FileStatus::Changed) },
    );
    // A missing file back at its own path, unchanged: read again (its record stands no longer).
    check(Case::new("logg.xlsx", "h1").known(gone("logg.xlsx", "h1")), Read(FileStatus::Reread));
    // Not a spreadsheet by its name, or too big: refused without reading.
    check(
        Case::new("logg.csv", "h1"),
        Look(super::Look::Refuse(FileRefusal::UnsupportedType { extension: "csv".into() })),
    );
    check(
        Case::new("LOGG", "h1"),
        Look(super::Look::Refuse(FileRefusal::UnsupportedType { extension: String::new() })),
    );
    check(
        Case::new("stor.XLSX", "h1").changed_on_disk(MAX_UNPACKED + 1, 1),
        Look(super::Look::Refuse(FileRefusal::TooLargeUnpacked { limit_mb: 200 })),
    );
}

#[test]
fn in_a_police_area_a_log_counts_for_the_municipality_whose_folder_holds_it() {
    use Decided::*;
    // The sources: the police's shared log (rows say their municipality), and one folder each.
    const OWNERS: [(&str, &str); 3] =
        [("kalix", "Kalix kommun"), ("kalix-skola", "Kalix kommun"), ("haparanda", "Haparanda kommun")];
    let of = |source: &str, r: FileRecord| with(r, |r| r.source = source.into());
    let kalix = || of("kalix", record(1, "kalix/logg.xlsx", "h1"));
    let gone = |r: FileRecord| with(r, |r| r.state = FileState::Missing);
    // Of one municipality's folders, or with the shared log: a copy, counting once.
    check(
        Case::new("skola/logg.xlsx", "h1").in_area("kalix-skola", &OWNERS).other(kalix()),
        Duplicate { of: "kalix/logg.xlsx".into() },
    );
    check(
        Case::new("polisen/logg.xlsx", "h1").in_area("polisen", &OWNERS).other(kalix()),
        Duplicate { of: "kalix/logg.xlsx".into() },
    );
    check(
        Case::new("kalix/logg.xlsx", "h1")
            .in_area("kalix", &OWNERS)
            .other(of("polisen", record(2, "polisen/p.xlsx", "h1"))),
        Duplicate { of: "polisen/p.xlsx".into() },
    );
    // In another municipality's folder: refused, naming the municipality it counts for...
    check(
        Case::new("haparanda/logg.xlsx", "h1").in_area("haparanda", &OWNERS).other(kalix()),
        OfAnotherMunicipality { of: "kalix/logg.xlsx".into(), municipality: "Kalix kommun".into() },
    );
    // ... a copy in its own folder counts before one in another's ...
    check(
        Case::new("haparanda/logg.xlsx", "h1")
            .in_area("haparanda", &OWNERS)
            .other(kalix())
            .other(of("haparanda", record(2, "haparanda/gammal.xlsx", "h1"))),
        Duplicate { of: "haparanda/gammal.xlsx".into() },
    );
    // ... and once that log is gone from the other's folder, this takes its place, read again as
    // this folder's (its rows become this municipality's), also when it was refused while waiting.
    check(
        Case::new("haparanda/logg.xlsx", "h1").in_area("haparanda", &OWNERS).other(gone(kalix())),
        Moved { from: "kalix/logg.xlsx".into(), read: Some(FileStatus::Reread) },
    );
    let waiting = with(of("haparanda", record(3, "haparanda/logg.xlsx", "h1")), |r| {
        (r.state, r.counted_hash, r.duplicate_of) = (FileState::Refused, None, Some(1));
    });
    check(
        Case::new("haparanda/logg.xlsx", "h1")
            .in_area("haparanda", &OWNERS)
            .known(waiting.clone())
            .original(kalix()),
        Look(super::Look::Unchanged),
    );
    check(
        Case::new("haparanda/logg.xlsx", "h1")
            .in_area("haparanda", &OWNERS)
            .known(waiting)
            .original(gone(kalix())),
        Moved { from: "kalix/logg.xlsx".into(), read: Some(FileStatus::Reread) },
    );
    // Moved within one municipality's folders: its rows follow, unread.
    check(
        Case::new("skola/logg.xlsx", "h1").in_area("kalix-skola", &OWNERS).other(gone(kalix())),
        Moved { from: "kalix/logg.xlsx".into(), read: None },
    );
}

#[test]
fn a_record_whose_file_is_not_found_is_missing_or_forgotten() {
    let check = |r: FileRecord, listed: bool, expected: Gone| assert_eq!(not_found(&r, listed), expected);
    let logg = || record(1, "logg.xlsx", "h1");
    // A file disappears: missing, its rows keep counting; reported again on every run.
    check(logg(), true, Gone::Missing { newly: true });
    check(with(logg(), |r| r.state = FileState::Missing), true, Gone::Missing { newly: false });
    // A file whose re-save was refused still has counted rows: missing too.
    check(with(logg(), |r| r.state = FileState::Refused), true, Gone::Missing { newly: true });
    // A copy, or a file that never counted, disappears: its record is forgotten.
    check(with(logg(), |r| (r.state, r.counted_hash) = (FileState::Duplicate, None)), true, Gone::Forget);
    check(with(logg(), |r| (r.state, r.counted_hash) = (FileState::Refused, None)), true, Gone::Forget);
    // The source folder could not be listed: nothing in it is concluded.
    check(logg(), false, Gone::Unlisted);
}

#[test]
fn names_that_say_copy() {
    for name in [
        "logg - Kopia.xlsx",
        "logg - Kopia (2).xlsx",
        "logg - Copy.xlsx",
        "logg (1).xlsx",
        "Copy of logg.xlsx",
        "Kopia av logg.ods",
        "logg copy.xlsx",
    ] {
        assert!(super::looks_like_a_copy(name), "{name}");
    }
    for name in [
        "logg.xlsx",
        "polisen-aktivitetslogg-2019.xlsx",
        "logg (återställd).xlsx",
        "(1).xlsx",
        "kopiering.xlsx",
    ] {
        assert!(!super::looks_like_a_copy(name), "{name}");
    }
    for (copy, original) in [
        ("logg - Kopia.xlsx", "logg.xlsx"),
        ("logg - Kopia (2).xlsx", "logg.xlsx"),
        ("Logg 2025 (1).xlsx", "Logg 2025.xlsx"),
        ("Copy of logg.xlsx", "logg.xlsx"),
        ("Kopia av logg.ods", "logg.ods"),
        ("logg copy.xlsx", "logg.xlsx"),
    ] {
        assert_eq!(super::original_name(copy).as_deref(), Some(original), "{copy}");
    }
    assert_eq!(super::original_name("logg.xlsx"), None);
}
