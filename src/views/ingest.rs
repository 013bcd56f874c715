//! The `ingest` table: one line per file with its status, rows read and skipped and row errors, then
//! what became of it and the first row errors of each file read.

use std::collections::HashMap;

use crate::config::Config;
use crate::ingest::{FileStatus, IngestReport};
use crate::store::ProblemRecord;

fn status_word(s: FileStatus) -> &'static str {
    match s {
        FileStatus::New => "new",
        FileStatus::Changed => "changed",
        FileStatus::Unchanged => "unchanged",
        FileStatus::Reread => "re-read",
        FileStatus::Refused => "refused",
        FileStatus::Duplicate => "duplicate",
        FileStatus::Moved => "moved",
        FileStatus::Missing => "missing",
    }
}

/// How many row errors are listed per file; the rest are counted.
const ROW_ERRORS_SHOWN: usize = 20;

/// Why a refused file was refused, the reader's own words, and whether its last good version counts.
fn refusal(out: &mut String, f: &crate::ingest::FileReport) {
    use std::fmt::Write;
    let Some(r) = &f.refusal else { return };
    let _ = writeln!(out, "    refused: {r}");
    if let Some(detail) = &f.refusal_detail {
        let _ = writeln!(out, "    detail: {}", crate::text::printable(detail));
    }
    if f.rows_read > 0 {
        let _ = writeln!(out, "    the previous version's {} rows still count", f.rows_read);
    }
}

/// The first row errors of a file read in this run, and how many more.
fn row_errors(out: &mut String, config: &Config, problems: &[ProblemRecord]) {
    use std::fmt::Write;
    let row_problems: Vec<_> =
        problems.iter().filter(|p| p.level == crate::model::stored::Level::Row).collect();
    for p in row_problems.iter().take(ROW_ERRORS_SHOWN) {
        let _ = writeln!(
            out,
            "    {} row {}: {}",
            crate::text::quoted(&p.sheet),
            p.row.unwrap_or(0),
            crate::messages::problem_and_advice(&p.reason, &crate::messages::Hints::of(config))
        );
    }
    if row_problems.len() > ROW_ERRORS_SHOWN {
        let _ = writeln!(out, "    … and {} more row errors", row_problems.len() - ROW_ERRORS_SHOWN);
    }
}

/// The `ingest` table. `problems` holds the stored problems of the files read in this run.
pub(crate) fn table(
    config: &Config,
    report: &IngestReport,
    problems: &HashMap<String, Vec<ProblemRecord>>,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for s in report.sources.iter().filter(|s| s.error.is_some()) {
        let _ = writeln!(out, "warning: source {}: {}", s.name, s.error.as_deref().unwrap_or_default());
    }
    use crate::text::printable;
    let width = report.files.iter().map(|f| printable(&f.path).chars().count()).max().unwrap_or(4).max(4);
    let _ =
        writeln!(out, "{:width$}  {:9}  {:>7}  {:>7}  {:>6}", "FILE", "STATUS", "ROWS", "SKIPPED", "ERRORS");
    let (mut rows, mut values, mut errors) = (0, 0, 0);
    for f in &report.files {
        let _ = writeln!(
            out,
            "{:width$}  {:9}  {:>7}  {:>7}  {:>6}",
            printable(&f.path),
            status_word(f.status),
            f.rows_read,
            f.rows_skipped,
            f.row_errors
        );
        rows += f.rows_read;
        values += f.values_read;
        errors += f.row_errors;
        file_notes(&mut out, f);
        if f.cells_shortened > 0 {
            let (n, limit) = (f.cells_shortened, config.ingest.max_cell_chars);
            let cells = if n == 1 { "cell" } else { "cells" };
            let _ = writeln!(
                out,
                "    {n} {cells} longer than {limit} characters kept shortened, ending in \"…\""
            );
        }
        refusal(&mut out, f);
        if f.status == FileStatus::Missing {
            let _ = writeln!(
                out,
                "    gone from its folder; its {}",
                super::count(f.rows_read as usize, "row still counts", "rows still count")
            );
        }
        for note in &f.sheets_skipped {
            let _ = writeln!(out, "    note: {note}");
        }
        if f.row_errors > 0 && matches!(f.status, FileStatus::New | FileStatus::Changed | FileStatus::Reread)
        {
            row_errors(&mut out, config, problems.get(&f.path).map_or(&[][..], Vec::as_slice));
        }
    }
    let count = |s: FileStatus| report.files.iter().filter(|f| f.status == s).count();
    let _ = writeln!(
        out,
        "{}: {} new, {} changed, {} unchanged, {} refused, {} duplicate, {} missing; {}{}, {}. Store: {}",
        super::count(report.files.len(), "file", "files"),
        count(FileStatus::New),
        count(FileStatus::Changed) + count(FileStatus::Reread),
        count(FileStatus::Unchanged),
        count(FileStatus::Refused),
        count(FileStatus::Duplicate),
        count(FileStatus::Missing),
        super::count(rows as usize, "activity", "activities"),
        match values {
            0 => String::new(),
            n => format!(", {}", super::count(n as usize, "indicator value", "indicator values")),
        },
        super::count(errors as usize, "row error", "row errors"),
        config.store_path().display()
    );
    out
}

/// What a file's line is followed by: the indicator values read, the file it copies, where it moved from.
fn file_notes(out: &mut String, f: &crate::ingest::FileReport) {
    use std::fmt::Write;
    if f.values_read > 0 {
        let values = super::count(f.values_read as usize, "value", "values");
        let _ = writeln!(out, "    {values} of outcome indicators read");
    }
    if f.plans_read > 0 {
        let plans = super::count(f.plans_read as usize, "planned activity", "planned activities");
        let _ = writeln!(out, "    {plans} read");
    }
    if let Some(of) = &f.duplicate_of {
        let _ = writeln!(out, "    same content as {}; counted once, there", crate::text::printable(of));
    }
    if let Some(from) = &f.moved_from {
        let _ = writeln!(out, "    moved from {}", crate::text::printable(from));
    }
}

/// In a police area, what the logs hold for each municipality: (name, activities, row errors), the
/// rows of the police's log that name none last (as `""`).
pub(crate) fn by_municipality(totals: &[(String, usize, usize)]) -> String {
    use std::fmt::Write;
    let mut out = String::from("By municipality (all files):\n");
    let width = totals.iter().map(|(n, _, _)| n.chars().count()).max().unwrap_or(0).max(16);
    for (name, activities, errors) in totals {
        let name = if name.is_empty() { "no municipality" } else { name };
        let activity = if *activities == 1 { "activity" } else { "activities" };
        let error = if *errors == 1 { "row error" } else { "row errors" };
        let _ = writeln!(out, "  {name:width$}  {activities:>7} {activity}, {errors} {error}");
    }
    out
}
