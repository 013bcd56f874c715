//! Carries out a command: loads the config, opens the store, calls the library, prints the result
//! once, and maps failures to exit codes (sysexits: 78 config, 74 I/O, 64 usage).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::ingest::{self, FileStatus, Progress};
use crate::model::Log;
use crate::rules::{self, PledgeStanding};
use crate::store::{FileRecord, Store};
use crate::views;

mod jobs;
mod mail;
mod report;

/// EX_CONFIG: the config is wrong.
pub const EXIT_CONFIG: u8 = 78;
/// EX_IOERR: the store or a folder could not be used.
pub const EXIT_IO: u8 = 74;
/// EX_USAGE: the command names something the config does not have (a pledge, a period).
pub const EXIT_USAGE: u8 = 64;
/// EX_DATAERR: a file the coordinators keep (the comments file) cannot be used.
const EXIT_DATA: u8 = 65;
/// EX_UNAVAILABLE: the mail server refused the message for good.
const EXIT_REFUSED: u8 = 69;
/// EX_SOFTWARE: a mail could not be composed or a PDF made (a bug in a template or in pledgewatch).
const EXIT_SOFTWARE: u8 = 70;
/// EX_CANTCREAT: a report file cannot be written (or would replace the one that was mailed).
const EXIT_CANTCREAT: u8 = 73;
/// EX_TEMPFAIL: try again later (the mail server could not take the message now; another daemon
/// has the state folder).
const EXIT_TEMPFAIL: u8 = 75;

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    // The daemon logs one line per decision (info); the other verbs print their own results.
    init_tracing(if matches!(cli.command, Command::Run) { "info" } else { "warn" });
    if let Ok(v) = std::env::var("PLEDGEWATCH_NOW")
        && chrono::DateTime::parse_from_rfc3339(v.trim()).is_err()
    {
        eprintln!("error: PLEDGEWATCH_NOW={v:?} is not an RFC 3339 time such as 2019-10-07T07:00:00+02:00");
        return ExitCode::from(EXIT_USAGE);
    }
    let config = match Config::load(&cli.config) {
        Ok(c) => c,
        Err(errors) => {
            eprintln!("error: the config is not valid:\n{errors}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    match cli.command {
        Command::Check => {
            print!("{}", views::check::summary(&config, now()));
            ExitCode::SUCCESS
        }
        Command::Ingest { json } => run_ingest(&config, json),
        Command::Status { as_of, period, json } => run_status(&config, as_of, period.as_deref(), json),
        Command::Explain { pledge, as_of, period } => run_explain(&config, &pledge, as_of, period.as_deref()),
        Command::Notify { as_of, force } => mail::notify(&config, as_of, force),
        Command::Preview { kind, as_of, to } => mail::preview(&config, kind, as_of, to.as_deref()),
        Command::Outbox { json, retry_failed } => mail::outbox(&config, json, retry_failed),
        Command::TestMail { address } => mail::test_mail(&config, &address),
        Command::Once { now } => jobs::once(&config, now.as_deref()),
        Command::Jobs => jobs::jobs(&config),
        Command::Report { period, as_of, format, out } => {
            report::report(&config, period.as_deref(), as_of, &format, out.as_deref())
        }
        Command::Run => jobs::daemon(config, &cli.config),
    }
}

/// The clock: the system's, or the moment in `PLEDGEWATCH_NOW` (RFC 3339, e.g.
/// `2019-10-07T07:00:00+02:00`), which tests and simulations set to run any day as if it were now.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    std::env::var("PLEDGEWATCH_NOW")
        .ok()
        .and_then(|v| chrono::DateTime::parse_from_rfc3339(v.trim()).ok())
        .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc))
}

/// Today in the configured time zone.
fn today(config: &Config) -> NaiveDate {
    now().with_timezone(&config.timezone).date_naive()
}

fn init_tracing(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PLEDGEWATCH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // No colours into a file or journald.
    let ansi = std::io::stderr().is_terminal();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Opens the store, or says why not (exit 74).
fn open_store(config: &Config) -> Result<Store, ExitCode> {
    Store::open(&config.store_path()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(EXIT_IO)
    })
}

/// Says so when there is no store yet (the verb goes on, with nothing in it).
fn warn_if_no_store(config: &Config) {
    let path = config.store_path();
    if !path.exists() {
        eprintln!("warning: no store yet at {}; run `pledgewatch ingest` first", path.display());
    }
}

/// The small runtime the mail sender and the daemon run on, or why not (exit 74).
fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
        eprintln!("error: cannot start: {e}");
        ExitCode::from(EXIT_IO)
    })
}

fn run_ingest(config: &Config, json: bool) -> ExitCode {
    let mut store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let bar = Bar::new(!json && std::io::stdout().is_terminal());
    let started = now();
    let recorded = ingest::ingest(config, &mut store, started, &bar).and_then(|report| {
        let json = serde_json::to_string(&report).unwrap_or_default();
        store.record_run(started, now(), &json).map(|()| report)
    });
    let report = match recorded {
        Ok(r) => r,
        Err(e) => {
            bar.0.finish_and_clear();
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    bar.0.finish_and_clear();
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let mut problems = HashMap::new();
        for f in report.files.iter().filter(|f| {
            f.row_errors > 0 && matches!(f.status, FileStatus::New | FileStatus::Changed | FileStatus::Reread)
        }) {
            if let Ok(Some(record)) = store.file_by_path(&f.path) {
                problems.insert(f.path.clone(), store.problems(record.id).unwrap_or_default());
            }
        }
        print!("{}", views::ingest::table(config, &report, &problems));
    }
    ExitCode::SUCCESS
}

/// What `status` and `explain` compute from: the day, what the store holds, and the standings.
struct Standings {
    as_of: NaiveDate,
    log: Log,
    files: Vec<FileRecord>,
    standings: Vec<PledgeStanding>,
}

/// Reads the store (without creating it) and computes the standings on `as_of` (default: today in the
/// configured time zone), in `period` or each pledge's current period.
fn standings(config: &Config, as_of: Option<NaiveDate>, period: Option<&str>) -> Result<Standings, ExitCode> {
    let as_of = as_of.unwrap_or_else(|| today(config));
    let chosen = match period {
        None => None,
        Some(id) => match config.period(id) {
            Some(p) => Some(p),
            None => {
                let known: Vec<&str> = config.periods.iter().map(|p| p.id.as_str()).collect();
                eprintln!("error: no period {id:?} in the config; expected one of: {}", known.join(", "));
                return Err(ExitCode::from(EXIT_USAGE));
            }
        },
    };
    let path = config.store_path();
    let (log, files) = if path.exists() {
        let read = Store::open(&path).and_then(|store| Ok((store.log()?, store.files()?)));
        read.map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_IO)
        })?
    } else {
        warn_if_no_store(config);
        (Log::default(), Vec::new())
    };
    let standings = match chosen {
        None => rules::standing(&config.pledges, &config.periods, &log, as_of),
        Some(p) => config
            .pledges
            .iter()
            .filter(|pl| pl.periods.contains(&p.id))
            .map(|pl| rules::standing_in(pl, p, &config.periods, &log, as_of))
            .collect(),
    };
    Ok(Standings { as_of, log, files, standings })
}

fn run_status(config: &Config, as_of: Option<NaiveDate>, period: Option<&str>, json: bool) -> ExitCode {
    let s = match standings(config, as_of, period) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let outside = rules::outside_periods(&config.periods, &s.log.activities);
    let input = views::status::StatusInput {
        config,
        as_of: s.as_of,
        standings: &s.standings,
        log: &s.log,
        files: &s.files,
        outside_periods: &outside,
    };
    if json {
        match serde_json::to_string_pretty(&views::status::json(&input)) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", views::status::table(&input));
    }
    ExitCode::SUCCESS
}

fn run_explain(config: &Config, pledge: &str, as_of: Option<NaiveDate>, period: Option<&str>) -> ExitCode {
    if !config.pledges.iter().any(|p| p.id == pledge) {
        let known: Vec<&str> = config.pledges.iter().map(|p| p.id.as_str()).collect();
        eprintln!("error: no pledge {pledge:?} in the config; expected one of: {}", known.join(", "));
        return ExitCode::from(EXIT_USAGE);
    }
    let s = match standings(config, as_of, period) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match s.standings.iter().find(|st| st.pledge == pledge) {
        Some(st) => {
            print!("{}", views::status::explain(config, st, &s.log));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: pledge {pledge:?} does not apply to period {:?}", period.unwrap_or_default());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// A progress bar on a terminal when there is enough to read to be worth watching.
struct Bar(ProgressBar);

/// Below this many bytes to look at, no bar is drawn.
const BAR_MIN_BYTES: u64 = 4 << 20;

impl Bar {
    fn new(terminal: bool) -> Bar {
        let bar = if terminal { ProgressBar::new(0) } else { ProgressBar::hidden() };
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} {prefix} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total_bytes: u64) {
        if total_bytes < BAR_MIN_BYTES {
            self.0.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        self.0.set_length(total_bytes);
    }
    fn file(&self, path: &str) {
        self.0.set_prefix(path.to_owned());
        self.0.set_message("");
    }
    fn rows(&self, rows: u64) {
        self.0.set_message(format!("{rows} rows"));
    }
    fn done(&self, bytes: u64) {
        self.0.inc(bytes);
    }
}
