//! The mail verbs: `notify`, `preview`, `outbox`, `test-mail`. Opens the store, reads the clock, runs
//! the sender on a small tokio runtime, prints once.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{
    EXIT_CONFIG, EXIT_IO, EXIT_REFUSED, EXIT_SOFTWARE, EXIT_TEMPFAIL, EXIT_USAGE, now, open_store, runtime,
    today, warn_if_no_store,
};
use crate::cli::PreviewKind;
use crate::config::Config;
use crate::mail::compose::{self, Templates};
use crate::mail::notify;
use crate::mail::send::{self, Attempt, Sender};
use crate::notices::{Kind, Memory};
use crate::report::delivery::{Delivery, Hold, Outcome, delivery};

/// `notify`: decide, queue, send once. The outbox is drained even when deciding failed, so mail
/// already queued is not held up by a new problem.
pub fn notify(config: &Config, as_of: Option<NaiveDate>, force: bool) -> ExitCode {
    let as_of = as_of.unwrap_or_else(|| today(config));
    let mut store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let templates = Templates::new();
    let mut code = ExitCode::SUCCESS;
    match notify::queue(config, &mut store, &templates, as_of, now(), force, crate::notices::Which::ALL) {
        Ok(q) => {
            for e in &q.errors {
                eprintln!("error: not decided: {e}");
                code = ExitCode::from(EXIT_SOFTWARE);
            }
            println!(
                "Decided {} mails for {as_of}: {} new in the outbox, {} decided before.",
                q.decided,
                q.new,
                q.decided - q.new
            );
        }
        Err(notify::NotifyError::Backwards { as_of, last }) => {
            eprintln!(
                "error: mail was decided for {last} already; deciding for {as_of} would send old figures and \
                 rewind what was sent. `pledgewatch preview all --as-of {as_of}` shows that day's mails; \
                 --force decides anyway."
            );
            return ExitCode::from(EXIT_USAGE);
        }
        Err(e) => {
            eprintln!("error: no mails decided: {e}");
            code = ExitCode::from(EXIT_IO);
        }
    }
    let sender = match Sender::new(&config.mail) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot send: {e}\nThe mails stay in the outbox and go out once this is fixed.");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let drained = match runtime() {
        Ok(rt) => rt.block_on(send::drain(&store, &sender, now)),
        Err(code) => return code,
    };
    match drained {
        Ok(r) => {
            println!(
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
                eprintln!(
                    "error: mail cannot be sent with these settings: {e}\nCheck [mail.smtp] (user, password, \
                     security and port, the server's certificate); the mails stay in the outbox."
                );
                return ExitCode::from(EXIT_CONFIG);
            }
            code
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// `preview`: write the mails of `kind` as .eml files, as if none had been sent before.
pub fn preview(config: &Config, kind: PreviewKind, as_of: Option<NaiveDate>, to: Option<&Path>) -> ExitCode {
    let as_of = as_of.unwrap_or_else(|| today(config));
    // The mails as written on the as-of day (at 07:00, when the reminders go), so a past day's
    // mails say what they said then (a comment is asked for only before the report's day).
    let at = if as_of == today(config) {
        now()
    } else {
        crate::schedule::local_instant(
            config.timezone,
            as_of,
            chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default(),
        )
    };
    let dir = to.map_or_else(|| config.base_dir.join("data/preview"), Path::to_path_buf);
    warn_if_no_store(config);
    let store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
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
    let round = match notify::prepare(
        config,
        &store,
        &templates,
        &Memory::default(),
        as_of,
        at,
        crate::notices::Which::ALL,
    ) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    for e in &round.errors {
        eprintln!("error: cannot compose {e}");
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::from(EXIT_IO);
    }
    let mut messages: Vec<crate::store::Queued> = round.messages;
    if wanted(Kind::Report) {
        match report_mails(config, &store, &templates, as_of, at) {
            Ok(mut m) => messages.append(&mut m),
            Err(e) => {
                eprintln!("error: cannot make the report mail: {e}");
                return ExitCode::from(EXIT_SOFTWARE);
            }
        }
    }
    let mut written = 0;
    for m in messages.iter().filter(|m| kind_of(&m.kind).is_some_and(wanted)) {
        let file = dir.join(format!("{}.eml", m.key.replace(['/', '\\'], "_")));
        if let Err(e) = std::fs::write(&file, &m.message) {
            eprintln!("error: cannot write {}: {e}", file.display());
            return ExitCode::from(EXIT_IO);
        }
        println!("{}  to {}  {}", file.display(), m.recipient, m.subject);
        written += 1;
    }
    println!("{written} mails as of {as_of} written to {} (nothing sent).", dir.display());
    ExitCode::SUCCESS
}

/// The report mail of each period with `[period.report]` begun on `as_of`, as it would go out that day.
fn report_mails(
    config: &Config,
    store: &crate::store::Store,
    templates: &Templates,
    as_of: NaiveDate,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<crate::store::Queued>, String> {
    let mut out = Vec::new();
    for plan in &config.report.plans {
        let Some(period) = config.periods.iter().find(|p| p.id == plan.period && p.start <= as_of) else {
            continue;
        };
        let made = crate::report::publish::make(config, store, period, as_of, &crate::report::Format::ALL)
            .map_err(|e| e.to_string())?;
        // Preview writes the mail as if none had been sent before, so only the data can hold it back.
        let delivery = delivery(Outcome::Made(&made), Some(plan), as_of, false, config.mail.news_for_days);
        if delivery == Delivery::Hold(Hold::NoActivity) {
            eprintln!(
                "warning: the store holds no activity of period {}: the daemon would not mail this report",
                period.id
            );
        }
        out.push(crate::mail::report::compose(templates, config, plan, &made, at)?);
    }
    Ok(out)
}

fn kind_of(name: &str) -> Option<Kind> {
    [
        Kind::Reminder,
        Kind::Met,
        Kind::Missed,
        Kind::Digest,
        Kind::DataQuality,
        Kind::Test,
        Kind::Report,
        Kind::ReportBlocked,
    ]
    .into_iter()
    .find(|k| k.as_str() == name)
}

/// `outbox`: list the messages (after putting the failed ones back in the queue, if asked).
pub fn outbox(config: &Config, json: bool, retry_failed: bool) -> ExitCode {
    let store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if retry_failed {
        let stamp = crate::store::stamp(now());
        match store.requeue_failed(&stamp) {
            Ok(n) => eprintln!("{n} failed messages queued again; the next `notify` sends them."),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_IO);
            }
        }
    }
    let rows = match store.outbox() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    if json {
        match serde_json::to_string_pretty(&rows) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "{:6}  {:12}  {:8}  {:32}  {:20}  SUBJECT", "STATE", "KIND", "ATTEMPTS", "TO", "WHEN");
    for r in &rows {
        let when = match r.state.as_str() {
            "sent" => r.sent_at.clone().unwrap_or_default(),
            "queued" => format!("next {}", r.next_attempt_at),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{:6}  {:12}  {:>8}  {:32}  {:20}  {}",
            r.state, r.kind, r.attempts, r.recipient, when, r.subject
        );
        if let Some(e) = r.last_error.as_deref().filter(|_| r.state != "sent") {
            let _ = writeln!(out, "        last error: {e}");
        }
    }
    let count = |s: &str| rows.iter().filter(|r| r.state == s).count();
    let _ = writeln!(
        out,
        "{} messages: {} queued, {} sent, {} failed.",
        rows.len(),
        count("queued"),
        count("sent"),
        count("failed")
    );
    print!("{out}");
    ExitCode::SUCCESS
}

/// `test-mail`: one message straight through the transport; the server's answer.
pub fn test_mail(config: &Config, address: &str) -> ExitCode {
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
        match compose::compose(&templates, config, Kind::Test, &key, (address, address), &data, now.into()) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_CONFIG);
            }
        };
    let sender = match Sender::new(&config.mail) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot send: {e}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let attempt = match runtime() {
        Ok(rt) => rt.block_on(sender.send(&message.sender, &message.recipient, &message.message)),
        Err(code) => return code,
    };
    match attempt {
        Attempt::Sent(reply) => {
            println!("Sent to {address} via {}: {reply}", sender.describe());
            println!("Message-ID: <{}>", message.message_id);
            ExitCode::SUCCESS
        }
        Attempt::Transient(e) => {
            eprintln!("error: not sent via {} (temporary): {e}", sender.describe());
            ExitCode::from(EXIT_TEMPFAIL)
        }
        Attempt::Permanent(e) => {
            eprintln!("error: refused by {}: {e}", sender.describe());
            ExitCode::from(EXIT_REFUSED)
        }
        Attempt::Setup(e) => {
            eprintln!(
                "error: mail cannot be sent via {} with these settings: {e}\nCheck [mail.smtp] (user, password, \
                 security and port, the server's certificate).",
                sender.describe()
            );
            ExitCode::from(EXIT_CONFIG)
        }
        Attempt::Unreachable(e) => {
            eprintln!("error: not sent: {} cannot be reached: {e}", sender.describe());
            ExitCode::from(EXIT_TEMPFAIL)
        }
    }
}
