//! The edge of the follow-up: read the comments file and the store, build the documents, render them
//! (HTML, PDF, public summary) and write them to the reports folder.
//!
//! Reproducible: nothing here reads the clock. The same store, config and comments give the same
//! bytes, whenever and however often they are generated.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::comments::{CommentError, Comments, Problem};
use super::content::{self, Counts, Input, Line};
use super::{html, pdf};
use crate::config::Config;
use crate::pledge::Period;
use crate::store::{Store, StoreError};

/// A format the follow-up is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// The full follow-up as one self-contained HTML file.
    Html,
    /// The full follow-up as PDF (A4, fonts embedded).
    Pdf,
    /// The one-page summary for citizens, as HTML.
    Public,
    /// The summary for citizens as PDF (tagged, archival), for mail gateways that strip HTML files.
    PublicPdf,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 4] = [Format::Html, Format::Pdf, Format::Public, Format::PublicPdf];

    /// The file name for a period: `uppfoljning-2019.pdf`, `medborgarloften-2019.html`; a draft's
    /// `uppfoljning-2019-utkast.pdf`, so a draft never replaces the follow-up that was sent.
    pub fn file_name(self, period: &str, draft: bool) -> String {
        let draft = if draft { "-utkast" } else { "" };
        match self {
            Format::Html => format!("uppfoljning-{period}{draft}.html"),
            Format::Pdf => format!("uppfoljning-{period}{draft}.pdf"),
            Format::Public => format!("medborgarloften-{period}{draft}.html"),
            Format::PublicPdf => format!("medborgarloften-{period}{draft}.pdf"),
        }
    }

    /// The file name of an interim follow-up with figures of `as_of`: `delrapport-2019-2019-03-31.pdf`,
    /// `medborgarloften-2019-delrapport-2019-03-31.html`; each its own, so none replaces another.
    pub fn interim_file_name(self, period: &str, as_of: NaiveDate) -> String {
        match self {
            Format::Html => format!("delrapport-{period}-{as_of}.html"),
            Format::Pdf => format!("delrapport-{period}-{as_of}.pdf"),
            Format::Public => format!("medborgarloften-{period}-delrapport-{as_of}.html"),
            Format::PublicPdf => format!("medborgarloften-{period}-delrapport-{as_of}.pdf"),
        }
    }
}

/// Why a follow-up could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The comments file is there but cannot be used.
    #[error("the comments file {path}: {error}")]
    Comments { path: PathBuf, error: Box<CommentError> },
    /// The PDF could not be made.
    #[error("the PDF could not be made: {0}")]
    Pdf(#[from] pdf::PdfError),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// One rendered file.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its format.
    pub format: Format,
    /// Its file name.
    pub file_name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// A follow-up, rendered.
#[derive(Debug, Clone)]
pub struct Made {
    /// The period's id.
    pub period: String,
    /// The day the figures are of.
    pub as_of: NaiveDate,
    /// Whether the period has ended (else the files are drafts, marked "Utkast").
    pub(crate) is_final: bool,
    /// An interim follow-up ("Delrapport", `[[period.interim]]`), while the period runs.
    pub(crate) interim: bool,
    /// Per pledge of the period: title, result and verdict in words (for the mail's summary).
    pub lines: Vec<Line>,
    /// How many pledges got each verdict (final reports only).
    pub counts: Counts,
    /// The summary's sentence.
    pub summary: String,
    /// How many activities (and indicator values) in the store are dated in the period (0: there
    /// is nothing to report on).
    pub activities: usize,
    /// What the figures rest on, in words.
    pub(crate) basis: String,
    /// The files, in the order of `Format::ALL`.
    pub files: Vec<Rendered>,
}

/// Reads the comments on `period` from the comments file: none when it does not exist; an error when
/// it exists but cannot be read or understood.
pub(crate) fn load_comments(config: &Config, period: &str) -> Result<Comments, ReportError> {
    let path = &config.report.comments;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Comments::default()),
        Err(e) => {
            let error = CommentError { line: None, problem: Problem::Unreadable(e.to_string()) };
            return Err(ReportError::Comments { path: path.clone(), error: Box::new(error) });
        }
    };
    Comments::parse(&text, config, period)
        .map_err(|error| ReportError::Comments { path: path.clone(), error: Box::new(error) })
}

/// Builds and renders the follow-up of `period` as of `as_of` (clamped to the period's last day) in
/// `formats`, from the store and the comments file.
pub fn make(
    config: &Config,
    store: &Store,
    period: &Period,
    as_of: NaiveDate,
    formats: &[Format],
) -> Result<Made, ReportError> {
    make_as(config, store, period, as_of, formats, None, false)
}

/// The interim follow-up ("Delrapport") of `period` with figures as of `as_of`, in every format.
pub(crate) fn make_interim(
    config: &Config,
    store: &Store,
    period: &Period,
    as_of: NaiveDate,
) -> Result<Made, ReportError> {
    make_as(config, store, period, as_of, &Format::ALL, None, true)
}

/// As [`make`], as a corrected version of the mailed follow-up when `corrected` (a final one only).
pub(crate) fn make_as(
    config: &Config,
    store: &Store,
    period: &Period,
    as_of: NaiveDate,
    formats: &[Format],
    corrected: Option<super::content::Corrected>,
    interim: bool,
) -> Result<Made, ReportError> {
    let comments = load_comments(config, &period.id)?;
    // This period, and the one before of each of its pledges (shown beside it).
    let read = crate::rules::with_previous(&config.pledges, &config.periods, period);
    let log = store.log_in(config.store_scope(), &crate::rules::days_to_read(&config.periods, &read))?;
    let mut files = config.own_files(store.files()?);
    if config.scope.is_some() {
        // A shared log (the police's) holds every municipality's rows: the follow-up counts its own.
        let totals = store.file_totals_of(config.store_scope())?;
        for f in
            files.iter_mut().filter(|f| config.source(&f.source).is_some_and(|s| s.municipality.is_none()))
        {
            (f.rows_read, f.row_problems) = totals.get(&f.id).map_or((0, 0), |(a, e)| (*a as u64, *e as u64));
        }
    }
    let refusals = config.own_refusals(store.refusals()?, &files);
    let input = Input::new(config, period, as_of, &log, &files, &refusals, &comments)
        .corrected(corrected)
        .interim(interim);
    let label = config.file_label(&period.id);
    let mut rendered = Vec::new();
    let (mut full, mut public) = (None, None);
    for format in Format::ALL.into_iter().filter(|f| formats.contains(f)) {
        let bytes = match format {
            Format::Html => html::render(full.get_or_insert_with(|| content::full(&input))).into_bytes(),
            Format::Pdf => pdf::render(full.get_or_insert_with(|| content::full(&input)))?,
            Format::Public => {
                html::render(public.get_or_insert_with(|| super::public::public(&input))).into_bytes()
            }
            Format::PublicPdf => pdf::render(public.get_or_insert_with(|| super::public::public(&input)))?,
        };
        rendered.push(Rendered {
            format,
            file_name: match input.is_interim() {
                true => format.interim_file_name(&label, input.as_of),
                false => format.file_name(&label, !input.is_final()),
            },
            bytes,
        });
    }
    Ok(Made {
        period: period.id.clone(),
        as_of: input.as_of,
        is_final: input.is_final(),
        interim: input.is_interim(),
        lines: content::summary(&input),
        counts: input.counts(),
        summary: content::summary_sentence(&input),
        // An indicator's values are data of the period too (a follow-up of indicators alone goes).
        activities: log.activities.iter().filter(|a| period.contains(a.date)).count()
            + log.readings.iter().filter(|r| period.contains(r.measured.day())).count(),
        basis: content::basis(&input),
        files: rendered,
    })
}

/// Writes the files into `dir` (created if need be): all to temporary files first, then each renamed
/// into place, so a reader never sees half a file and a failure leaves the old set as it was.
/// Returns the paths written.
pub fn write(made: &Made, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    use std::io::Write;
    crate::durable::create_dir_all(dir)
        .map_err(|source| ReportError::Write { path: dir.to_owned(), source })?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let clean = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for f in &made.files {
        let path = dir.join(&f.file_name);
        match crate::durable::stage(&path, |file| file.write_all(&f.bytes)) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(source) => {
                clean(&staged);
                return Err(ReportError::Write { path, source });
            }
        }
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(source) = crate::durable::put_in_place(tmp, path) {
            clean(&staged[i..]);
            return Err(ReportError::Write { path: path.clone(), source });
        }
    }
    Ok(staged.into_iter().map(|(_, path)| path).collect())
}
