//! One round of mail decisions: read the store, compute the standings, decide (`notices`), compose
//! each mail (`compose`), and commit the decisions with the messages in one transaction.
//!
//! The edge between the pure parts and the store. The clock comes in as `now`.

use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, Utc};

use super::compose::{self, ComposeError, Templates};
use super::context::{self, MailInput};
use crate::config::Config;
use crate::notices::{self, Decisions, Memory};
use crate::rules;
use crate::store::{Queued, Store, StoreError};

/// Why a round could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A message could not be composed.
    #[error(transparent)]
    Compose(#[from] ComposeError),
}

/// Decisions and their messages, not yet committed.
pub struct Round {
    /// What was decided.
    pub decisions: Decisions,
    /// One message per notice that could be composed.
    pub messages: Vec<Queued>,
    /// Notices that name a person or pledge the config does not have (with the reason).
    pub skipped: Vec<String>,
}

/// Decides and composes the mails due on `as_of`, given what was sent before (`memory`).
pub fn prepare(
    config: &Config,
    store: &Store,
    templates: &Templates,
    memory: &Memory,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Round, NotifyError> {
    let log = store.log()?;
    let files = store.files()?;
    let standings = rules::standing(&config.pledges, &config.periods, &log, as_of);
    let problems = store.problem_refs()?;
    let refusals = store.refusals()?;
    let decisions = notices::decide(config, &standings, &problems, memory, as_of);
    let input = MailInput {
        config,
        as_of,
        sent_on: now.with_timezone(&config.timezone).date_naive(),
        standings: &standings,
        log: &log,
        files: &files,
        previous_digest: memory.digest.as_ref(),
        refusals: &refusals,
    };
    let mut messages = Vec::new();
    let mut skipped = Vec::new();
    for notice in &decisions.notices {
        let details = store.problem_details(&notice.problems)?;
        let (Some(person), Some(data)) =
            (config.person(&notice.to), context::context(&input, notice, &details))
        else {
            skipped.push(format!("{}: a person or pledge it names is not in the config", notice.key));
            continue;
        };
        let date = SystemTime::from(now);
        let q = compose::compose(
            templates,
            config,
            notice.kind,
            &notice.key,
            (&person.name, &person.email),
            &data,
            date,
        )?;
        messages.push(q);
    }
    Ok(Round { decisions, messages, skipped })
}

/// What [`queue`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueReport {
    /// Messages decided in this round.
    pub decided: usize,
    /// Of them, new in the outbox (the others were decided before).
    pub new: usize,
}

/// Decides the mails due on `as_of` and commits them to the outbox with the memory of the decisions.
pub fn queue(
    config: &Config,
    store: &mut Store,
    templates: &Templates,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(QueueReport, Vec<String>), NotifyError> {
    let memory = store.mail_memory()?;
    let round = prepare(config, store, templates, &memory, as_of, now)?;
    let stamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let new = store.queue(&round.decisions, &round.messages, &stamp)?;
    Ok((QueueReport { decided: round.messages.len(), new }, round.skipped))
}
