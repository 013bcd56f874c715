//! What can stop a verb, as data. Each variant holds what went wrong; `Display` says it (English, the
//! command line's frame: the Swedish is for the mails and reports), and `exit_code` picks the
//! sysexits code README documents. `run()` prints it once, and nothing else prints an error that
//! ends a verb.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::ConfigErrors;
use crate::mail::send::SetupError;
use crate::report::ReportError;
use crate::store::StoreError;

/// EX_USAGE: the command names something the config does not have (a pledge, a period), or a day
/// that cannot be used.
pub(super) const EXIT_USAGE: u8 = 64;
/// EX_DATAERR: a file the coordinators keep (the comments file) cannot be used.
const EXIT_DATA: u8 = 65;
/// EX_UNAVAILABLE: the mail server refused the message for good.
const EXIT_REFUSED: u8 = 69;
/// EX_SOFTWARE: a mail could not be composed or a PDF made (a bug in a template or in pledgewatch).
const EXIT_SOFTWARE: u8 = 70;
/// EX_CANTCREAT: a report file cannot be written (or would replace the one that was mailed).
const EXIT_CANTCREAT: u8 = 73;
/// EX_IOERR: the store or a folder could not be used.
const EXIT_IO: u8 = 74;
/// EX_TEMPFAIL: try again later (the mail server could not take the message now; another daemon
/// has the state folder).
const EXIT_TEMPFAIL: u8 = 75;
/// EX_CONFIG: the config is wrong, or mail cannot be sent with its settings.
const EXIT_CONFIG: u8 = 78;

/// Why a verb did not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// `PLEDGEWATCH_NOW` is set to something that is not a time.
    #[error("PLEDGEWATCH_NOW={0:?} is not an RFC 3339 time such as 2019-10-07T07:00:00+02:00")]
    Clock(String),
    /// `once --now` was given something that is not a time.
    #[error("--now {0:?} is not a time; expected 2019-10-14T07:00:00+02:00 or \"2019-10-14 07:00\"")]
    Now(String),
    /// The config file is wrong.
    #[error("the config is not valid:\n{0}")]
    Config(ConfigErrors),
    /// `check`: the config is valid, and what it names stops pledgewatch from working.
    #[error("{}", .0.join("\nerror: "))]
    Check(Vec<String>),
    /// The store failed (disk, permissions, a damaged file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A folder or file other than the store could not be used.
    #[error("cannot {doing} {}: {source}", path.display())]
    Io { doing: &'static str, path: PathBuf, source: std::io::Error },
    /// The reader process (`read-workbook`) could not read its input or write its cells.
    #[error("the reader process failed: {0}")]
    Reader(std::io::Error),
    /// The small runtime the mail and the daemon run on could not start.
    #[error("cannot start: {0}")]
    Runtime(std::io::Error),
    /// A JSON document could not be written.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// `--municipality` names none of the install's.
    #[error("no municipality {id:?} in the config; expected one of: {}", known.join(", "))]
    UnknownMunicipality { id: String, known: Vec<String> },
    /// `explain` of a pledge id that several municipalities have, without `--municipality`.
    #[error("pledge {id:?} is a pledge of {}: name one with --municipality", known.join(", "))]
    WhichMunicipality { id: String, known: Vec<String> },
    /// A pledge id the config does not have.
    #[error("no pledge {id:?} in the config; expected one of: {}", known.join(", "))]
    UnknownPledge { id: String, known: Vec<String> },
    /// A period id the config does not have.
    #[error("no period {id:?} in the config; expected one of: {}", known.join(", "))]
    UnknownPeriod { id: String, known: Vec<String> },
    /// The pledge is not followed up in the period asked for.
    #[error("pledge {pledge:?} does not apply to period {period:?}")]
    NotInPeriod { pledge: String, period: String },
    /// `report` without `--period` on a day before every period.
    #[error("no period has begun on {as_of}; name one with --period ({})", known.join(", "))]
    NoPeriodBegun { as_of: NaiveDate, known: Vec<String> },
    /// `report` for a day before the period begins.
    #[error("period {period} begins on {start}, after {as_of}: there is nothing to report yet")]
    PeriodNotBegun { period: String, start: NaiveDate, as_of: NaiveDate },
    /// The follow-up could not be made or written.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// `report` would write a version over the files that were mailed that differs from them.
    #[error(
        "the follow-up of period {period} was mailed, and its files in {} are kept as mailed; this \
         version differs ({}: the comments, the logs or the config changed since). Write it elsewhere \
         with --out DIR.",
        dir.display(),
        changed.join(", ")
    )]
    KeptAsMailed { period: String, dir: PathBuf, changed: Vec<String> },
    /// `notify` or `once` for a day before the last one mail was decided for.
    #[error(
        "mail was decided for {last} already; deciding for {as_of} would send old figures after newer \
         ones. If the clock is behind, set it right. `pledgewatch preview all --as-of {as_of}` shows \
         that day's mails; --force decides anyway ({}).",
        if crate::mail::notify::wrong_clock(*last, *as_of) {
            format!("{last} is more than a year ahead, so it was a wrong clock or --now: the last day decided becomes {as_of}")
        } else {
            format!("the last day decided stays {last}")
        }
    )]
    Backwards { as_of: NaiveDate, last: NaiveDate },
    /// `notify` could not decide (the store failed); the outbox was sent all the same.
    #[error("no mails decided: {0}")]
    NotDecided(StoreError),
    /// Mails that could not be composed (each was printed as it happened); they are decided again
    /// next time.
    #[error("{0} mails could not be composed (above); they are decided again at the next run")]
    NotComposed(usize),
    /// `preview`: the follow-up its report mail carries could not be made.
    #[error("cannot make the report mail: {0}")]
    ReportNotMade(ReportError),
    /// `preview`: the report mail could not be composed.
    #[error("cannot make the report mail: {0}")]
    ReportMail(crate::mail::compose::ComposeError),
    /// The mail settings cannot be used (nothing can be sent); the outbox keeps its messages.
    #[error("cannot send: {0}\nThe mails stay in the outbox and go out once this is fixed.")]
    CannotSend(SetupError),
    /// The server refused the login or the TLS handshake.
    #[error(
        "mail cannot be sent with these settings: {0}\nCheck [mail.smtp] (user, password, security and \
         port, the server's certificate); the mails stay in the outbox."
    )]
    MailSettings(String),
    /// `test-mail`: the message could not be made.
    #[error("{0}")]
    TestMail(crate::mail::compose::ComposeError),
    /// `test-mail`: the server could not take it now.
    #[error("not sent via {via} (temporary): {error}")]
    Temporary { via: String, error: String },
    /// `test-mail`: the server refused it for good.
    #[error("refused by {via}: {error}")]
    Refused { via: String, error: String },
    /// `test-mail`: the server refused the login or the TLS handshake.
    #[error(
        "mail cannot be sent via {via} with these settings: {error}\nCheck [mail.smtp] (user, \
         password, security and port, the server's certificate)."
    )]
    TestSettings { via: String, error: String },
    /// `test-mail`: the server cannot be reached.
    #[error("not sent: {via} cannot be reached: {error}")]
    Unreachable { via: String, error: String },
    /// `once`: jobs failed (each printed with its outcome; `jobs` shows them until they succeed).
    #[error("{0} jobs failed; `pledgewatch jobs` shows them until they succeed")]
    JobsFailed(usize),
    /// Another daemon (or pass) holds the state folder.
    #[error(transparent)]
    Daemon(#[from] crate::daemon::DaemonError),
}

impl Error {
    /// The process exit code (sysexits), as README documents them.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Clock(_)
            | Error::Now(_)
            | Error::UnknownPledge { .. }
            | Error::UnknownMunicipality { .. }
            | Error::WhichMunicipality { .. }
            | Error::UnknownPeriod { .. }
            | Error::NotInPeriod { .. }
            | Error::NoPeriodBegun { .. }
            | Error::PeriodNotBegun { .. }
            | Error::Backwards { .. } => EXIT_USAGE,
            Error::Config(_)
            | Error::Check(_)
            | Error::CannotSend(_)
            | Error::MailSettings(_)
            | Error::TestSettings { .. }
            | Error::TestMail(_) => EXIT_CONFIG,
            Error::Store(_)
            | Error::NotDecided(_)
            | Error::Io { .. }
            | Error::Runtime(_)
            | Error::Reader(_) => EXIT_IO,
            Error::Json(_) | Error::JobsFailed(_) => 1,
            Error::Report(e) => match e {
                ReportError::Store(_) => EXIT_IO,
                ReportError::Comments { .. } => EXIT_DATA,
                ReportError::Pdf(_) => EXIT_SOFTWARE,
                ReportError::Write { .. } => EXIT_CANTCREAT,
            },
            Error::KeptAsMailed { .. } => EXIT_CANTCREAT,
            Error::NotComposed(_) | Error::ReportNotMade(_) | Error::ReportMail(_) => EXIT_SOFTWARE,
            Error::Temporary { .. } | Error::Unreachable { .. } => EXIT_TEMPFAIL,
            Error::Refused { .. } => EXIT_REFUSED,
            Error::Daemon(crate::daemon::DaemonError::Locked(_)) => EXIT_TEMPFAIL,
            Error::Daemon(_) => EXIT_IO,
        }
    }
}

/// A period id the config does not have, with the ones it has.
pub(super) fn unknown_period(config: &crate::config::Config, id: &str) -> Error {
    Error::UnknownPeriod { id: id.to_owned(), known: config.periods.iter().map(|p| p.id.clone()).collect() }
}

impl From<crate::mail::notify::NotifyError> for Error {
    fn from(e: crate::mail::notify::NotifyError) -> Error {
        match e {
            crate::mail::notify::NotifyError::Store(e) => Error::Store(e),
            crate::mail::notify::NotifyError::Backwards { as_of, last } => Error::Backwards { as_of, last },
        }
    }
}
