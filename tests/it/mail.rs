//! Mail end to end: decisions in the store, messages through a real SMTP server (aiosmtpd on
//! 127.0.0.1), parsed back with a real MIME parser; and the faults: a server that is down, one that
//! refuses, one that never answers, a process killed before and after the send.

use std::time::{Duration, Instant};

use expect_test::expect;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::Value as Json;

use crate::smtp::{SmtpServer, free_port, received};
use crate::support::Env;

/// The sample data, with mail going to an SMTP server on 127.0.0.1:`port` (no TLS, no login, as a
/// local relay) and `timeout` seconds for a send.
pub(crate) fn smtp_env(port: u16, timeout: u32) -> Env {
    let env = Env::new();
    env.edit_config("transport = \"dir\"\n", "transport = \"smtp\"\n")
        .edit_config("send_timeout_seconds = 60", &format!("send_timeout_seconds = {timeout}"))
        .edit_config(
            "retry_for_hours = 72\n",
            &format!("retry_for_hours = 72\n[mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"),
        );
    env
}

fn outbox(env: &Env) -> Vec<Json> {
    let out = env.run(&["outbox", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str::<Vec<Json>>(&out.stdout).unwrap()
}

fn states(env: &Env) -> Vec<String> {
    let mut v: Vec<String> = outbox(env).iter().map(|m| m["state"].as_str().unwrap().to_owned()).collect();
    v.sort();
    v
}

/// Every mail of the sample data on Monday 8 July 2019: the LPO chief's one mail with the reminder for
/// medborgarkontakter and inbrott-skoter met, the digest to two chiefs and the police log keeper's
/// notice of two row errors.
const JULY_8_MAILS: usize = 4;

#[test]
fn notify_sends_each_mail_once_through_a_real_smtp_server() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(port, "accept", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(&format!("Sent {JULY_8_MAILS} via 127.0.0.1:{port}")), "{}", out.stdout);
    let messages = server.messages();
    assert_eq!(messages.len(), JULY_8_MAILS);

    let parser = MessageParser::default();
    let rows = outbox(&env);
    let mut subjects = Vec::new();
    for bytes in &messages {
        let m = parser.parse(bytes).expect("a MIME message");
        let ct = m.root_part().content_type().unwrap();
        assert_eq!((ct.ctype(), ct.subtype()), ("multipart", Some("alternative")));
        assert_eq!((m.text_body_count(), m.html_body_count()), (1, 1));
        let text = m.body_text(0).unwrap();
        let html = m.body_html(0).unwrap();
        // Ansvarig holds personal names; they never reach a mail.
        for body in [&text, &html] {
            assert!(!body.contains("Lindberg") && !body.contains("Ansvarig"), "{body}");
        }
        let from = m.from().unwrap().first().unwrap();
        assert_eq!(
            (from.name(), from.address()),
            (Some("Medborgarlöften Kalix"), Some("pledgewatch@kalix.example"))
        );
        let id = m.message_id().unwrap();
        assert!(rows.iter().any(|r| r["message_id"] == id), "Message-ID {id} is the outbox's");
        subjects.push(m.subject().unwrap().to_owned());
        // The texts themselves are checked whole in `the_mails_of_8_july_in_whole`.
        if m.subject().unwrap().contains("Påminnelse") {
            assert!(html.contains("Jonas Berg"), "the reminder says who keeps the log: {html}");
            let to = m.to().unwrap().first().unwrap();
            assert_eq!(to.name(), Some("Lena Holmgren"));
        }
        if m.subject().unwrap().contains("veckoöversikt") {
            let to = m.to().unwrap().first().unwrap().name().unwrap().to_owned();
            assert!(["Lena Holmgren", "Per Öhman"].contains(&to.as_str()), "{to}");
            assert!(html.contains("Behöver uppmärksamhet"), "{html}");
        }
    }
    subjects.sort();
    assert_eq!(
        subjects,
        [
            "Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 2 rader",
            // The LPO chief's reminder and outcome in one mail.
            "Medborgarlöften Kalix kommun: Påminnelse (1), Uppfyllt (1)",
            "Medborgarlöften Kalix kommun: veckoöversikt vecka 28, 2019",
            "Medborgarlöften Kalix kommun: veckoöversikt vecka 28, 2019",
        ]
    );
    // Deciding again is a no-op: nothing more arrives.
    let out = env.run_at("2019-07-08T08:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(out.stdout.contains("0 new in the outbox"), "{}", out.stdout);
    assert_eq!(server.messages().len(), JULY_8_MAILS);
}

#[test]
fn a_server_down_for_the_first_attempts_gets_each_mail_once_when_it_is_up() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let env = smtp_env(port, 10);
    env.sample().ingest();
    // Down: three runs, at 07:00, 07:02 and 07:06 (the backoff is 1, then 2 minutes). Each tries the
    // first message, finds nobody there, and leaves the rest for the next run.
    for now in ["2019-07-08T07:00:00+02:00", "2019-07-08T07:02:00+02:00", "2019-07-08T07:06:00+02:00"] {
        let out = env.run_at(now, &["notify", "--as-of", "2019-07-08"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.contains(&format!("Sent 0 via 127.0.0.1:{port} (1 to retry later")),
            "{}",
            out.stdout
        );
        assert!(out.stderr.contains("cannot be reached"), "{}", out.stderr);
    }
    let rows = outbox(&env);
    assert!(rows.iter().all(|r| r["state"] == "queued"), "{rows:#?}");
    let mut attempts: Vec<i64> = rows.iter().map(|r| r["attempts"].as_i64().unwrap()).collect();
    attempts.sort();
    assert_eq!(attempts, [0, 0, 0, 3]);
    let tried = rows.iter().find(|r| r["attempts"] == 3).unwrap();
    assert!(tried["last_error"].as_str().unwrap().to_lowercase().contains("connect"), "{tried:#?}");
    // Up at 07:07: the three never tried go out; the one tried thrice waits for its turn at 07:10.
    let _server = SmtpServer::start(port, "accept", maildir.path());
    env.run_at("2019-07-08T07:07:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS - 1);
    let out = env.run_at("2019-07-08T07:11:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(out.stdout.contains("Sent 1 via"), "{}", out.stdout);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    env.run_at("2019-07-09T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    assert_eq!(states(&env), vec!["sent"; JULY_8_MAILS]);
}

#[test]
fn a_permanent_refusal_is_recorded_and_never_retried() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let _server = SmtpServer::start(port, "reject", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(out.stdout.contains(&format!("0 to retry later, {JULY_8_MAILS} failed")), "{}", out.stdout);
    let rows = outbox(&env);
    assert!(rows.iter().all(|r| r["state"] == "failed" && r["attempts"] == 1), "{rows:#?}");
    assert!(rows[0]["last_error"].as_str().unwrap().contains("550"), "{rows:#?}");
    // A day later: nothing is tried again.
    env.run_at("2019-07-09T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(outbox(&env).iter().all(|r| r["attempts"] == 1));
    let listing = env.run(&["outbox"]).stdout;
    assert!(
        listing.contains("failed") && listing.contains("last error: ") && listing.contains("550"),
        "{listing}"
    );
}

#[test]
fn a_temporary_refusal_is_retried() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let busy = SmtpServer::start(port, "busy", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(
        outbox(&env)
            .iter()
            .all(|r| r["state"] == "queued" && r["last_error"].as_str().unwrap().contains("451"))
    );
    // The listing gives times as jobs does: local, with the zone (the store keeps UTC).
    let listing = env.run(&["outbox"]).stdout;
    let next = outbox(&env)[0]["next_attempt_at"].as_str().unwrap().to_owned();
    assert!(next.starts_with("2019-07-08T05:") && next.ends_with('Z'), "{next}");
    assert!(listing.contains(&format!("next 2019-07-08 07:{} CEST", &next[14..16])), "{next}\n{listing}");
    drop(busy);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    env.run_at("2019-07-08T07:05:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    let listing = env.run(&["outbox"]).stdout;
    assert!(listing.contains("sent    pledges") && listing.contains("2019-07-08 07:05 CEST"), "{listing}");
}

#[test]
fn a_server_that_never_answers_times_out_and_is_retried() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let hang = SmtpServer::start(port, "hang", maildir.path());
    let env = smtp_env(port, 1);
    env.sample().ingest();
    let started = Instant::now();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(started.elapsed() < Duration::from_secs(30), "each send gives up after its time-out");
    assert!(out.stdout.contains("(1 to retry later, 0 failed)"), "the rest waits: {}", out.stdout);
    let rows = outbox(&env);
    assert!(rows.iter().all(|r| r["state"] == "queued"), "{rows:#?}");
    let error = rows.iter().find_map(|r| r["last_error"].as_str()).unwrap();
    assert!(error.contains("no answer within 1 s") || error.to_lowercase().contains("timed out"), "{error}");
    drop(hang);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    env.run_at("2019-07-08T07:05:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
}

/// Runs `notify` in the background and kills it (SIGKILL) once `ready` holds.
fn kill_when(env: &Env, now: &str, ready: impl Fn() -> bool) {
    let mut child = env
        .command(&["notify", "--as-of", "2019-07-08"])
        .env("PLEDGEWATCH_NOW", now)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "the condition to kill at never came");
        assert!(child.try_wait().unwrap().is_none(), "notify ended before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

fn queued_count(env: &Env) -> usize {
    let Ok(db) = rusqlite::Connection::open_with_flags(
        env.path("data/pledgewatch.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    ) else {
        return 0;
    };
    db.query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get::<_, i64>(0)).unwrap_or(0) as usize
}

/// The messages claimed for an attempt: their next attempt is later than the others'.
fn claimed_count(env: &Env) -> usize {
    let Ok(db) = rusqlite::Connection::open_with_flags(
        env.path("data/pledgewatch.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    ) else {
        return 0;
    };
    db.query_row(
        "SELECT COUNT(*) FROM outbox WHERE next_attempt_at > (SELECT MIN(next_attempt_at) FROM outbox)",
        [],
        |r| r.get::<_, i64>(0),
    )
    .unwrap_or(0) as usize
}

#[test]
fn killed_between_the_decision_and_the_send_each_mail_is_delivered_once_after_restart() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    // The server holds the first connection without a word, so the process is killed while sending
    // the first message, after the decisions were committed.
    let hang = SmtpServer::start(port, "hang", maildir.path());
    let env = smtp_env(port, 60);
    env.sample().ingest();
    // Killed once the first message is claimed for its attempt (its next attempt moved on).
    kill_when(&env, "2019-07-08T07:00:00+02:00", || {
        queued_count(&env) == JULY_8_MAILS && claimed_count(&env) == 1
    });
    assert_eq!(states(&env), vec!["queued"; JULY_8_MAILS]);
    drop(hang);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    // The message being sent when the process died was claimed for one attempt (the time-out, 60 s,
    // plus a minute); the others are due at once, it after its claim runs out.
    let out = env.run_at("2019-07-08T07:01:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert!(out.stdout.contains("0 new in the outbox"), "decided once: {}", out.stdout);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS - 1);
    env.run_at("2019-07-08T07:03:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    assert_eq!(states(&env), vec!["sent"; JULY_8_MAILS]);
}

#[test]
fn killed_between_the_send_and_its_record_a_second_delivery_has_the_same_message_id() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    // The server keeps the first message and never acknowledges it; the process is killed then.
    let late = SmtpServer::start(port, "ack-late", maildir.path());
    let env = smtp_env(port, 60);
    env.sample().ingest();
    kill_when(&env, "2019-07-08T07:00:00+02:00", || received(maildir.path()).len() == 1);
    drop(late);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    env.run_at("2019-07-08T07:03:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    let messages = received(maildir.path());
    assert_eq!(messages.len(), JULY_8_MAILS + 1, "one message twice, the others once");
    let parser = MessageParser::default();
    let ids: Vec<String> =
        messages.iter().map(|b| parser.parse(b).unwrap().message_id().unwrap().to_owned()).collect();
    assert_eq!(ids[0], ids[1], "the second delivery is the same message");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), JULY_8_MAILS);
    assert_eq!(messages[0], messages[1], "byte for byte");
}

/// A server that takes a message and never confirms it got it again at every run (six times in six
/// runs, the same Message-ID). A send without an answer is `uncertain`: tried once more after six
/// hours, and failed for good if that gets no answer either. No message arrives more than twice.
#[test]
fn a_server_that_takes_a_message_and_never_confirms_it_gets_it_at_most_twice() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let _late = SmtpServer::start(port, "ack-late", maildir.path());
    let env = smtp_env(port, 1);
    env.sample().ingest();
    let notify = |at: &str| {
        let out = env.run_at(at, &["notify", "--as-of", "2019-07-08"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    let ids = || -> Vec<String> {
        let parser = MessageParser::default();
        received(maildir.path())
            .iter()
            .map(|b| parser.parse(b).unwrap().message_id().unwrap().to_owned())
            .collect()
    };
    // Each run, one message goes without an answer (and the run stops: the server does not answer).
    for hour in ["07", "08", "09", "10"] {
        notify(&format!("2019-07-08T{hour}:00:00+02:00"));
    }
    let first = ids();
    assert_eq!(first.len(), JULY_8_MAILS, "each once: {first:?}");
    assert!(first.windows(2).all(|w| w[0] != w[1]), "{first:?}");
    assert_eq!(states(&env), vec!["uncertain"; JULY_8_MAILS]);
    let listed = env.run(&["outbox"]);
    assert!(listed.stdout.contains("4 uncertain (sent without an answer)"), "{}", listed.stdout);
    // Six hours after each: it is tried once more (one a run, as the server still does not answer),
    // again without an answer: failed for good.
    for at in [
        "2019-07-08T13:01:00+02:00",
        "2019-07-08T19:00:00+02:00",
        "2019-07-09T07:00:00+02:00",
        "2019-07-09T08:00:00+02:00",
    ] {
        notify(at);
    }
    let all = ids();
    for id in &first {
        let n = all.iter().filter(|x| *x == id).count();
        assert_eq!(n, 2, "{id} arrived {n} times");
    }
    let rows = outbox(&env);
    assert!(rows.iter().all(|r| r["state"] == "failed"), "{rows:#?}");
    assert!(rows[0]["last_error"].as_str().unwrap().contains("not sent a third time"), "{:#?}", rows[0]);
    notify("2019-07-10T07:00:00+02:00");
    assert_eq!(ids().len(), 2 * JULY_8_MAILS);
}

#[test]
fn test_mail_reports_the_server_answer() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(port, "accept", maildir.path());
    let env = smtp_env(port, 10);
    let out = env.run(&["test-mail", "åsa.öhman@kalix.example"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("250 2.0.0 Ok: queued as 0001"), "{}", out.stdout);
    let m = MessageParser::default().parse(&server.messages()[0]).unwrap().subject().unwrap().to_owned();
    assert_eq!(m, "Testmeddelande från pledgewatch – Kalix kommun");
    drop(server);
    let rejecting = SmtpServer::start(port, "reject", maildir.path());
    let out = env.run(&["test-mail", "a@kalix.example"]);
    assert_eq!(out.code, 69, "{}", out.stderr);
    assert!(out.stderr.contains("550"), "{}", out.stderr);
    drop(rejecting);
    let out = env.run(&["test-mail", "a@kalix.example"]);
    assert_eq!(out.code, 75, "nobody listens: {}", out.stderr);
}

/// The sample data with `notify` run every morning of 2019 (mail as .eml files, the shipped
/// transport): each reminder once per lapse, each outcome once, one digest per ISO week.
#[test]
fn two_senders_at_once_send_each_mail_once() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(port, "accept", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    // Decided (and queued) by a first run while the server refused everything for now...
    drop(server);
    env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    // ...then two senders drain the same outbox at the same moment.
    let spawn = || {
        env.command(&["notify", "--as-of", "2019-07-08"])
            .env("PLEDGEWATCH_NOW", "2019-07-08T07:05:00+02:00")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS, "each mail once");
}

#[test]
fn a_year_day_by_day_sends_each_mail_once() {
    let env = Env::new();
    env.sample().ingest();
    let mut day = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    while day.to_string().starts_with("2019") {
        let out = env.run_at(&format!("{day}T07:00:00+01:00"), &["notify", "--as-of", &day.to_string()]);
        assert_eq!(out.code, 0, "{day}: {}", out.stderr);
        day = day.succ_opt().unwrap();
    }
    let mut rows = outbox(&env);
    rows.sort_by_key(|r| r["id"].as_i64());
    // A data-quality key ends in a hash of the problems it tells: shown here as "…".
    let mails: Vec<String> = rows
        .iter()
        .filter(|r| r["kind"] != "digest")
        .map(|r| {
            let key = r["key"].as_str().unwrap();
            let key = match key.split('/').collect::<Vec<_>>().as_slice() {
                ["data_quality", source, _, to] => format!("data_quality/{source}/…/{to}"),
                _ => key.to_owned(),
            };
            format!("{} {key}", &r["created_at"].as_str().unwrap()[..10])
        })
        .collect();
    assert_eq!(
        mails,
        [
            // The two unreadable rows of the police log, told to its keeper on the first run.
            "2019-01-01 data_quality/polisen/…/kommunpolis",
            // No contact logged by 4 January: 1.7 expected, more than half a week's 3 short.
            "2019-01-04 reminder/medborgarkontakter/2019/lapse-1/lpo-chef",
            "2019-02-15 reminder/trafiksakerhet/2019/lapse-1/lpo-chef",
            "2019-02-26 met/inbrott-skoter/2019/outcome/lpo-chef",
            "2019-04-02 pledges/2019-04-02/676b2cbe267b1f79/lpo-chef",
            "2019-04-02 reminder/trygghetsvandringar/2019/lapse-1/trygghetssamordnare",
            // July half gone without communication; July over: missed for the year.
            "2019-07-16 reminder/kommunikation/2019/lapse-1/lpo-chef",
            "2019-07-16 reminder/kommunikation/2019/lapse-1/trygghetssamordnare",
            "2019-08-01 missed/kommunikation/2019/outcome/lpo-chef",
            "2019-08-01 missed/kommunikation/2019/outcome/trygghetssamordnare",
            "2019-08-16 reminder/grannsamverkan/2019/lapse-1/lpo-chef",
            "2019-08-16 reminder/grannsamverkan/2019/lapse-1/trygghetssamordnare",
            "2019-08-29 met/trafiksakerhet/2019/outcome/lpo-chef",
            "2019-09-20 met/narkotika/2019/outcome/lpo-chef",
            "2019-09-20 met/narkotika/2019/outcome/trygghetssamordnare",
            "2019-09-26 met/trygghetsvandringar/2019/outcome/lpo-chef",
            "2019-09-26 met/trygghetsvandringar/2019/outcome/trygghetssamordnare",
            // One search in the spring put it back at pace; by 1 October (1.5 expected) it lapsed again.
            "2019-10-01 reminder/hundsok-skola/2019/lapse-2/lpo-chef",
            "2019-10-03 met/grannsamverkan/2019/outcome/lpo-chef",
            "2019-10-03 met/grannsamverkan/2019/outcome/trygghetssamordnare",
            "2019-12-06 met/medborgarkontakter/2019/outcome/lpo-chef",
        ]
    );
    // 2019 touches 53 ISO weeks (2019-W01 to 2019-W52, and 30–31 December in 2020-W01): one digest
    // each to the LPO-chef and the kommunalråd.
    let digests: Vec<&str> =
        rows.iter().filter(|r| r["kind"] == "digest").map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(digests.len(), 2 * 53);
    assert_eq!(digests[0], "digest/2019-W01/lpo-chef");
    assert_eq!(digests.last().unwrap(), &"digest/2020-W01/kommunalrad");
    assert!(rows.iter().all(|r| r["state"] == "sent"));
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), rows.len(), "one .eml file each");
    // A missed pledge is told when it can no longer be met (July's gap on 1 August; a pledge short on
    // the period's last day is not told on it, when the day is still there to do it in, but after
    // it, with the follow-up's verdict), with where to write the comment the follow-up will print.
    let files = outbox_files(&env);
    let missed =
        |subject: &str| files.iter().find(|(s, _, _)| s == subject).unwrap_or_else(|| panic!("{subject}"));
    let (_, july, html) = missed("Kan inte längre uppfyllas: Gemensam kommunikation (2019)");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Kan inte längre uppfyllas: Gemensam kommunikation (2019)

        Hej Lena!

        Löftet "Gemensam kommunikation" för 2019 kan inte längre uppfyllas (per 2019-08-01): 6 av 12.

        Vad vi lovade:
        Kalix kommun och polisen ska tillsammans stärka kommunikationen och informationen i det förebyggande arbetet. Kan t ex vara i återkommande veckobrev och i sociala medier.

        Mål: löpande, minst 1 varje månad
        Läget: saknas: juli 2019; 6 av 12 månader täckta

        Den årliga uppföljningen ska förklara avvikelsen. Skicka en kommentar om varför till Jonas Berg (kommunpolis) eller Sara Nilsson (trygghetssamordnare, Kalix kommun), som för in den, så kommer den med i uppföljningen som skickas den 3 februari 2020.
        Utan kommentar står det "Kommentar saknas." under löftet.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(july);
    // The chief is asked to send it to the log keeper; who keeps the logs reads where it is written.
    assert!(
        html.contains("Skicka en kommentar om varför till Jonas Berg (kommunpolis) eller Sara Nilsson (trygghetssamordnare, Kalix kommun), som för in den"),
        "{html}"
    );
    assert!(!html.contains("kommentarer.toml"), "no server path to the chief: {html}");
    let keeper = files
        .iter()
        .find(|(s, t, _)| {
            s == "Kan inte längre uppfyllas: Gemensam kommunikation (2019)" && t.contains("To: Sara Nilsson")
        })
        .map(|f| (f.1.clone(), f.2.clone()))
        .expect("the coordinator's mail of the missed pledge");
    assert!(
        keeper.0.contains(
            "Kommentaren skrivs i kommentarsfilen <install>/data/kommentarer.toml, under rubriken [2019]"
        ) && keeper.1.contains("kommunikation = \"Din kommentar.\"</pre>"),
        "{}",
        keeper.0
    );
}

#[test]
fn the_outcomes_of_a_period_that_ended_are_mailed_when_the_next_period_has_begun() {
    let env = Env::new();
    env.sample().saved_at("2020-01-03T16:00:00+01:00").ingest();
    env.edit_config(
        "[[period]]\nid = \"2019\"\n",
        "[[period]]\nid = \"2020\"\nstart = 2020-01-01\nend = 2020-12-31\n\n[[period]]\nid = \"2019\"\n",
    );
    let out = env.run_at("2020-01-07T07:00:00+01:00", &["notify", "--as-of", "2020-01-07"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // 2020 is the pledges' current period now, but 2019's outcomes are still news: each with 2019's
    // figures, not 2020's.
    let text = outbox_mail(&env, "Delvis uppfyllt: Sök med hund i skolmiljö (2019)");
    assert!(text.contains("för 2019 nådde inte sitt mål när perioden tog slut: 1 av 2"), "{text}");
    assert!(text.contains("Löftet \"Medborgarkontakter\" för 2019 uppfylldes: 172 av 156"), "{text}");
    // Once: the next pass decides nothing new about 2019.
    let before = outbox_files(&env).len();
    let again = env.run_at("2020-01-08T07:00:00+01:00", &["notify", "--as-of", "2020-01-08"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let subjects: Vec<String> = outbox_files(&env).into_iter().map(|f| f.0).collect();
    assert_eq!(subjects.len(), before, "{subjects:?}");
}

#[test]
fn a_pledge_missed_told_after_its_period_has_the_verdict_of_the_follow_up() {
    let env = Env::new();
    env.sample().saved_at("2020-01-03T16:00:00+01:00").ingest();
    // A first run in January (a new install, or a daemon down over new year).
    let out = env.run_at("2020-01-07T07:00:00+01:00", &["notify", "--as-of", "2020-01-07"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = outbox_files(&env);
    // The LPO chief's outcomes of the pass in one mail; its part about hundsök has the verdict of the
    // follow-up, and asks for a comment.
    let (_, text, _) = files
        .iter()
        .find(|(s, t, _)| {
            s.starts_with("Medborgarlöften Kalix kommun: Uppfyllt") && t.contains("To: Lena Holmgren")
        })
        .unwrap_or_else(|| panic!("{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>()));
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: Uppfyllt (6), Delvis uppfyllt (2)

        Hej Lena!

        Här är 8 besked om medborgarlöftena per 2020-01-07, samlade i ett brev:
        - Uppfyllt: Medborgarkontakter (2019)
        - Uppfyllt: Trafiksäkerhetsinsatser (2019)
        - Uppfyllt: Riktade insatser mot narkotikamissbruk (2019)
        - Delvis uppfyllt: Sök med hund i skolmiljö (2019)
        - Uppfyllt: Grannsamverkan (2019)
        - Uppfyllt: Trygghetsvandringar (2019)
        - Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019)
        - Delvis uppfyllt: Gemensam kommunikation (2019)

        ==== Uppfyllt: Medborgarkontakter (2019) ====

        Löftet "Medborgarkontakter" för 2019 uppfylldes: 172 av 156.

        Vad vi lovade:
        Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser under de tider som många människor rör sig ute på samhället.

        Mål: minst 3 i snitt per vecka (156 under perioden)
        Läget: snitt 3,3 per vecka; 2 rader med fel

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Uppfyllt: Trafiksäkerhetsinsatser (2019) ====

        Löftet "Trafiksäkerhetsinsatser" för 2019 uppfylldes: 5 av 4.

        Vad vi lovade:
        Genomföra minst fyra trafiksäkerhetsinsatser på särskilt utvalda ställen och tidpunkter i kommunen. En inriktning där är A-traktorerna.

        Mål: minst 4 under perioden
        Läget: A-traktor: 2

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Uppfyllt: Riktade insatser mot narkotikamissbruk (2019) ====

        Löftet "Riktade insatser mot narkotikamissbruk" för 2019 uppfylldes: 3 av 2.

        Vad vi lovade:
        Genomföra minst två riktade insatser i kommunen under året för att förebygga och minska narkotikamissbruk bland ungdomar såväl som vuxna. Detta i samverkan med socialtjänst och/eller samverkanspartner från kommunen eller externt.

        Mål: minst 2 under perioden

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Delvis uppfyllt: Sök med hund i skolmiljö (2019) ====

        Löftet "Sök med hund i skolmiljö" för 2019 nådde inte sitt mål när perioden tog slut: 1 av 2. Bedömning: Delvis uppfyllt.

        Vad vi lovade:
        Genomföra sök med hund i skolmiljö vid minst två tillfällen under året.

        Mål: minst 2 under perioden
        Läget: 1 av 2 när perioden tog slut

        Den årliga uppföljningen ska förklara avvikelsen. Skicka en kommentar om varför till Jonas Berg (kommunpolis), som för in den, så kommer den med i uppföljningen som skickas den 3 februari 2020.
        Utan kommentar står det "Kommentar saknas." under löftet.

        ==== Uppfyllt: Grannsamverkan (2019) ====

        Löftet "Grannsamverkan" för 2019 uppfylldes: 4 av 4.

        Vad vi lovade:
        Löpande arbeta med grannsamverkan i kommunen och bistå med material, information och vidareutbildning.

        Mål: löpande, minst 1 varje kvartal
        Läget: 4 av 4 kvartal täckta

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Uppfyllt: Trygghetsvandringar (2019) ====

        Löftet "Trygghetsvandringar" för 2019 uppfylldes: 2 av 2.

        Vad vi lovade:
        Tillsammans med kommunen planlägga vilka brottsförebyggande åtgärder som kan vidtas för att förhindra att brott sker på särskilda platser i kommunen genom att arbeta fram var aktuell brottslighet kan komma att ske. Detta genom att genomföra minst två trygghetsvandringar tillsammans med kommunen och representanter från grannsamverkan.

        Mål: minst 2 under perioden
        Läget: 1 rad räknas inte

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019) ====

        Löftet "Insatser mot bostadsinbrott och skoterstölder" för 2019 uppfylldes: 3 av 2.

        Vad vi lovade:
        Under året utföra minst två insatser mot bostadsinbrott och/eller skoterstölder.

        Mål: minst 2 under perioden

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

        ==== Delvis uppfyllt: Gemensam kommunikation (2019) ====

        Löftet "Gemensam kommunikation" för 2019 nådde inte sitt mål när perioden tog slut: 11 av 12. Bedömning: Delvis uppfyllt.

        Vad vi lovade:
        Kalix kommun och polisen ska tillsammans stärka kommunikationen och informationen i det förebyggande arbetet. Kan t ex vara i återkommande veckobrev och i sociala medier.

        Mål: löpande, minst 1 varje månad
        Läget: saknas: juli 2019; 11 av 12 månader täckta

        Den årliga uppföljningen ska förklara avvikelsen. Skicka en kommentar om varför till Jonas Berg (kommunpolis) eller Sara Nilsson (trygghetssamordnare, Kalix kommun), som för in den, så kommer den med i uppföljningen som skickas den 3 februari 2020.
        Utan kommentar står det "Kommentar saknas." under löftet.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(text);
    // A pledge the coordinators have commented on is not asked about; once the follow-up is due,
    // nothing is asked (it goes out that day).
    env.write("data/kommentarer.toml", "[2019]\nhundsok-skola = \"Hunden var sjuk.\"\n".as_bytes());
    let preview = |now: &str, as_of: &str| {
        let out = env.run_at(now, &["preview", "missed", "--as-of", as_of, "--to", "preview"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let path = env.path("preview/missed_hundsok-skola_2019_outcome_lpo-chef.eml");
        let m = std::fs::read(path).unwrap();
        env.mail_text(&m)
    };
    let commented = preview("2020-01-07T07:00:00+01:00", "2020-01-07");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Delvis uppfyllt: Sök med hund i skolmiljö (2019)

        Hej Lena!

        Löftet "Sök med hund i skolmiljö" för 2019 nådde inte sitt mål när perioden tog slut: 1 av 2. Bedömning: Delvis uppfyllt.

        Vad vi lovade:
        Genomföra sök med hund i skolmiljö vid minst två tillfällen under året.

        Mål: minst 2 under perioden
        Läget: 1 av 2 när perioden tog slut

        Kommentaren om avvikelsen finns redan i kommentarsfilen och kommer med i uppföljningen, som skickas den 3 februari 2020.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&commented);
    env.write("data/kommentarer.toml", b"");
    let late = preview("2020-02-03T07:00:00+01:00", "2020-02-03");
    assert!(!late.contains("kommentar"), "{late}");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Delvis uppfyllt: Sök med hund i skolmiljö (2019)

        Hej Lena!

        Löftet "Sök med hund i skolmiljö" för 2019 nådde inte sitt mål när perioden tog slut: 1 av 2. Bedömning: Delvis uppfyllt.

        Vad vi lovade:
        Genomföra sök med hund i skolmiljö vid minst två tillfällen under året.

        Mål: minst 2 under perioden
        Läget: 1 av 2 när perioden tog slut

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&late);
    let (_, digest, _) = files.iter().find(|(s, _, _)| s.contains("vecka 2, 2020")).unwrap();
    assert!(!digest.contains("BEHÖVER UPPMÄRKSAMHET"), "a period that is over needs no attention: {digest}");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: veckoöversikt vecka 2, 2020

        Hej Lena!

        Så här står medborgarlöftena per 2020-01-07 (vecka 2, 2020).

        ALLA LÖFTEN
        - Medborgarkontakter (2019): 172 av 156, Uppfyllt
        - Trafiksäkerhetsinsatser (2019): 5 av 4, Uppfyllt
        - Riktade insatser mot narkotikamissbruk (2019): 3 av 2, Uppfyllt
        - Tidiga insatser mot ANDTS (2019): 5 aktiviteter, Genomfört
        - Sök med hund i skolmiljö (2019): 1 av 2, Delvis uppfyllt
        - Grannsamverkan (2019): 4 av 4, Uppfyllt
        - Trygghetsvandringar (2019): 2 av 2, Uppfyllt
        - Insatser mot bostadsinbrott och skoterstölder (2019): 3 av 2, Uppfyllt
        - Gemensam kommunikation (2019): 11 av 12, Delvis uppfyllt

        LOGGARNA
        - aktivitetsloggen från Lokalpolisområde Östra Norrbotten: senast ändrad 2020-01-03, senaste aktivitet 2019-12-21
        - aktivitetsloggen från Kalix kommun: senast ändrad 2020-01-03, senaste aktivitet 2019-12-12

        DATAKVALITET
        2 rader kunde inte läsas.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(digest);
    let (_, met, _) =
        files.iter().find(|(_, t, _)| t.contains("==== Uppfyllt: Medborgarkontakter (2019) ====")).unwrap();
    assert!(!met.contains("fortsätter"), "a period that is over is not counted further: {met}");
    // Its part alone (the whole mail is the snapshot above).
    let part =
        met.split("==== ").find(|p| p.starts_with("Uppfyllt: Medborgarkontakter (2019) ====")).unwrap();
    expect![[r#"
        Uppfyllt: Medborgarkontakter (2019) ====

        Löftet "Medborgarkontakter" för 2019 uppfylldes: 172 av 156.

        Vad vi lovade:
        Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser under de tider som många människor rör sig ute på samhället.

        Mål: minst 3 i snitt per vecka (156 under perioden)
        Läget: snitt 3,3 per vecka; 2 rader med fel

        Tack till alla som bidragit. Resultatet redovisas i den årliga uppföljningen.

    "#]].assert_eq(part);
}

/// The mails in `data/outbox/` (the `dir` transport), parsed: (subject, the mail as
/// [`Env::mail_text`] shows it, HTML part), in that order (so by subject, then recipient), whatever
/// order the folder lists them in.
fn outbox_files(env: &Env) -> Vec<(String, String, String)> {
    let parser = MessageParser::default();
    let mut out = Vec::new();
    for e in std::fs::read_dir(env.path("data/outbox")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let m = parser.parse(&bytes).unwrap();
        out.push((
            m.subject().unwrap().to_owned(),
            env.mail_text(&bytes),
            m.body_html(0).unwrap().into_owned(),
        ));
    }
    out.sort();
    out
}

/// The mail in `data/outbox/` whose subject is `subject`, or that carries a part under that subject
/// (a person's reminders and outcomes merged into one mail), as [`Env::mail_text`] shows it.
fn outbox_mail(env: &Env, subject: &str) -> String {
    let files = outbox_files(env);
    let part = format!("==== {subject} ====");
    let found: Vec<&(String, String, String)> =
        files.iter().filter(|(s, t, _)| s == subject || t.contains(&part)).collect();
    match found.as_slice() {
        [(_, text, _)] => text.clone(),
        _ => panic!(
            "{} mails {subject:?} in {:?}",
            found.len(),
            files.iter().map(|f| &f.0).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn the_plain_text_is_flowed_in_lines_of_at_most_72_characters() {
    let env = Env::new();
    env.sample().saved_at("2019-07-05T16:00:00+02:00").ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut soft_breaks = 0;
    for e in std::fs::read_dir(env.path("data/outbox")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let m = MessageParser::default().parse(&bytes).unwrap();
        let part = m.text_part(0).unwrap();
        let kind = part.content_type().unwrap();
        assert_eq!((kind.c_type.as_ref(), kind.attribute("format")), ("text", Some("flowed")));
        let text = m.body_text(0).unwrap();
        for line in text.lines() {
            // One space more where a line is stuffed; a single word longer than a line stays whole.
            let words = line.split(' ').filter(|w| !w.is_empty()).count();
            assert!(line.chars().count() <= 73 || words == 1, "{line:?}");
            soft_breaks += usize::from(line.ends_with(' '));
        }
    }
    assert!(soft_breaks > 10, "long lines are broken: {soft_breaks} soft breaks");
}

/// Every kind of mail of 8 July 2019 on the sample data (logs last saved on Friday 5 July), whole:
/// a wording change is one reviewed diff here. `UPDATE_EXPECT=1 cargo test --test it mail` rewrites
/// the snapshots after a deliberate change.
#[test]
fn the_mails_of_8_july_in_whole() {
    let env = Env::new();
    env.sample().saved_at("2019-07-05T16:00:00+02:00").ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(outbox_files(&env).len(), JULY_8_MAILS);
    let reminder = outbox_mail(&env, "Påminnelse: Medborgarkontakter ligger efter (54 av 156)");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: Påminnelse (1), Uppfyllt (1)

        Hej Lena!

        Här är 2 besked om medborgarlöftena per 2019-07-08, samlade i ett brev:
        - Påminnelse: Medborgarkontakter ligger efter (54 av 156)
        - Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019)

        ==== Påminnelse: Medborgarkontakter ligger efter (54 av 156) ====

        Löftet "Medborgarkontakter" (2019) ligger efter sin takt per 2019-07-08.

        Vad vi lovade:
        Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser under de tider som många människor rör sig ute på samhället.

        Mål: minst 3 i snitt per vecka (156 under perioden)
        Hittills: 54 av 156 (förväntat 80,8 vid det här laget)
        För att hinna ikapp: behöver 102 till på 26 veckor (senast 2019-12-31); inte nåbart i bästa takten hittills (3,50 per vecka)
        Dessutom: snitt 2,0 per vecka; 1 rad med fel

        Loggen förs av:
        - Jonas Berg, kommunpolis <jonas.berg@polisen.example> – aktivitetsloggen från Lokalpolisområde Östra Norrbotten

        Du får ingen ny påminnelse om löftet förrän det har kommit i fas och sedan hamnat efter igen.

        ==== Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019) ====

        Löftet "Insatser mot bostadsinbrott och skoterstölder" för 2019 är uppfyllt per 2019-07-08: 3 av 2.

        Vad vi lovade:
        Under året utföra minst två insatser mot bostadsinbrott och/eller skoterstölder.

        Mål: minst 2 under perioden

        Tack till alla som bidragit. Aktiviteterna fortsätter att räknas och redovisas i den årliga uppföljningen.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&reminder);
    // Met before the end of its period: it goes on being counted.
    let met = outbox_mail(&env, "Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019)");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: Påminnelse (1), Uppfyllt (1)

        Hej Lena!

        Här är 2 besked om medborgarlöftena per 2019-07-08, samlade i ett brev:
        - Påminnelse: Medborgarkontakter ligger efter (54 av 156)
        - Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019)

        ==== Påminnelse: Medborgarkontakter ligger efter (54 av 156) ====

        Löftet "Medborgarkontakter" (2019) ligger efter sin takt per 2019-07-08.

        Vad vi lovade:
        Genomföra minst tre medborgarkontakter i snitt per vecka på utvalda platser under de tider som många människor rör sig ute på samhället.

        Mål: minst 3 i snitt per vecka (156 under perioden)
        Hittills: 54 av 156 (förväntat 80,8 vid det här laget)
        För att hinna ikapp: behöver 102 till på 26 veckor (senast 2019-12-31); inte nåbart i bästa takten hittills (3,50 per vecka)
        Dessutom: snitt 2,0 per vecka; 1 rad med fel

        Loggen förs av:
        - Jonas Berg, kommunpolis <jonas.berg@polisen.example> – aktivitetsloggen från Lokalpolisområde Östra Norrbotten

        Du får ingen ny påminnelse om löftet förrän det har kommit i fas och sedan hamnat efter igen.

        ==== Uppfyllt: Insatser mot bostadsinbrott och skoterstölder (2019) ====

        Löftet "Insatser mot bostadsinbrott och skoterstölder" för 2019 är uppfyllt per 2019-07-08: 3 av 2.

        Vad vi lovade:
        Under året utföra minst två insatser mot bostadsinbrott och/eller skoterstölder.

        Mål: minst 2 under perioden

        Tack till alla som bidragit. Aktiviteterna fortsätter att räknas och redovisas i den årliga uppföljningen.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&met);
    let quality =
        outbox_mail(&env, "Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 2 rader");
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Jonas Berg <jonas.berg@polisen.example>
        Subject: Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 2 rader

        Hej Jonas!

        pledgewatch kunde inte läsa följande i aktivitetsloggen från Lokalpolisområde Östra Norrbotten. Rätta gärna i filen och spara den på samma plats; nästa inläsning tar med raderna.

        - polisen-aktivitetslogg-2019.xlsx, bladet "Logg 2019", rad 15:
          Datumet "31/2" kunde inte läsas. Skriv datumet i formen ÅÅÅÅ-MM-DD (t.ex. 2019-03-05) eller formatera cellen som datum.
        - polisen-aktivitetslogg-2019.xlsx, bladet "Logg 2019", rad 51:
          Okänd aktivitet "Medborgarkontakr". Menade du Medborgarkontakt?

        Varje fel meddelas en gång. Rader som inte kan läsas räknas inte mot löftena.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&quality);
    // One digest to each chief, the same but for the greeting.
    let digests: Vec<String> = outbox_files(&env)
        .into_iter()
        .filter(|(s, _, _)| s == "Medborgarlöften Kalix kommun: veckoöversikt vecka 28, 2019")
        .map(|(_, text, _)| text)
        .collect();
    let [lena, per] = digests.as_slice() else { panic!("{digests:?}") };
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: veckoöversikt vecka 28, 2019

        Hej Lena!

        Så här står medborgarlöftena per 2019-07-08 (vecka 28, 2019).

        BEHÖVER UPPMÄRKSAMHET
        - Medborgarkontakter: Efter, 54 av 156 – behöver 102 till på 26 veckor (senast 2019-12-31); inte nåbart i bästa takten hittills (3,50 per vecka); snitt 2,0 per vecka; 1 rad med fel

        ALLA LÖFTEN
        - Medborgarkontakter (2019): 54 av 156, förväntat 80,8, Efter
        - Trafiksäkerhetsinsatser (2019): 3 av 4, förväntat 2,1, I fas
        - Riktade insatser mot narkotikamissbruk (2019): 1 av 2, förväntat 1,0, I fas
        - Tidiga insatser mot ANDTS (2019): 3 aktiviteter, Kvalitativt
        - Sök med hund i skolmiljö (2019): 1 av 2, förväntat 1,0, I fas
        - Grannsamverkan (2019): 2 av 4, förväntat 2,0, I fas
        - Trygghetsvandringar (2019): 1 av 2, förväntat 1,0, I fas
        - Insatser mot bostadsinbrott och skoterstölder (2019): 3 av 2, Uppfyllt
        - Gemensam kommunikation (2019): 6 av 12, förväntat 6,0, I fas

        LOGGARNA
        - aktivitetsloggen från Lokalpolisområde Östra Norrbotten: senast ändrad 2019-07-05, senaste aktivitet 2019-07-03
        - aktivitetsloggen från Kalix kommun: senast ändrad 2019-07-05, senaste aktivitet 2019-06-13

        DATAKVALITET
        2 rader kunde inte läsas.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(lena);
    assert_eq!(
        *per,
        lena.replace("Lena Holmgren <lena.holmgren@polisen.example>", "Per Öhman <per.ohman@kalix.example>")
            .replace("Hej Lena!", "Hej Per!")
    );
}

#[test]
fn the_digest_shows_the_trend_and_a_log_that_has_not_changed() {
    let env = Env::new();
    // The police log was saved on Friday 11 October; the municipality's last on 1 September, six
    // weeks and a day before the digest of Monday 14 October.
    env.sample()
        .saved_at("2019-10-11T16:00:00+02:00")
        .file_saved_at("data/inbox/kommun/kommunen-aktivitetslogg-2019.ods", "2019-09-01T16:00:00+02:00")
        .ingest();
    env.run_at("2019-10-07T07:00:00+02:00", &["notify", "--as-of", "2019-10-07"]);
    env.run_at("2019-10-14T07:00:00+02:00", &["notify", "--as-of", "2019-10-14"]);
    let files = outbox_files(&env);
    let digest = |week: &str| {
        files
            .iter()
            .find(|(s, _, _)| s.ends_with(&format!("vecka {week}, 2019")))
            .unwrap_or_else(|| panic!("no digest for week {week}"))
            .clone()
    };
    let (_, text, html) = digest("42");
    // Between 7 and 14 October: 4 more citizen contacts were logged (100 → 104); the municipality's
    // log has not been updated for 6 weeks.
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Lena Holmgren <lena.holmgren@polisen.example>
        Subject: Medborgarlöften Kalix kommun: veckoöversikt vecka 42, 2019

        Hej Lena!

        Så här står medborgarlöftena per 2019-10-14 (vecka 42, 2019).

        BEHÖVER UPPMÄRKSAMHET
        - Medborgarkontakter: Efter, 104 av 156 – behöver 52 till på 12 veckor (senast 2019-12-31); nåbart i bästa takten hittills (6,00 per vecka); snitt 2,5 per vecka; 2 rader med fel
        - Sök med hund i skolmiljö: Efter, 1 av 2 – behöver 1 till på 12 veckor (senast 2019-12-31); nåbart i bästa takten hittills (0,25 per vecka)
        - Gemensam kommunikation: Kan inte längre uppfyllas, 8 av 12 – saknas: juli 2019; 8 av 12 månader täckta

        ALLA LÖFTEN
        - Medborgarkontakter (2019): 104 av 156, förväntat 122,7, Efter, +4 sedan förra översikten
        - Trafiksäkerhetsinsatser (2019): 4 av 4, Uppfyllt, ±0 sedan förra översikten
        - Riktade insatser mot narkotikamissbruk (2019): 2 av 2, Uppfyllt, ±0 sedan förra översikten
        - Tidiga insatser mot ANDTS (2019): 4 aktiviteter, Kvalitativt, ±0 sedan förra översikten
        - Sök med hund i skolmiljö (2019): 1 av 2, förväntat 1,6, Efter, ±0 sedan förra översikten
        - Grannsamverkan (2019): 4 av 4, Uppfyllt, ±0 sedan förra översikten
        - Trygghetsvandringar (2019): 2 av 2, Uppfyllt, ±0 sedan förra översikten
        - Insatser mot bostadsinbrott och skoterstölder (2019): 3 av 2, Uppfyllt, ±0 sedan förra översikten
        - Gemensam kommunikation (2019): 8 av 12, förväntat 9,0, Kan inte längre uppfyllas, ±0 sedan förra översikten

        LOGGARNA
        - aktivitetsloggen från Lokalpolisområde Östra Norrbotten: senast ändrad 2019-10-11, senaste aktivitet 2019-10-11
        - aktivitetsloggen från Kalix kommun: senast ändrad 2019-09-01, senaste aktivitet 2019-09-19 – har inte uppdaterats på 6 veckor

        DATAKVALITET
        2 rader kunde inte läsas.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(&text);
    assert!(html.contains("Behöver uppmärksamhet"));
    let (_, first, _) = digest("41");
    assert!(
        !first.contains("sedan förra översikten"),
        "the first digest has nothing to compare with: {first}"
    );
}

#[test]
fn after_its_period_a_log_that_no_longer_changes_is_not_called_late() {
    let env = Env::new();
    // The logs were last saved before Christmas; the digest of 27 January 2020 is five weeks on, the
    // period over and its follow-up still to go.
    env.sample().saved_at("2019-12-20T16:00:00+01:00").ingest();
    let out = env.run_at("2020-01-27T07:00:00+01:00", &["notify", "--as-of", "2020-01-27"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = outbox_files(&env);
    let (_, text, html) =
        files.iter().find(|(s, _, _)| s.ends_with("vecka 5, 2020")).expect("the digest of week 5").clone();
    assert!(text.contains("senast ändrad 2019-12-20"), "{text}");
    assert!(!text.contains("har inte uppdaterats") && !html.contains("har inte uppdaterats"), "{text}");
}

#[test]
fn preview_writes_without_sending_or_remembering() {
    let env = Env::new();
    env.sample().ingest();
    let out = env.run(&["preview", "reminder", "--as-of", "2019-10-14", "--to", "granska"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written: Vec<String> = std::fs::read_dir(env.path("granska"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut written = written;
    written.sort();
    assert_eq!(
        written,
        [
            "reminder_hundsok-skola_2019_lapse-1_lpo-chef.eml",
            "reminder_medborgarkontakter_2019_lapse-1_lpo-chef.eml"
        ]
    );
    assert!(out.stdout.contains("2 mails as of 2019-10-14 written"), "{}", out.stdout);
    assert!(outbox(&env).is_empty(), "nothing queued");
    assert!(!env.path("data/outbox").exists(), "nothing sent");
    // And the real run still decides them.
    let out = env.run(&["notify", "--as-of", "2019-10-14"]);
    // (13 reminders and outcomes in one mail per person)
    assert!(out.stdout.contains("5 new in the outbox"), "{}", out.stdout);
}

/// The sample data with mail to `localhost:port` over STARTTLS, logging in as `pledgewatch` with
/// the password from `password`.
fn starttls_env(port: u16, password: &str) -> Env {
    let env = Env::new();
    env.edit_config("transport = \"dir\"\n", "transport = \"smtp\"\n").edit_config(
        "retry_for_hours = 72\n",
        &format!(
            "retry_for_hours = 72\n[mail.smtp]\nhost = \"localhost\"\nport = {port}\nsecurity = \"starttls\"\n\
             user = \"pledgewatch\"\n{password}\n"
        ),
    );
    env
}

/// A certificate for `localhost`, signed by itself, written as PEM: (certificate, key).
fn localhost_certificate(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (c, k) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&c, cert.cert.pem()).unwrap();
    std::fs::write(&k, cert.signing_key.serialize_pem()).unwrap();
    (c, k)
}

#[test]
fn starttls_and_login_with_a_password_from_the_environment_or_a_file() {
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = localhost_certificate(dir.path());
    let maildir = dir.path().join("mail");
    let server = SmtpServer::start_with(
        port,
        "accept",
        &maildir,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
            "--login",
            "pledgewatch:hemligt ord",
        ],
    );
    // The password from an environment variable; the certificate trusted through SSL_CERT_FILE (the
    // system's trust store stands in for a municipality's own CA).
    let env = starttls_env(port, "password_env = \"PW_SMTP\"");
    let run = |env: &Env, password: Option<&str>| {
        let mut c = env.command(&["test-mail", "sara.nilsson@kalix.example"]);
        c.env("SSL_CERT_FILE", &cert);
        if let Some(p) = password {
            c.env("PW_SMTP", p);
        } else {
            c.env_remove("PW_SMTP");
        }
        let out = c.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, text) = run(&env, Some("hemligt ord"));
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(server.messages().len(), 1);
    let (code, text) = run(&env, Some("fel"));
    assert_eq!(code, Some(78), "a wrong password is a setting to fix: {text}");
    assert!(text.contains("with these settings") && text.contains("535"), "{text}");
    // In the outbox, a refused login keeps the mails queued (not failed), and nothing else is tried.
    env.sample().ingest();
    let out = env
        .command(&["notify", "--as-of", "2019-07-08"])
        .env("SSL_CERT_FILE", &cert)
        .env("PW_SMTP", "fel")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = outbox(&env);
    assert!(rows.iter().all(|r| r["state"] == "queued"), "{rows:#?}");
    assert_eq!(rows.iter().filter(|r| r["attempts"] == 1).count(), 1, "one attempt, then it stops");
    let out = env
        .command(&["notify", "--as-of", "2019-07-08"])
        .env("SSL_CERT_FILE", &cert)
        .env("PW_SMTP", "hemligt ord")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(server.messages().len(), 1 + JULY_8_MAILS);
    let (code, text) = run(&env, None);
    assert_eq!(code, Some(78), "{text}");
    assert!(text.contains("the SMTP password variable PW_SMTP is not set"), "{text}");
    // The certificate not trusted: no message, a temporary failure that names TLS.
    let mut c = env.command(&["test-mail", "sara.nilsson@kalix.example"]);
    c.env("PW_SMTP", "hemligt ord").env("SSL_CERT_FILE", dir.path().join("none.pem"));
    let out = c.output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(server.messages().len(), 1 + JULY_8_MAILS);

    // The password from a file only the service may read.
    let file = dir.path().join("smtp-password");
    std::fs::write(&file, "hemligt ord\n").unwrap();
    let env = starttls_env(port, &format!("password_file = \"{}\"", file.display()));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, text) = run(&env, None);
    assert_eq!(code, Some(78), "{text}");
    assert!(text.contains("is readable by other users (mode 644); run: chmod 600"), "{text}");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, text) = run(&env, None);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(server.messages().len(), 2 + JULY_8_MAILS);
}

#[test]
fn an_earlier_day_than_the_last_decided_is_refused_unless_forced() {
    let env = Env::new();
    env.sample().ingest();
    assert_eq!(env.run(&["notify", "--as-of", "2019-05-06"]).code, 0);
    let out = env.run(&["notify", "--as-of", "2019-04-01"]);
    assert_eq!(out.code, 64, "{}", out.stderr);
    assert!(
        out.stderr.contains("mail was decided for 2019-05-06 already") && out.stderr.contains("preview"),
        "{}",
        out.stderr
    );
    let before = outbox(&env).len();
    assert_eq!(env.run(&["notify", "--as-of", "2019-05-06"]).code, 0, "the same day again is fine");
    assert_eq!(env.run(&["notify", "--as-of", "2019-04-01", "--force"]).code, 0);
    assert!(outbox(&env).len() > before, "forced: decided");
}

/// The last day mail was decided for, as the store keeps it.
fn last_decided(env: &Env) -> String {
    env.db().query_row("SELECT value FROM mail_state WHERE key = 'last_as_of'", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_clock_behind_or_a_past_now_is_refused_and_the_guard_never_moves_back() {
    let env = Env::new();
    env.sample().ingest();
    assert_eq!(env.run_at("2019-11-04T07:00:00+01:00", &["notify"]).code, 0);
    let before = outbox(&env).len();
    // The clock a month behind, a week before the last day decided.
    let out = env.run_at("2019-10-04T07:00:00+02:00", &["notify", "--as-of", "2019-10-28"]);
    assert_eq!(out.code, 64, "{}", out.stderr);
    assert!(out.stderr.contains("mail was decided for 2019-11-04 already"), "{}", out.stderr);
    let out = env.run_at("2019-10-04T07:00:00+02:00", &["notify"]);
    assert_eq!(out.code, 64, "{}", out.stderr);
    assert_eq!((outbox(&env).len(), last_decided(&env)), (before, "2019-11-04".into()), "nothing decided");
    // With the clock right again, an old day is still refused: the guard was not rewound.
    assert_eq!(env.run_at("2019-11-05T07:00:00+01:00", &["notify", "--as-of", "2019-10-21"]).code, 64);

    // A pass at a past moment refuses before reading or mailing anything.
    let out = env.run(&["once", "--now", "2019-10-21 07:00"]);
    assert_eq!(out.code, 64, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("mail was decided for 2019-11-04 already"), "{}", out.stderr);
    assert_eq!(outbox(&env).len(), before);
    // Forced, it runs; the guard stays at the later day.
    let out = env.run(&["once", "--now", "2019-10-21 07:00", "--force"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(outbox(&env).len() > before, "forced: decided");
    assert_eq!(last_decided(&env), "2019-11-04");
}

/// A clock (or a `--now`) once far ahead made every later run need `--force`, for good: the guard
/// never moved back. A day more than a year ahead is taken as a wrong clock: refused, and one
/// forced run leaves it behind.
#[test]
fn a_day_decided_under_a_clock_far_ahead_is_left_behind_by_one_forced_run() {
    let env = Env::new();
    env.sample();
    assert_eq!(env.run(&["once", "--now", "9999-12-31 23:59"]).code, 0);
    let out = env.run(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 64, "{}", out.stderr);
    assert!(out.stderr.contains("9999-12-31 is more than a year ahead"), "{}", out.stderr);
    assert_eq!(env.run(&["once", "--now", "2019-10-14 07:00", "--force"]).code, 0);
    assert_eq!(last_decided(&env), "2019-10-14");
    let out = env.run(&["once", "--now", "2019-10-21 07:00"]);
    assert_eq!(out.code, 0, "no --force needed any more: {}", out.stderr);
    assert_eq!(last_decided(&env), "2019-10-21");
}

#[test]
fn failed_messages_can_be_queued_again_once_the_cause_is_fixed() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let rejecting = SmtpServer::start(port, "reject", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(states(&env), vec!["failed"; JULY_8_MAILS]);
    drop(rejecting);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    let out = env.run_at("2019-07-08T09:00:00+02:00", &["outbox", "--retry-failed"]);
    assert!(out.stderr.contains(&format!("{JULY_8_MAILS} failed messages queued again")), "{}", out.stderr);
    env.run_at("2019-07-08T09:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    assert_eq!(states(&env), vec!["sent"; JULY_8_MAILS]);
}

/// A police log of (date as text, activity) rows.
fn text_log(env: &Env, rows: &[(&str, &str)]) {
    env.xlsx("data/inbox/polisen/logg.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg").unwrap();
        crate::support::header(ws, 0);
        for (i, (date, activity)) in rows.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, *date).unwrap();
            ws.write_string(i as u32 + 1, 1, *activity).unwrap();
        }
    });
}

/// The data-quality mails in the outbox, as the number of problems each lists.
fn data_quality_mails(env: &Env) -> Vec<usize> {
    outbox_files(env)
        .iter()
        .filter(|(s, _, _)| s.starts_with("Att rätta"))
        .map(|(_, text, _)| text.matches("\n- ").count())
        .collect()
}

#[test]
fn each_unreadable_row_is_told_once_even_when_rows_above_are_deleted() {
    let env = Env::new();
    text_log(
        &env,
        &[("2019-03-01", "Trafikkontroll"), ("31/2", "Trafikkontroll"), ("2019-03-08", "Fotboll")],
    );
    env.ingest();
    env.run(&["notify", "--as-of", "2019-03-11"]);
    assert_eq!(data_quality_mails(&env), [2]);
    // The good row above them is deleted: the same two errors, one row up. Not told again.
    text_log(&env, &[("31/2", "Trafikkontroll"), ("2019-03-08", "Fotboll")]);
    env.ingest();
    env.run(&["notify", "--as-of", "2019-03-12"]);
    assert_eq!(data_quality_mails(&env), [2]);
    // A second row with the same mistake is a new error: told, alone.
    text_log(&env, &[("31/2", "Trafikkontroll"), ("2019-03-08", "Fotboll"), ("31/2", "Trafikkontroll")]);
    env.ingest();
    env.run(&["notify", "--as-of", "2019-03-13"]);
    let mut mails = data_quality_mails(&env);
    mails.sort();
    assert_eq!(mails, [1, 2]);
}

/// Each mail in the outbox as (kind, recipient, subject), in the order queued (ties by recipient
/// and subject).
fn mails(env: &Env) -> Vec<(String, String, String)> {
    let mut rows = outbox(env);
    rows.sort_by_key(|r| (r["id"].as_i64(), r["recipient"].as_str().map(str::to_owned)));
    let mut out: Vec<(i64, String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (r["id"].as_i64().unwrap(), s("kind"), s("recipient"), s("subject"))
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, k, to, s)| (k, to, s)).collect()
}

/// A log kept by a party that owns no pledge (the neighbourhood watch association logging its
/// walks) holds back no figures: its keeper is told once that it is awaited, without a list of
/// held pledges, and the digest has no "waiting" section for it.
#[test]
fn a_log_of_a_party_that_owns_no_pledge_holds_back_nothing() {
    let env = Env::new();
    env.edit_config(
        "[[party]]\nid = \"kommunen\"",
        "[[party]]\nid = \"foreningen\"\nname = \"Grannsamverkan Kalix\"\ncontacts = [\"kommunpolis\"]\n\n[[party]]\nid = \"kommunen\"",
    )
    .edit_config(
        "[[source]]\nname = \"kommun\"",
        "[[source]]\nname = \"forening\"\ndir = \"data/inbox/forening\"\nparty = \"foreningen\"\nlog_keeper = \"kommunpolis\"\n\n[[source]]\nname = \"kommun\"",
    );
    env.sample();
    std::fs::create_dir_all(env.path("data/inbox/forening")).unwrap();
    let out = env.run(&["once", "--now", "2019-10-07 07:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let files = outbox_files(&env);
    let subject = "Väntar på aktivitetsloggen från Grannsamverkan Kalix: ingen fil har lästs ännu";
    let awaited: Vec<&(String, String, String)> = files.iter().filter(|(s, _, _)| s == subject).collect();
    assert_eq!(awaited.len(), 1, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let (_, text, html) = awaited[0];
    let said = "Grannsamverkan Kalix står inte bakom något av löftena, så påminnelser och veckoöversikter går \
                som vanligt; aktiviteterna i loggen räknas först när den har lästs.";
    assert!(text.contains(said) && !text.contains("skickas inga siffror"), "{text}");
    assert!(html.contains(said) && !html.contains("<ul"), "{html}");
    let digest = files
        .iter()
        .find(|(s, t, _)| s.ends_with("vecka 41, 2019") && t.contains("To: Per Öhman"))
        .map(|f| f.1.clone())
        .expect("the kommunalråd's digest of week 41");
    assert!(
        !digest.contains("VÄNTAR PÅ LOGGAR") && digest.contains("- Gemensam kommunikation (2019): "),
        "{digest}"
    );
}

#[test]
fn a_source_folder_the_service_may_not_list_is_awaited_and_its_keeper_told_what_to_ask_for() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.sample();
    let out = env.run_unprivileged(&["once", "--now", "2019-10-07 07:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let before = mails(&env).len();
    // The municipality's folder loses its permissions (a share re-mounted, a chmod gone wrong).
    let folder = env.path("data/inbox/kommun");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = env.run_unprivileged(&["once", "--now", "2019-10-14 07:00"]);
    let check = env.run_unprivileged(&["check"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(check.code, 78, "{}", check.stdout);
    assert!(check.stderr.contains("data/inbox/kommun may not be listed by this user"), "{}", check.stderr);
    let new: Vec<(String, String, String)> = mails(&env).split_off(before);
    let subject = "Väntar på aktivitetsloggen från Kalix kommun: inga siffror skickas förrän den finns";
    let told: Vec<&str> = new.iter().filter(|m| m.2 == subject).map(|m| m.1.as_str()).collect();
    assert_eq!(told, ["sara.nilsson@kalix.example"], "{new:?}\n{}\n{}", out.stdout, out.stderr);
    let text = outbox_mail(&env, subject);
    assert!(
        text.contains(
            "mappen <install>/data/inbox/kommun finns, men pledgewatch har inte rätt att läsa den."
        ) && text.contains("Be den som sköter servern att ge pledgewatch rätt att läsa mappen"),
        "{text}"
    );
    // Its pledges' figures are not stated from what the store held: the digest leaves them out.
    let files = outbox_files(&env);
    let digest = files
        .iter()
        .find(|(s, t, _)| s.ends_with("vecka 42, 2019") && t.contains("To: Per Öhman"))
        .map(|f| f.1.clone())
        .expect("the kommunalråd's digest of week 42");
    assert!(
        digest.contains("VÄNTAR PÅ LOGGAR") && !digest.contains("- Gemensam kommunikation (2019): "),
        "{digest}"
    );
    assert!(digest.contains("Kalix kommun: mappen kan inte läsas på servern, senast ändrad "), "{digest}");
}

#[test]
fn a_first_start_with_an_empty_inbox_states_no_figures_and_says_once_that_the_logs_are_awaited() {
    let env = Env::new();
    // Monday: the daemon's first pass catches up the reminders and the digest.
    let out = env.run(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let awaited = |source: &str, to: &str| {
        (
            "logs_awaited".to_owned(),
            to.to_owned(),
            format!("Väntar på aktivitetsloggen från {source}: inga siffror skickas förrän den finns"),
        )
    };
    let mut first = mails(&env);
    first.sort();
    assert_eq!(
        first,
        [
            awaited("Lokalpolisområde Östra Norrbotten", "jonas.berg@polisen.example"),
            // The coordinator keeps the municipality's log: both notices in one mail.
            (
                "pledges".to_owned(),
                "sara.nilsson@kalix.example".to_owned(),
                "Medborgarlöften Kalix kommun: Väntar på loggar (2)".to_owned()
            ),
        ],
        "no digest, no reminder, no outcome: nothing but that the logs are awaited"
    );
    let text = outbox_mail(
        &env,
        "Väntar på aktivitetsloggen från Kalix kommun: inga siffror skickas förrän den finns",
    );
    assert!(
        text.contains("Mappen <install>/data/inbox/kommun är tom") && text.contains("Inget räknas som noll."),
        "{text}"
    );
    // Told once.
    env.run(&["once", "--now", "2019-10-15 07:00"]);
    env.run(&["once", "--now", "2019-10-21 07:00"]);
    assert_eq!(mails(&env).len(), 2);
    // The police's log comes: its own pledges get their mails and the digest shows them alone; the
    // joint pledges wait for the municipality's log, named in the digest without figures.
    env.sample_file("data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx");
    env.run(&["once", "--now", "2019-10-22 07:00"]);
    env.run(&["once", "--now", "2019-10-28 07:00"]);
    let new: Vec<(String, String)> =
        mails(&env)[2..].iter().map(|(k, to, _)| (k.clone(), to.clone())).collect();
    let kinds: std::collections::BTreeSet<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
    // The LPO chief's reminders and outcomes in one mail.
    assert_eq!(kinds, ["data_quality", "digest", "pledges"].into_iter().collect(), "{new:?}");
    for (kind, to) in &new {
        if kind == "pledges" {
            assert_eq!(to, "lena.holmgren@polisen.example", "only the police's own pledges: {new:?}");
        }
    }
    let digest =
        outbox_files(&env).into_iter().find(|(s, _, _)| s.contains("veckoöversikt vecka 44")).unwrap().1;
    assert!(
        digest.contains("VÄNTAR PÅ LOGGAR")
            && digest.contains("aktivitetsloggen från Kalix kommun: Riktade insatser"),
        "{digest}"
    );
    assert!(!digest.contains("Gemensam kommunikation (2019)"), "a joint pledge without figures: {digest}");
}

#[test]
fn a_refused_file_and_the_log_it_leaves_awaited_are_one_mail_that_names_the_file() {
    let env = Env::new();
    env.write("data/inbox/kommun/logg.xlsx", b"Datum;Aktivitet;Antal\n2019-10-01;Trygghetsvandring;1\n");
    let out = env.run(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let text =
        outbox_mail(&env, "Medborgarlöften Kalix kommun: Att rätta i loggarna (1), Väntar på loggar (2)");
    // Each part says what its own mail would: the file refused and why, then the log awaited.
    let fix = text.find("==== Att rätta i aktivitetsloggen från Kalix kommun: 1 fil ====").expect(&text);
    let file = text.find("- logg.xlsx:\n  Filen är inte ett kalkylark").expect(&text);
    let awaited = text.find("==== Väntar på aktivitetsloggen från Kalix kommun").expect(&text);
    assert!(fix < file && file < awaited, "{text}");
}

#[test]
fn the_follow_up_of_a_period_that_is_not_a_year_is_not_called_annual() {
    let env = Env::new();
    env.edit_config("end = 2019-12-31", "end = 2020-12-31")
        .edit_config("date = 2020-02-01", "date = 2021-02-01");
    env.sample().ingest();
    let out = env.run(&["notify", "--as-of", "2019-10-14"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails: Vec<String> = env.mails();
    let met: Vec<&String> = mails.iter().filter(|m| m.contains("Tack till alla som bidragit.")).collect();
    assert!(!met.is_empty(), "{mails:#?}");
    for m in &met {
        assert!(m.contains("redovisas i uppföljningen.") && !m.contains("årliga"), "{m}");
    }
}

#[test]
fn a_relay_that_wants_a_qualified_ehlo_name_gets_the_domain_of_mail_from() {
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let _server = SmtpServer::start(port, "fqdn-helo", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS, "EHLO kalix.example is accepted");
}

#[test]
fn a_refused_ehlo_name_or_greeting_is_a_setting_to_fix_and_the_mail_stays_queued() {
    // The EHLO name refused at RCPT TO (mail.from at a host with no domain gives EHLO localhost).
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(port, "fqdn-helo", maildir.path());
    let env = smtp_env(port, 10);
    env.edit_config("from = \"pledgewatch@kalix.example\"", "from = \"pledgewatch@localhost\"");
    env.sample().ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 78, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("Helo command rejected") && out.stderr.contains("set [mail.smtp] helo_name"),
        "{}",
        out.stderr
    );
    assert_eq!(states(&env), vec!["queued"; JULY_8_MAILS], "none failed for good");
    // Mended: they go.
    env.edit_config(
        "security = \"none\"\n",
        "security = \"none\"\nhelo_name = \"pledgewatch.kalix.example\"\n",
    );
    let out = env.run_at("2019-07-08T07:05:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(received(maildir.path()).len(), JULY_8_MAILS);
    drop(server);

    // A server that refuses the session at its greeting.
    let port = free_port();
    let _server = SmtpServer::start(port, "no-service", maildir.path());
    let env = smtp_env(port, 10);
    env.sample().ingest();
    let out = env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    assert_eq!(out.code, 78, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("refused the session"), "{}", out.stderr);
    assert_eq!(states(&env), vec!["queued"; JULY_8_MAILS]);
}

#[test]
fn every_mail_says_it_is_automatic_and_replies_go_to_a_person() {
    let env = Env::new();
    env.sample().ingest();
    env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    let parser = MessageParser::default();
    let files: Vec<Vec<u8>> = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(files.len(), JULY_8_MAILS);
    for bytes in &files {
        let m = parser.parse(bytes).unwrap();
        assert_eq!(m.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
        assert_eq!(m.header_raw("X-Auto-Response-Suppress").map(str::trim), Some("All"));
        let reply_to = m.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned);
        assert_eq!(reply_to.as_deref(), Some("sara.nilsson@kalix.example"), "the coordinator by default");
    }
    // Configurable.
    let env = Env::new();
    env.edit_config(
        "coordinator = \"trygghetssamordnare\"",
        "coordinator = \"trygghetssamordnare\"\nreply_to = \"kommunpolis\"",
    );
    env.sample().ingest();
    env.run_at("2019-07-08T07:00:00+02:00", &["notify", "--as-of", "2019-07-08"]);
    let first = std::fs::read_dir(env.path("data/outbox")).unwrap().next().unwrap().unwrap().path();
    let bytes = std::fs::read(first).unwrap();
    let m = parser.parse(&bytes).unwrap();
    assert_eq!(
        m.reply_to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("jonas.berg@polisen.example")
    );
}

#[test]
fn a_folder_gone_after_its_logs_came_holds_its_pledges_figures_and_says_so_once() {
    let env = Env::new();
    env.sample();
    env.run(&["once", "--now", "2019-10-14 07:00"]);
    let before = mails(&env).len();
    // The municipality's share is not mounted any more (or its path was changed).
    env.edit_config("dir = \"data/inbox/kommun\"", "dir = \"data/inbox/kommunen\"");
    env.run(&["once", "--now", "2019-11-04 07:00"]);
    let new: Vec<(String, String, String)> = mails(&env)[before..].to_vec();
    // No reminder or outcome of a joint pledge from its stale figures; the coordinator is told.
    assert!(
        new.iter().any(|(k, to, s)| k == "logs_awaited"
            && to == "sara.nilsson@kalix.example"
            && s.contains("Kalix kommun")),
        "{new:?}"
    );
    let text = outbox_mail(
        &env,
        "Väntar på aktivitetsloggen från Kalix kommun: inga siffror skickas förrän den finns",
    );
    assert!(text.contains("data/inbox/kommunen finns inte på servern"), "{text}");
    // The coordinator (the municipality's contact, of joint pledges only) gets no figures at all.
    for (kind, to, _) in &new {
        if to == "sara.nilsson@kalix.example" {
            assert!(["logs_awaited", "data_quality"].contains(&kind.as_str()), "{new:?}");
        }
    }
}
