//! SQL for mail: the outbox and the problems to tell about (the memory of what was decided is
//! `memory.rs`). Called only by `store/mod.rs`, which owns the transactions.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::column;
use crate::notices::{Kind, ProblemRef};

/// A composed message, ready to be queued.
#[derive(Debug, Clone)]
pub(crate) struct Queued {
    /// Idempotency key.
    pub(crate) key: String,
    /// What kind of mail it is.
    pub(crate) kind: Kind,
    /// The recipient's address (the envelope's RCPT TO).
    pub(crate) recipient: String,
    /// The sender's address (the envelope's MAIL FROM).
    pub(crate) sender: String,
    /// The subject, for listings.
    pub(crate) subject: String,
    /// The Message-ID header, without angle brackets.
    pub(crate) message_id: String,
    /// The whole message, RFC 5322.
    pub(crate) message: Vec<u8>,
    /// The keys of the decisions it carries besides its own (a merged mail), each known as sent.
    pub(crate) covers: Vec<String>,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxRow {
    /// Row id.
    pub id: i64,
    /// Idempotency key.
    pub(crate) key: String,
    /// Kind of mail.
    pub(crate) kind: Kind,
    /// Recipient address.
    pub(crate) recipient: String,
    /// Sender address.
    pub(crate) sender: String,
    /// Subject.
    pub(crate) subject: String,
    /// Message-ID.
    pub(crate) message_id: String,
    /// When it was queued.
    pub(crate) created_at: String,
    /// Where it is.
    pub(crate) state: MailState,
    /// Attempts so far.
    pub(crate) attempts: u32,
    /// When it is tried next (queued).
    pub(crate) next_attempt_at: String,
    /// The last failure.
    pub(crate) last_error: Option<String>,
    /// When it was accepted.
    pub(crate) sent_at: Option<String>,
    /// The server's answer.
    pub(crate) reply: Option<String>,
}

/// Where a message in the outbox is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MailState {
    /// Waiting for its next attempt.
    Queued,
    /// Accepted by the server (or written to the folder).
    Sent,
    /// Refused for good, or out of attempts; `outbox --retry-failed` queues it again.
    Failed,
    /// Sent once without an answer within the time-out: the server may have taken it. Tried once
    /// more, much later; failed if that gets no answer either. (Stored as `queued` with the
    /// `uncertain` flag, schema 11.)
    Uncertain,
}

crate::codes::stored_names!(pub(crate) MailState, "mail state", {
    Queued => "queued",
    Sent => "sent",
    Failed => "failed",
    Uncertain => "uncertain",
});

const COLUMNS: &str = "id, key, kind, recipient, sender, subject, message_id, created_at, state, attempts,
                       next_attempt_at, last_error, sent_at, reply, uncertain";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: column(r, 2)?,
        recipient: r.get(3)?,
        sender: r.get(4)?,
        subject: r.get(5)?,
        message_id: r.get(6)?,
        created_at: r.get(7)?,
        state: match column(r, 8)? {
            MailState::Queued if r.get::<_, bool>(14)? => MailState::Uncertain,
            state => state,
        },
        attempts: r.get(9)?,
        next_attempt_at: r.get(10)?,
        last_error: r.get(11)?,
        sent_at: r.get(12)?,
        reply: r.get(13)?,
    })
}

/// Queues a message unless its key is already in the outbox; returns whether it was new.
pub(super) fn enqueue(conn: &Connection, q: &Queued, now: &str) -> rusqlite::Result<bool> {
    // A decision it carries that is in the outbox already (alone or in another merged mail): queued
    // before, so not again.
    for key in &q.covers {
        if has_key(conn, key)? {
            return Ok(false);
        }
    }
    let n = conn.execute(
        "INSERT INTO outbox (key, kind, recipient, sender, subject, message_id, message, created_at, state, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?8)
         ON CONFLICT(key) DO NOTHING",
        params![q.key, q.kind.as_str(), q.recipient, q.sender, q.subject, q.message_id, q.message, now],
    )?;
    if n == 1 {
        let id = conn.last_insert_rowid();
        for key in &q.covers {
            conn.execute("INSERT INTO outbox_keys (key, outbox_id) VALUES (?1, ?2)", params![key, id])?;
        }
    }
    Ok(n == 1)
}

/// Whether a key is in the outbox already.
pub(super) fn has_key(conn: &Connection, key: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT 1 FROM outbox WHERE key = ?1 UNION ALL SELECT 1 FROM outbox_keys WHERE key = ?1",
        [key],
        |_| Ok(()),
    )
    .optional()
    .map(|r| r.is_some())
}

/// Every message, newest first.
pub(super) fn all(conn: &Connection) -> rusqlite::Result<Vec<OutboxRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC"))?;
    stmt.query_map([], row)?.collect()
}

/// The queued messages due at `now`, oldest first.
pub(super) fn due(conn: &Connection, now: &str) -> rusqlite::Result<Vec<OutboxRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?1 ORDER BY id"
    ))?;
    stmt.query_map([now], row)?.collect()
}

/// The stored bytes of a message.
pub(super) fn message(conn: &Connection, id: i64) -> rusqlite::Result<Vec<u8>> {
    conn.query_row("SELECT message FROM outbox WHERE id = ?1", [id], |r| r.get(0))
}

/// Claims a due message for one attempt: moves its next attempt to `until`, if it is still due at
/// `now`. Two senders at once cannot both claim it; a sender that dies leaves it to be tried again at
/// `until`.
pub(super) fn claim(conn: &Connection, id: i64, now: &str, until: &str) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE outbox SET next_attempt_at = ?3 WHERE id = ?1 AND state = 'queued' AND next_attempt_at <= ?2",
        params![id, now, until],
    )?;
    Ok(n == 1)
}

pub(super) fn mark_sent(conn: &Connection, id: i64, reply: &str, now: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?2, reply = ?3, last_error = NULL
         WHERE id = ?1",
        params![id, now, reply],
    )?;
    Ok(())
}

pub(super) fn mark_retry(conn: &Connection, id: i64, error: &str, next: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1",
        params![id, error, next],
    )?;
    Ok(())
}

pub(super) fn mark_uncertain(conn: &Connection, id: i64, error: &str, next: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET uncertain = 1, attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3
         WHERE id = ?1",
        params![id, error, next],
    )?;
    Ok(())
}

pub(super) fn mark_failed(conn: &Connection, id: i64, error: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
        params![id, error],
    )?;
    Ok(())
}

/// Every row error and refusal, with a key that stays while the problem does: the file's record
/// (which follows a moved file), the sheet, the reason with the cell's value, and which occurrence
/// of that same reason it is in the sheet. Not the row number: deleting a row above would renumber
/// every error below it and tell them again.
pub(super) fn problem_refs(conn: &Connection) -> rusqlite::Result<Vec<ProblemRef>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, f.source, p.file_id, p.level, p.sheet, p.code, p.detail, p.municipality
         FROM problems p JOIN files f ON f.id = p.file_id
         WHERE p.level IN ('row', 'file')
         ORDER BY p.file_id, p.sheet, p.row, p.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let identity: [String; 5] =
                [r.get::<_, i64>(2)?.to_string(), r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?];
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, identity.join("\u{1f}"), r.get::<_, String>(7)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(id, source, identity, municipality)| {
            let n = seen.entry(identity.clone()).or_default();
            *n += 1;
            let key = blake3::hash(format!("{identity}\u{1f}{n}").as_bytes()).to_hex()[..24].to_owned();
            ProblemRef { key, source, id, municipality }
        })
        .collect())
}

/// A problem as a log keeper reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProblemDetail {
    /// Store id.
    pub id: i64,
    /// The file.
    pub(crate) file: String,
    /// The sheet; empty for a refused file.
    pub(crate) sheet: String,
    /// The row, for a row error.
    pub(crate) row: Option<u32>,
    /// A row or a file.
    pub(crate) level: crate::model::stored::Level,
    /// Why, as data (its Swedish words come from `messages`).
    pub(crate) reason: crate::model::Reason,
}

/// The columns [`detail`] reads.
const DETAIL: &str = "p.id, f.path, p.sheet, p.row, p.level, p.level, p.code, p.detail, p.legacy_message";

/// A row of `SELECT {DETAIL}`.
fn detail(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProblemDetail> {
    Ok(ProblemDetail {
        id: r.get(0)?,
        file: r.get(1)?,
        sheet: r.get(2)?,
        row: r.get(3)?,
        level: column(r, 4)?,
        reason: super::files::reason(r, 5)?,
    })
}

/// The problems with these ids.
pub(super) fn problem_details(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<ProblemDetail>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DETAIL} FROM problems p JOIN files f ON f.id = p.file_id WHERE p.id = ?1"
    ))?;
    let mut out = Vec::new();
    for id in ids {
        let found = stmt.query_row([id], detail).optional()?;
        out.extend(found);
    }
    Ok(out)
}

/// The refusals of files whose version on disk could not be read.
pub(super) fn refusals(conn: &Connection) -> rusqlite::Result<Vec<ProblemDetail>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DETAIL} FROM problems p JOIN files f ON f.id = p.file_id
         WHERE p.level = 'file' AND f.state = 'refused' ORDER BY f.path"
    ))?;
    stmt.query_map([], detail)?.collect()
}

/// A fact about mail decisions.
pub(super) fn state(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM mail_state WHERE key = ?1", [key], |r| r.get(0)).optional()
}

pub(super) fn set_state(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO mail_state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Puts failed messages back in the queue, due now, with a fresh retry window; returns how many.
pub(super) fn requeue_failed(conn: &Connection, now: &str) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE outbox SET state = 'queued', uncertain = 0, attempts = 0, next_attempt_at = ?1, created_at = ?1
         WHERE state = 'failed'",
        [now],
    )
}
