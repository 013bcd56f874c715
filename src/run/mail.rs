//! The mail verbs: `notify`, `preview`, `outbox`, `test-mail`. Opens the store, reads the clock, runs
//! the sender on a small tokio runtime, prints once.

use std::fmt::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::{Error, now, open_store, runtime, today, warn_if_no_store};
use crate::cli::PreviewKind;
use crate::config::Config;
use crate::mail::compose::{self, Templates};
use crate::mail::notify;
use crate::mail::send::{self, Attempt, Sender};
use crate::notices::{Kind, Memory};
use crate::report::delivery::{Delivery, Hold, Outcome, delivery};
use crate::store::MailState;

/// `notify`: decide, queue, send once. The outbox is drained even when deciding failed, so mail
/// already queued is not held up by a new problem.
pub(super) fn notify(whose: &notify::Whose<'_>, as_of: Option<NaiveDate>, force: bool) -> Result<(), Error> {
    let config = whose.shared;
    let as_of = as_of.unwrap_or_else(|| today(config));
    let mut store = open_store(config)?;
    let templates = Templates::new();
    let queued =
        notify::queue(whose, &mut store, &templates, as_of, now(), force, crate::notices::Which::ALL);
    let decided = match queued {
        Ok(q) => {
            for e in &q.errors {
                eprintln!("error: not decided: {e}");
            }
            sayln!(
                "Decided {} mails for {as_of}: {} new in the outbox, {} decided before.",
                q.decided,
                q.new,
                q.decided - q.new
            );
            if q.errors.is_empty() { Ok(()) } else { Err(Error::NotComposed(q.errors.len())) }
        }
        Err(notify::NotifyError::Backwards { as_of, last }) => return Err(Error::Backwards { as_of, last }),
        Err(notify::NotifyError::Store(e)) => Err(Error::NotDecided(e)),
    };
    let sender = Sender::new(&config.mail).map_err(Error::CannotSend)?;
    let r = runtime()?.block_on(send::drain(&store, &sender, now))?;
    sayln!(
        "Sent {} via {} ({} to retry later, {} failed). `pledgewatch outbox` lists them.",
        r.sent,
        sender.describe(),
        r.retrying,
        r.failed
    );
    if let Some(e) = r.unreachable {
        eprintln!(
            "warning: {} cannot be reached ({e}); the rest of the outbox waits for the next run",
            sender.describe()
        );
    }
    if let Some(e) = r.setup_failed {
        return Err(Error::MailSettings(e));
    }
    decided
}

/// `preview`: write the mails of `kind` as .eml files, as if none had been sent before.
pub(super) fn preview(
    whose: &notify::Whose<'_>,
    kind: PreviewKind,
    as_of: Option<NaiveDate>,
    to: Option<&Path>,
) -> Result<(), Error> {
    let config = whose.shared;
    let as_of = as_of.unwrap_or_else(|| today(config));
    // The mails as written on the as-of day (when the reminders go), so a past day's mails say
    // what they said then (a comment is asked for only before the report's day).
    let at = if as_of == today(config) { now() } else { config.reminders_at(as_of) };
    let dir = to.map_or_else(|| config.base_dir.join("data/preview"), Path::to_path_buf);
    warn_if_no_store(config);
    let store = open_store(config)?;
    let wanted = |k: Kind| match kind {
        PreviewKind::All => true,
        PreviewKind::Reminder => k == Kind::Reminder,
        PreviewKind::Met => k == Kind::Met,
        PreviewKind::Missed => k == Kind::Missed,
        PreviewKind::Digest => k == Kind::Digest,
        PreviewKind::DataQuality => k == Kind::DataQuality,
        PreviewKind::Report => k == Kind::Report,
    };
    let templates = Templates::new();
    // `preview all` shows the mails as they go (a person's reminders and outcomes in one); a kind
    // alone shows each of its mails apart.
    let prepare = if kind == PreviewKind::All { notify::prepare } else { notify::prepare_each };
    let none = |_: &str| Ok(Memory::default());
    let round = prepare(whose, &none, &store, &templates, (as_of, at), crate::notices::Which::ALL)?;
    for e in &round.errors {
        eprintln!("error: cannot compose {e}");
    }
    crate::durable::create_dir_all(&dir).map_err(|source| Error::Io {
        doing: "create",
        path: dir.clone(),
        source,
    })?;
    let mut messages: Vec<crate::store::Queued> = round.messages;
    if wanted(Kind::Report) {
        for config in &whose.configs {
            messages.append(&mut report_mails(config, &store, &templates, as_of, at)?);
        }
    }
    let mut written = 0;
    for m in messages.iter().filter(|m| wanted(m.kind)) {
        let file = dir.join(format!("{}.eml", m.key.replace(['/', '\\'], "_")));
        crate::durable::write(&file, &m.message).map_err(|source| Error::Io {
            doing: "write",
            path: file.clone(),
            source,
        })?;
        sayln!("{}  to {}  {}", file.display(), m.recipient, m.subject);
        written += 1;
    }
    sayln!("{written} mails as of {as_of} written to {} (nothing sent).", dir.display());
    Ok(())
}

/// Which sources are awaited, for a warning: `no log has been read from kommun (its folder
/// data/inbox/kommunen does not exist)`.
pub(super) fn awaited_sentence(supply: &crate::supply::Supply) -> String {
    let each: Vec<String> = supply
        .awaited
        .iter()
        .map(|a| match a.folder {
            crate::supply::Folder::Missing => format!("{} (its folder does not exist)", a.source),
            crate::supply::Folder::Unlistable => {
                format!("{} (its folder may not be listed by this user)", a.source)
            }
            crate::supply::Folder::Listed => a.source.clone(),
        })
        .collect();
    format!("no log has been read from {}", each.join(", "))
}

/// The report mail of each period with `[period.report]` begun on `as_of`, as it would go out that day.
fn report_mails(
    config: &Config,
    store: &crate::store::Store,
    templates: &Templates,
    as_of: NaiveDate,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<crate::store::Queued>, Error> {
    let mut out = Vec::new();
    for plan in &config.report.plans {
        let Some(period) = config.periods.iter().find(|p| p.id == plan.period && p.start <= as_of) else {
            continue;
        };
        let made = crate::report::publish::make(config, store, period, as_of, &crate::report::Format::ALL)
            .map_err(Error::ReportNotMade)?;
        // Preview writes the mail as if none had been sent before, so only the data can hold it back.
        let supply = crate::supply::Supply::look(config, store)?;
        let delivery = delivery(
            Outcome::Made(&made),
            Some(plan),
            as_of,
            false,
            config.mail.news_for_days,
            supply.all_delivered(),
        );
        if delivery == Delivery::Hold(Hold::NoActivity) {
            eprintln!(
                "warning: the store holds no activity of period {}: the daemon would not mail this report",
                period.id
            );
        }
        if delivery == Delivery::Hold(Hold::Awaited) {
            eprintln!("warning: {}: the daemon would hold this report", awaited_sentence(&supply));
        }
        let mail = crate::mail::report::compose(templates, config, plan, &made, at);
        out.push(mail.map_err(Error::ReportMail)?);
        // On an interim follow-up's day, its Delrapport too.
        for interim in plan.interims.iter().filter(|i| i.send_on == as_of) {
            let made = crate::report::publish::make_interim(config, store, period, interim.as_of())
                .map_err(Error::ReportNotMade)?;
            let mail = crate::mail::report::compose(templates, config, plan, &made, at);
            out.push(mail.map_err(Error::ReportMail)?);
        }
    }
    Ok(out)
}

/// `outbox`: list the messages (after putting the failed ones back in the queue, if asked).
pub(super) fn outbox(config: &Config, json: bool, retry_failed: bool) -> Result<(), Error> {
    let store = open_store(config)?;
    if retry_failed {
        let n = store.requeue_failed(now())?;
        eprintln!("{n} failed messages queued again; the next `notify` sends them.");
    }
    let rows = store.outbox()?;
    if json {
        sayln!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "{:6}  {:12}  {:8}  {:32}  {:25}  SUBJECT", "STATE", "KIND", "ATTEMPTS", "TO", "WHEN");
    // Local time with its zone, as `jobs` shows it (the JSON keeps the stored RFC 3339 UTC stamps).
    let local = |stamp: &str| {
        crate::store::parse_stamp(stamp)
            .map_or_else(|| stamp.to_owned(), |t| crate::schedule::local_label(config.timezone, t))
    };
    for r in &rows {
        let when = match r.state {
            MailState::Sent => r.sent_at.as_deref().map(local).unwrap_or_default(),
            MailState::Queued | MailState::Uncertain => format!("next {}", local(&r.next_attempt_at)),
            MailState::Failed => String::new(),
        };
        let _ = writeln!(
            out,
            "{:6}  {:12}  {:>8}  {:32}  {:25}  {}",
            r.state.as_str(),
            r.kind.as_str(),
            r.attempts,
            r.recipient,
            when,
            r.subject
        );
        if let Some(e) = r.last_error.as_deref().filter(|_| r.state != MailState::Sent) {
            let _ = writeln!(out, "        last error: {e}");
        }
    }
    let count = |s: MailState| rows.iter().filter(|r| r.state == s).count();
    let uncertain = match count(MailState::Uncertain) {
        0 => String::new(),
        n => format!(", {n} uncertain (sent without an answer)"),
    };
    let _ = writeln!(
        out,
        "{} messages: {} queued{uncertain}, {} sent, {} failed.",
        rows.len(),
        count(MailState::Queued),
        count(MailState::Sent),
        count(MailState::Failed)
    );
    say!("{out}");
    Ok(())
}

/// `test-mail`: one message straight through the transport; the server's answer.
pub(super) fn test_mail(config: &Config, address: &str) -> Result<(), Error> {
    let now = now();
    let data = serde_json::json!({
        "municipality": config.municipality,
        "police_area": config.police_area,
        "as_of": today(config),
        "sent_on": now.with_timezone(&config.timezone).format("%Y-%m-%d %H:%M").to_string(),
    });
    let key = format!("test/{}/{address}", now.to_rfc3339());
    let templates = Templates::new();
    let message =
        compose::compose(&templates, config, Kind::Test, &key, (address, address), &data, now.into())
            .map_err(Error::TestMail)?;
    let sender = Sender::new(&config.mail).map_err(Error::CannotSend)?;
    let attempt = runtime()?.block_on(sender.send(&message.sender, &message.recipient, &message.message));
    let via = sender.describe();
    match attempt {
        Attempt::Sent(reply) => {
            sayln!("Sent to {address} via {via}: {reply}");
            sayln!("Message-ID: <{}>", message.message_id);
            Ok(())
        }
        Attempt::Transient(error) => Err(Error::Temporary { via, error }),
        Attempt::Permanent(error) => Err(Error::Refused { via, error }),
        Attempt::Setup(error) => Err(Error::TestSettings { via, error }),
        Attempt::Unreachable(error) | Attempt::Uncertain(error) => Err(Error::Unreachable { via, error }),
    }
}
