//! Why a job failed, as data: the causes and what the job did before. Its `Display` is the detail
//! recorded in `job_failures`, which `jobs` and `once` show: the causes first, then what was done.

use std::fmt;

use super::ReportJobError;
use crate::mail::notify::{NotComposed, NotifyError};
use crate::mail::send::SetupError;
use crate::store::StoreError;

/// A job that failed: why, and what it did all the same (a summary line per part).
#[derive(Debug, Default)]
pub(crate) struct JobError {
    /// Why it failed; the first is what stopped it, when it stopped.
    pub(crate) causes: Vec<Cause>,
    /// What it did before or beside the failure ("2 files read (…)", "3 sent, …").
    pub(crate) done: Vec<String>,
}

impl JobError {
    /// A job stopped by `cause` before it did anything.
    pub(super) fn of(cause: Cause) -> JobError {
        JobError { causes: vec![cause], done: Vec::new() }
    }
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = self.causes.iter().map(ToString::to_string).chain(self.done.iter().cloned());
        if let Some(first) = parts.next() {
            f.write_str(&first)?;
        }
        parts.try_for_each(|p| write!(f, "; {p}"))
    }
}

impl std::error::Error for JobError {}

/// One reason a job failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Cause {
    /// The store failed.
    #[error(transparent)]
    Store(StoreError),
    /// Reading the inbox failed (the job went on with what the store holds).
    #[error("reading the inbox failed: {0}")]
    Inbox(StoreError),
    /// The mails could not be decided.
    #[error(transparent)]
    Notify(NotifyError),
    /// The follow-up could not be made, written or mailed.
    #[error(transparent)]
    Report(ReportJobError),
    /// Mails that could not be composed; they are decided again at the next pass.
    #[error("not composed: {}", list(.0))]
    NotComposed(Vec<NotComposed>),
    /// The mail settings cannot be used: nothing can be sent.
    #[error("cannot send: {0}")]
    CannotSend(SetupError),
    /// The server refused the login or the TLS handshake.
    #[error("mail settings: {0}")]
    MailSettings(String),
}

fn list(errors: &[NotComposed]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
