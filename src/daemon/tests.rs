//! The loop in-process, under tokio's paused time: the four DST weekends of 2019 and 2026 in
//! Stockholm with jobs in the hour that is skipped or repeated, each slot run once and recorded in
//! `job_runs`; and the reload rule, driven through the event stream.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use tokio::sync::mpsc;

use super::*;
use crate::schedule::local_label;

/// A test's surroundings: what systemd would have been told, and how often the folders were
/// watched anew.
struct Recorder {
    told: RefCell<Vec<String>>,
    config_path: std::path::PathBuf,
    rewatched: usize,
}

impl Edge for Recorder {
    fn tell(&self, state: &[NotifyState<'_>]) {
        self.told.borrow_mut().extend(state.iter().map(ToString::to_string));
    }
    fn load(&self) -> Result<Install, ConfigErrors> {
        Install::load(&self.config_path)
    }
    fn rewatch(&mut self, _: &Install) {
        self.rewatched += 1;
    }
    fn watchdog(&self) -> Option<Duration> {
        None
    }
}

/// The shipped config with `edits` (each `from` must occur) in `dir`, with the sample logs and
/// comments beside it; mail goes to `data/outbox` (the `dir` transport).
fn install(dir: &Path, edits: &[(&str, &str)]) -> Install {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(root.join("config.toml")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "config has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(dir.join("config.toml"), text).unwrap();
    for rel in [
        "data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx",
        "data/inbox/kommun/kommunen-aktivitetslogg-2019.ods",
        "data/kommentarer.toml",
    ] {
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(root.join(rel), dir.join(rel)).unwrap();
    }
    Install::load(&dir.join("config.toml")).unwrap()
}

/// A local time in Stockholm (the earlier instant when it happens twice).
fn local(text: &str) -> DateTime<Utc> {
    let t = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    crate::schedule::local_instant(chrono_tz::Europe::Stockholm, t.date(), t.time())
}

/// The daemon's clock: `start` when the test began, moving with tokio's (paused) time.
fn clock_from(start: DateTime<Utc>) -> impl Fn() -> DateTime<Utc> {
    let t0 = Instant::now();
    move || start + chrono::Duration::from_std(t0.elapsed()).unwrap()
}

/// The log lines written while it lives (the loop runs on the test's thread).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Captures the log on this thread (info and above) until the guard is dropped.
    fn start() -> (Captured, tracing::subscriber::DefaultGuard) {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .without_time()
            .with_max_level(tracing::Level::INFO)
            .finish();
        (log, tracing::subscriber::set_default(subscriber))
    }

    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// The (job, slot) of every `job starts` line, in order.
    fn starts(&self) -> Vec<(String, String)> {
        self.text()
            .lines()
            .filter_map(|l| l.split_once("job starts job=\"").map(|(_, rest)| rest))
            .map(|rest| {
                let (job, rest) = rest.split_once("\" slot=").unwrap();
                (job.to_owned(), rest.split_whitespace().next().unwrap().to_owned())
            })
            .collect()
    }
}

/// Every row of `job_runs`, by slot, and how many jobs are failing (`job_failures`).
fn stamped(text: String) -> DateTime<Utc> {
    crate::store::parse_stamp(&text).expect("a stored moment")
}

fn job_runs(store: &Path) -> (Vec<crate::store::JobRun>, i64) {
    let conn = rusqlite::Connection::open(store).unwrap();
    let mut select = conn
        .prepare(
            "SELECT job, slot, outcome, started_at, finished_at, detail FROM job_runs ORDER BY slot, job",
        )
        .unwrap();
    let runs = select
        .query_map([], |r| {
            Ok(crate::store::JobRun {
                job: r.get(0)?,
                slot: stamped(r.get(1)?),
                outcome: r.get::<_, String>(2)?.parse().expect("a stored outcome"),
                started_at: stamped(r.get(3)?),
                finished_at: stamped(r.get(4)?),
                detail: r.get(5)?,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let failures = conn.query_row("SELECT COUNT(*) FROM job_failures", [], |r| r.get(0)).unwrap();
    (runs, failures)
}

/// The schedules of the DST tests: each hits the hour 02:00–02:59, which does not happen on the
/// last Sunday of March and happens twice on the last Sunday of October.
const IN_THE_DST_HOUR: [(&str, &str); 3] = [
    ("ingest = \"*/15 * * * mon-fri\"", "ingest = \"*/15 2 * * *\""),
    ("reminders = \"07:00\"", "reminders = \"02:30\""),
    ("digest = \"mon 07:00\"", "digest = \"sun 02:30\""),
];

/// Runs the daemon from Saturday 18:01 to Monday 06:01 (local) on a new store, stops it through
/// the event stream, and checks the slots each job ran for (local labels) against `expected`. The
/// odd minute puts the five-minute beat off the slots, so a job run at a beat, not at its slot, shows.
async fn weekend(saturday: &str, expected: &[(&str, &[&str])]) {
    let dir = tempfile::tempdir().unwrap();
    let config = install(dir.path(), &IN_THE_DST_HOUR);
    let mut store = Store::open(&config.shared.store_path()).unwrap();
    let (log, _guard) = Captured::start();

    let start = local(&format!("{saturday} 18:01"));
    let clock = clock_from(start);
    let (tx, mut events) = mpsc::unbounded_channel();
    let mut edge =
        Recorder { told: RefCell::default(), config_path: config.shared.path.clone(), rewatched: 0 };
    let t0 = Instant::now();
    let span = Duration::from_secs(36 * 3600);
    let stop = async {
        tokio::time::sleep(span).await;
        tx.send(Event::Stop).unwrap();
    };
    let tz = config.shared.timezone;
    tokio::join!(serve(config, &mut store, &clock, &mut events, &mut edge), stop);
    // It returned at the stop, at once (paused time: no job was running then).
    assert_eq!(t0.elapsed(), span);
    let told = edge.told.take();
    assert_eq!(told[..2], ["READY=1", "STATUS=catching up"]);
    assert_eq!(told.last().map(String::as_str), Some("STOPPING=1"));
    drop(store);

    let (runs, failures) = job_runs(&dir.path().join("data/pledgewatch.sqlite"));
    assert_eq!(failures, 0);
    for r in &runs {
        assert_eq!(r.outcome, crate::store::RunOutcome::Ok, "{} at {}: {}", r.job, r.slot, r.detail);
        // At its slot, to the second; those due before the start (the catch-up), at the start.
        let stamp = crate::store::stamp;
        assert_eq!(stamp(r.started_at), stamp(r.slot.max(start)), "{} at {}", r.job, r.slot);
    }
    let mut by_job: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &runs {
        by_job.entry(&r.job).or_default().push(local_label(tz, r.slot));
    }
    let want: BTreeMap<&str, Vec<String>> =
        expected.iter().map(|(job, slots)| (*job, slots.iter().map(|s| s.to_string()).collect())).collect();
    assert_eq!(by_job, want);
    // Ran once each: a slot begun twice would show here, not in `job_runs` (its first record stays).
    let mut recorded: Vec<(String, String)> =
        runs.into_iter().map(|r| (r.job, crate::store::stamp(r.slot))).collect();
    let mut started = log.starts();
    recorded.sort();
    started.sort();
    assert_eq!(started, recorded);
}

#[tokio::test(start_paused = true)]
async fn spring_2019_the_missing_hour_fires_once_after_the_gap() {
    weekend(
        "2019-03-30",
        &[
            // Saturday's slot is the catch-up at start (a new store: the latest slot within 72 h).
            (
                "ingest",
                &[
                    "2019-03-30 02:45 CET",
                    "2019-03-31 03:00 CEST",
                    "2019-04-01 02:00 CEST",
                    "2019-04-01 02:15 CEST",
                    "2019-04-01 02:30 CEST",
                    "2019-04-01 02:45 CEST",
                ],
            ),
            ("reminders", &["2019-03-30 02:30 CET", "2019-03-31 03:00 CEST", "2019-04-01 02:30 CEST"]),
            ("digest", &["2019-03-31 03:00 CEST"]),
        ],
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn autumn_2019_the_repeated_hour_fires_at_its_first_occurrence() {
    weekend(
        "2019-10-26",
        &[
            (
                "ingest",
                &[
                    "2019-10-26 02:45 CEST",
                    "2019-10-27 02:00 CEST",
                    "2019-10-27 02:15 CEST",
                    "2019-10-27 02:30 CEST",
                    "2019-10-27 02:45 CEST",
                    "2019-10-28 02:00 CET",
                    "2019-10-28 02:15 CET",
                    "2019-10-28 02:30 CET",
                    "2019-10-28 02:45 CET",
                ],
            ),
            ("reminders", &["2019-10-26 02:30 CEST", "2019-10-27 02:30 CEST", "2019-10-28 02:30 CET"]),
            ("digest", &["2019-10-27 02:30 CEST"]),
        ],
    )
    .await;
}

// In 2026 the follow-up of 2019 (due 2020-02-03 08:00, the first working day from its date) is long
// past: as a one-off it is never skipped, so it runs once at start (files written, no mail).

#[tokio::test(start_paused = true)]
async fn spring_2026_the_missing_hour_fires_once_after_the_gap() {
    weekend(
        "2026-03-28",
        &[
            (
                "ingest",
                &[
                    "2026-03-28 02:45 CET",
                    "2026-03-29 03:00 CEST",
                    "2026-03-30 02:00 CEST",
                    "2026-03-30 02:15 CEST",
                    "2026-03-30 02:30 CEST",
                    "2026-03-30 02:45 CEST",
                ],
            ),
            ("reminders", &["2026-03-28 02:30 CET", "2026-03-29 03:00 CEST", "2026-03-30 02:30 CEST"]),
            ("digest", &["2026-03-29 03:00 CEST"]),
            ("report:2019", &["2020-02-03 08:00 CET"]),
        ],
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn autumn_2026_the_repeated_hour_fires_at_its_first_occurrence() {
    weekend(
        "2026-10-24",
        &[
            (
                "ingest",
                &[
                    "2026-10-24 02:45 CEST",
                    "2026-10-25 02:00 CEST",
                    "2026-10-25 02:15 CEST",
                    "2026-10-25 02:30 CEST",
                    "2026-10-25 02:45 CEST",
                    "2026-10-26 02:00 CET",
                    "2026-10-26 02:15 CET",
                    "2026-10-26 02:30 CET",
                    "2026-10-26 02:45 CET",
                ],
            ),
            ("reminders", &["2026-10-24 02:30 CEST", "2026-10-25 02:30 CEST", "2026-10-26 02:30 CET"]),
            ("digest", &["2026-10-25 02:30 CEST"]),
            ("report:2019", &["2020-02-03 08:00 CET"]),
        ],
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_reload_takes_the_new_config_only_if_valid_and_in_the_same_state_folder() {
    let dir = tempfile::tempdir().unwrap();
    let config = install(dir.path(), &[]);
    let good = std::fs::read_to_string(&config.shared.path).unwrap();
    let mut store = Store::open(&config.shared.store_path()).unwrap();
    let (log, _guard) = Captured::start();
    let clock = clock_from(local("2019-03-30 12:00"));
    let (tx, mut events) = mpsc::unbounded_channel();
    let mut edge =
        Recorder { told: RefCell::default(), config_path: config.shared.path.clone(), rewatched: 0 };
    let path = config.shared.path.clone();
    let drive = async {
        for text in [
            format!("{good}\nmunicipality = 3\n"),
            good.replace("state_dir = \"data\"", "state_dir = \"elsewhere\""),
            good.replace("reminders = \"07:00\"", "reminders = \"09:00\""),
        ] {
            tokio::time::sleep(Duration::from_secs(60)).await;
            std::fs::write(&path, text).unwrap();
            tx.send(Event::Reload).unwrap();
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
        tx.send(Event::Stop).unwrap();
    };
    tokio::join!(serve(config, &mut store, &clock, &mut events, &mut edge), drive);
    let told: Vec<String> = edge.told.take().into_iter().filter(|t| t != "WATCHDOG=1").collect();
    assert_eq!(
        told,
        [
            "READY=1",
            "STATUS=catching up",
            "STATUS=next job at 2019-03-31 07:00 CEST",
            // Not valid: kept.
            "RELOADING=1",
            "READY=1",
            // Another state folder: kept.
            "RELOADING=1",
            "READY=1",
            // Taken: the reminders are at 09:00 now, and the new folders are watched.
            "RELOADING=1",
            "READY=1",
            "STATUS=next job at 2019-03-31 09:00 CEST",
            "STOPPING=1",
        ]
    );
    assert_eq!(edge.rewatched, 1);
    let log = log.text();
    for (said, times) in [
        ("the new config is not valid; the old one is kept", 1),
        ("the new config moves the state folder", 1),
        ("config reloaded", 1),
    ] {
        assert_eq!(log.matches(said).count(), times, "{said:?} in\n{log}");
    }
}

#[tokio::test]
async fn a_burst_of_changes_is_one_and_what_comes_during_a_pass_waits() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut events = Events::new(&mut rx);
    for e in [Event::InboxChanged, Event::InboxChanged, Event::Reload, Event::InboxChanged, Event::Stop] {
        tx.send(e).unwrap();
    }
    assert_eq!(events.next().await, Event::InboxChanged);
    // Those behind the burst were held, a stop first.
    assert_eq!(events.next().await, Event::Stop);
    assert_eq!(events.next().await, Event::Reload);
    // During a pass only a stop counts; the rest comes after it.
    for e in [Event::InboxChanged, Event::Reload, Event::Stop] {
        tx.send(e).unwrap();
    }
    events.stop().await;
    assert_eq!(events.next().await, Event::Reload);
    assert_eq!(events.next().await, Event::InboxChanged);
    // Nobody left to send: a stop.
    drop(tx);
    assert_eq!(events.next().await, Event::Stop);
}
