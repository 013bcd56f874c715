//! Sending what the outbox holds, through lettre: SMTP, or `.eml` files in a folder.
//!
//! Each send runs under a total time-out (lettre's own covers only the connect). A message the server
//! accepts is marked sent; a permanent refusal (5xx) is marked failed at once; anything else (server
//! down, 4xx, time-out) is retried with exponential backoff until `retry_for` has passed since it was
//! queued, then marked failed. Every outcome is recorded before the next message is tried.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::Serialize;

use crate::config::mail::{MailSettings, PasswordSource, Security, Transport};
use crate::store::{OutboxRow, Store, StoreError, stamp};

/// The first retry waits this long; each next one twice as long, up to [`MAX_BACKOFF`].
pub(crate) const FIRST_BACKOFF: Duration = Duration::from_secs(60);
/// The longest wait between two attempts.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);
/// How long a message sent without an answer waits before its one more try.
pub(crate) const UNCERTAIN_WAIT: Duration = MAX_BACKOFF;

/// Why mail cannot be sent at all with this configuration.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SetupError {
    /// The password's environment variable is not set.
    #[error("the SMTP password variable {0} is not set in the environment")]
    MissingEnv(String),
    /// The password file cannot be read.
    #[error("cannot read the SMTP password file {path}: {source}")]
    PasswordFile { path: PathBuf, source: std::io::Error },
    /// The password file can be read by others.
    #[error(
        "the SMTP password file {path} is readable by other users (mode {mode:o}); run: chmod 600 {path}"
    )]
    PasswordFileOpen { path: PathBuf, mode: u32 },
    /// lettre refused the SMTP settings.
    #[error("SMTP settings: {0}")]
    Smtp(String),
    /// The outbox folder cannot be created.
    #[error("cannot create the mail folder {path}: {source}")]
    Dir { path: PathBuf, source: std::io::Error },
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attempt {
    /// Accepted; the server's answer.
    Sent(String),
    /// Not now: the server answered 4xx for this message; the reason.
    Transient(String),
    /// Not now: the server could not be reached, or did not answer in time; the reason. The other
    /// messages would meet the same, so the drain stops and they wait for the next run.
    Unreachable(String),
    /// Never (5xx); the reason.
    Permanent(String),
    /// No answer within the time-out after the server had taken the session (greeting, EHLO,
    /// login): it may hold the message and not have said so. Trying again at once would deliver it
    /// again at every run, so it waits [`UNCERTAIN_WAIT`] for one more try.
    Uncertain(String),
    /// The settings are wrong, not the message: the server refused the login (530, 534, 535, 538),
    /// offers no login we can use, or TLS failed (certificate, security/port mismatch). The message
    /// stays queued; no other message is tried until the settings are fixed.
    Setup(String),
}

/// A configured transport.
pub(crate) struct Sender {
    inner: Inner,
    timeout: Duration,
    retry_for: Duration,
}

enum Inner {
    Dir(PathBuf),
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>, String),
}

impl Sender {
    /// Sets up the configured transport (reading the SMTP password now).
    pub(crate) fn new(settings: &MailSettings) -> Result<Sender, SetupError> {
        let inner = match &settings.transport {
            Transport::Dir(dir) => {
                crate::durable::create_dir_all(dir)
                    .map_err(|source| SetupError::Dir { path: dir.clone(), source })?;
                Inner::Dir(dir.clone())
            }
            Transport::Smtp(s) => {
                let builder = match s.security {
                    Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)
                        .map_err(|e| SetupError::Smtp(e.to_string()))?,
                    Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)
                        .map_err(|e| SetupError::Smtp(e.to_string()))?,
                    Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
                };
                let hello = lettre::transport::smtp::extension::ClientId::Domain(s.helo_name.clone());
                let mut builder = builder.port(s.port).timeout(Some(settings.send_timeout)).hello_name(hello);
                if let (Some(user), Some(source)) = (&s.user, &s.password) {
                    builder = builder.credentials(Credentials::new(user.clone(), password(source)?));
                }
                Inner::Smtp(Box::new(builder.build()), format!("{}:{}", s.host, s.port))
            }
        };
        Ok(Sender { inner, timeout: settings.send_timeout, retry_for: settings.retry_for })
    }

    /// Where messages go, for people: `smtp.kalix.se:587` or the folder.
    pub(crate) fn describe(&self) -> String {
        match &self.inner {
            Inner::Dir(dir) => dir.display().to_string(),
            Inner::Smtp(_, host) => host.clone(),
        }
    }

    /// One attempt to hand `message` over, within the total time-out. `to` is one address or
    /// several, comma-separated (a report goes to the chair with others in copy).
    pub(crate) async fn send(&self, from: &str, to: &str, message: &[u8]) -> Attempt {
        let recipients: Result<Vec<lettre::Address>, _> = to.split(',').map(|a| a.trim().parse()).collect();
        let envelope = match (from.parse(), recipients) {
            (Ok(f), Ok(t)) => match Envelope::new(Some(f), t) {
                Ok(e) => e,
                Err(e) => return Attempt::Permanent(format!("envelope: {e}")),
            },
            _ => return Attempt::Permanent(format!("envelope: invalid address {from:?} or {to:?}")),
        };
        let attempt = async {
            match &self.inner {
                Inner::Dir(dir) => {
                    // Named as lettre's file transport names them; whole or not at all (a full disk
                    // leaves nothing that looks like a mail).
                    let path = dir.join(format!("{}.eml", uuid::Uuid::new_v4()));
                    match crate::durable::write(&path, message) {
                        Ok(()) => Attempt::Sent(format!("written to {}", path.display())),
                        Err(e) => Attempt::Transient(format!("cannot write the message: {e}")),
                    }
                }
                Inner::Smtp(t, _) => match t.send_raw(&envelope, message).await {
                    Ok(r) => Attempt::Sent(
                        format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" "))
                            .trim()
                            .to_owned(),
                    ),
                    Err(e) if is_login_refused(&e) || e.is_tls() || e.is_client() => {
                        Attempt::Setup(error_chain(&e))
                    }
                    // Postfix's reject_non_fqdn_helo_hostname answers at RCPT TO (smtpd_delay_reject):
                    // the EHLO name is refused, not the message.
                    Err(e) if e.is_permanent() && error_chain(&e).to_lowercase().contains("helo") => {
                        Attempt::Setup(format!(
                            "{}; the server refuses the name this machine greets it with: set [mail.smtp] helo_name to its fully qualified name",
                            error_chain(&e)
                        ))
                    }
                    Err(e) if e.is_permanent() => Attempt::Permanent(error_chain(&e)),
                    Err(e) if e.is_transient() => Attempt::Transient(error_chain(&e)),
                    Err(e) if e.is_timeout() => Attempt::Uncertain(uncertain(&error_chain(&e))),
                    Err(e) => Attempt::Unreachable(error_chain(&e)),
                },
            }
        };
        match tokio::time::timeout(self.timeout, attempt).await {
            Ok(a) => a,
            Err(_) => {
                Attempt::Uncertain(uncertain(&format!("no answer within {} s", self.timeout.as_secs())))
            }
        }
    }
}

impl Sender {
    /// Opens a session as a send would (greeting, EHLO, STARTTLS, AUTH) and closes it, within the
    /// total time-out. A refusal there is the settings' fault, never a message's: `Setup` (a 5xx
    /// to the EHLO name, a TLS failure, a login refused), or `Unreachable` (no answer, 4xx).
    pub(crate) async fn check(&self) -> Result<(), Attempt> {
        let Inner::Smtp(t, host) = &self.inner else { return Ok(()) };
        let session = async {
            match t.test_connection().await {
                Ok(true) => Ok(()),
                Ok(false) => Err(Attempt::Unreachable(format!("{host} did not answer NOOP"))),
                Err(e) if e.is_transient() => Err(Attempt::Unreachable(error_chain(&e))),
                Err(e) if is_login_refused(&e) || e.is_tls() || e.is_client() || e.is_permanent() => {
                    Err(Attempt::Setup(format!(
                        "{host} refused the session (greeting, EHLO, STARTTLS or login): {}",
                        error_chain(&e)
                    )))
                }
                Err(e) => Err(Attempt::Unreachable(error_chain(&e))),
            }
        };
        match tokio::time::timeout(self.timeout, session).await {
            Ok(r) => r,
            Err(_) => Err(Attempt::Unreachable(format!("no answer within {} s", self.timeout.as_secs()))),
        }
    }
}

fn uncertain(what: &str) -> String {
    format!("{what}, after the server had taken the session: it may have the message")
}

/// Whether the server refused the login (RFC 4954: 530, 534, 535, 538).
fn is_login_refused(e: &lettre::transport::smtp::Error) -> bool {
    e.status().is_some_and(|c| matches!(c.to_string().as_str(), "530" | "534" | "535" | "538"))
}

/// An error on one line (lettre's own text already names its cause), a part said twice in a row
/// said once ("Connection error: Connection error"), at most 300 characters.
fn error_chain(e: &dyn std::error::Error) -> String {
    let text = e.to_string().replace(['\r', '\n'], " ");
    let mut parts: Vec<&str> = Vec::new();
    for part in text.split(": ") {
        if !parts.last().is_some_and(|last| last.trim().eq_ignore_ascii_case(part.trim())) {
            parts.push(part);
        }
    }
    crate::text::shortened(&parts.join(": "), crate::text::DETAIL_CHARS).into_owned()
}

/// The SMTP password from its source.
fn password(source: &PasswordSource) -> Result<String, SetupError> {
    match source {
        PasswordSource::Env(name) => std::env::var(name).map_err(|_| SetupError::MissingEnv(name.clone())),
        PasswordSource::File(path) => read_password_file(path),
    }
}

fn read_password_file(path: &Path) -> Result<String, SetupError> {
    let meta =
        std::fs::metadata(path).map_err(|source| SetupError::PasswordFile { path: path.into(), source })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(SetupError::PasswordFileOpen { path: path.into(), mode });
        }
    }
    let _ = meta;
    let text = std::fs::read_to_string(path)
        .map_err(|source| SetupError::PasswordFile { path: path.into(), source })?;
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

/// What one drain did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct DrainReport {
    /// Messages accepted.
    pub(crate) sent: usize,
    /// Messages to be tried again later.
    pub(crate) retrying: usize,
    /// Messages given up on in this drain.
    pub(crate) failed: usize,
    /// The settings are wrong (login, TLS); the drain stopped and the messages stay queued.
    pub(crate) setup_failed: Option<String>,
    /// The server could not be reached; the drain stopped and the rest wait for the next run.
    pub(crate) unreachable: Option<String>,
}

/// The wait before attempt number `attempts + 1`: 1 min, 2, 4, … up to 6 h.
pub(crate) fn backoff(attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.min(20));
    FIRST_BACKOFF.saturating_mul(factor).min(MAX_BACKOFF)
}

/// Tries every message due at `now()`, once each, recording each outcome as it happens.
pub(crate) async fn drain(
    store: &Store,
    sender: &Sender,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<DrainReport, StoreError> {
    drain_until(store, sender, now, &|| false).await
}

/// As [`drain`], but no new message is begun once `stop()` says so (a daemon being stopped).
pub(crate) async fn drain_until(
    store: &Store,
    sender: &Sender,
    now: impl Fn() -> DateTime<Utc>,
    stop: &dyn Fn() -> bool,
) -> Result<DrainReport, StoreError> {
    let mut report = DrainReport::default();
    let mut session_checked = false;
    for m in store.due_messages(now())? {
        if stop() {
            break;
        }
        // Claimed for longer than an attempt can take, so a second sender (a `notify` beside the
        // daemon) leaves it alone, and a sender killed mid-send leaves it to be retried after.
        let at = now();
        let lease = chrono::Duration::from_std(sender.timeout + FIRST_BACKOFF).unwrap_or_default();
        if !store.claim_message(m.id, at, at + lease)? {
            continue;
        }
        let bytes = store.message_bytes(m.id)?;
        // Once per drain, the session alone first: a server that refuses the greeting, the EHLO
        // name, STARTTLS or the login refuses the settings, and every message stays queued.
        let refused = if session_checked { None } else { sender.check().await.err() };
        let attempt = match refused {
            Some(refused) => refused,
            None => {
                session_checked = true;
                sender.send(&m.sender, &m.recipient, &bytes).await
            }
        };
        let at = now();
        if let Attempt::Setup(error) = &attempt {
            tracing::error!(error = %error, "mail cannot be sent with these settings; it stays queued");
            store.mark_retry(m.id, error, at)?;
            report.setup_failed = Some(error.clone());
            break;
        }
        // A server that does not answer would keep the next messages waiting as long.
        let unreachable = match &attempt {
            Attempt::Unreachable(e) | Attempt::Uncertain(e) => Some(e.clone()),
            _ => None,
        };
        record(store, &m, attempt, at, sender.retry_for, &mut report)?;
        if let Some(e) = unreachable {
            report.unreachable = Some(e);
            break;
        }
    }
    Ok(report)
}

fn record(
    store: &Store,
    m: &OutboxRow,
    attempt: Attempt,
    at: DateTime<Utc>,
    retry_for: Duration,
    report: &mut DrainReport,
) -> Result<(), StoreError> {
    match attempt {
        Attempt::Sent(reply) => {
            tracing::info!(key = %m.key, to = %m.recipient, reply = %reply, "mail sent");
            store.mark_sent(m.id, &reply, at)?;
            report.sent += 1;
        }
        Attempt::Setup(error) | Attempt::Permanent(error) => {
            tracing::warn!(key = %m.key, to = %m.recipient, error = %error, "mail refused for good");
            store.mark_failed(m.id, &error)?;
            report.failed += 1;
        }
        Attempt::Uncertain(error) if m.state == crate::store::MailState::Uncertain => {
            let error = format!(
                "no answer twice, so it is not sent a third time; it may have arrived: ask the recipient, and \
                 `outbox --retry-failed` sends it anyway ({error})"
            );
            tracing::warn!(key = %m.key, to = %m.recipient, error = %error, "mail given up");
            store.mark_failed(m.id, &error)?;
            report.failed += 1;
        }
        Attempt::Uncertain(error) => {
            let next = at + chrono::Duration::from_std(UNCERTAIN_WAIT).unwrap_or_default();
            tracing::warn!(key = %m.key, to = %m.recipient, error = %error, next = %stamp(next), "mail sent without an answer; one more try later");
            store.mark_uncertain(m.id, &error, next)?;
            report.retrying += 1;
        }
        Attempt::Transient(error) | Attempt::Unreachable(error) => {
            let queued = crate::store::parse_stamp(&m.created_at).unwrap_or(at);
            let next = at + chrono::Duration::from_std(backoff(m.attempts)).unwrap_or_default();
            if next - queued > chrono::Duration::from_std(retry_for).unwrap_or_default() {
                let error = format!("gave up after {} attempts: {error}", m.attempts + 1);
                tracing::warn!(key = %m.key, to = %m.recipient, error = %error, "mail given up");
                store.mark_failed(m.id, &error)?;
                report.failed += 1;
            } else {
                tracing::info!(key = %m.key, to = %m.recipient, error = %error, next = %stamp(next), "mail to be retried");
                store.mark_retry(m.id, &error, next)?;
                report.retrying += 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_says_each_part_once() {
        let e = std::io::Error::other("Connection error: Connection error: connection refused");
        assert_eq!(error_chain(&e), "Connection error: connection refused");
        let long = std::io::Error::other("x".repeat(1000));
        assert_eq!(error_chain(&long).chars().count(), 301);
    }

    #[test]
    fn backoff_doubles_up_to_six_hours() {
        assert_eq!(backoff(0), Duration::from_secs(60));
        assert_eq!(backoff(1), Duration::from_secs(120));
        assert_eq!(backoff(5), Duration::from_secs(60 * 32));
        assert_eq!(backoff(9), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }
}
