//! Carries out a command: loads the config, opens the store, calls the library, prints the result
//! once, and maps failures to exit codes (sysexits: 78 config, 74 I/O, 64 usage).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command};
use crate::config::{Config, Install};
use crate::ingest::{self, FileStatus, Progress};
use crate::model::Log;
use crate::rules::{self, PledgeStanding};
use crate::store::{FileRecord, Store};
use crate::views;

/// `print!` that never panics: a closed pipe (`pledgewatch status | head -1`) ends the output
/// quietly, and the verb still finishes its work (mail is still sent) and exits as it would have.
macro_rules! say {
    ($($arg:tt)*) => { $crate::run::write_stdout(format_args!($($arg)*)) };
}

/// `println!` that never panics (see `say!`). Both are in scope in the verbs' modules below.
macro_rules! sayln {
    ($($arg:tt)*) => { $crate::run::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Writes to stdout; a reader that went away is no error, any other failure is said once on stderr.
pub(crate) fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    static GONE: AtomicBool = AtomicBool::new(false);
    if GONE.load(Ordering::Relaxed) {
        return;
    }
    // Buffered: stdout is line-buffered, and a long JSON document would be a write per line.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        GONE.store(true, Ordering::Relaxed);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("warning: cannot write to stdout: {e}");
        }
    }
}

mod error;
mod jobs;
mod mail;
mod report;

pub(crate) use error::Error;
use error::unknown_period;

/// Runs the command and returns the process exit code. The one place an error is printed.
pub fn run(cli: Cli) -> ExitCode {
    // The store, the outbox and the reports hold names, addresses and the follow-up before it is
    // public: nothing this process creates is for others to read.
    crate::durable::keep_files_private();
    // The daemon logs one line per decision (info); the other verbs print their own results.
    init_tracing(if matches!(cli.command, Command::Run) { "info" } else { "warn" });
    match run_command(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn run_command(cli: Cli) -> Result<(), Error> {
    if let Command::ReadWorkbook { format, max_rows, max_cells, memory_mb, cpu_seconds, max_cell_chars } =
        cli.command
    {
        let args = ingest::ReaderArgs { format, max_rows, max_cells, memory_mb, cpu_seconds, max_cell_chars };
        return ingest::serve_reader(&args).map_err(Error::Reader);
    }
    // Workbooks are read in a child process of this binary (see ingest/isolate.rs).
    ingest::read_in_child("/proc/self/exe".into());
    if let Ok(v) = std::env::var("PLEDGEWATCH_NOW")
        && chrono::DateTime::parse_from_rfc3339(v.trim()).is_err()
    {
        return Err(Error::Clock(v));
    }
    // A verb about one municipality of a police area reads only its file.
    let only = match &cli.command {
        Command::Status { municipality, .. }
        | Command::Explain { municipality, .. }
        | Command::Report { municipality, .. }
        | Command::Preview { municipality, .. }
        | Command::Notify { municipality, .. } => municipality.as_deref(),
        _ => None,
    };
    let install = Install::load_only(&cli.config, only).map_err(Error::Config)?;
    if let Command::Check = cli.command {
        let checked = views::check::summary(&install, now(), &can_write);
        say!("{}", checked.text);
        return if checked.errors.is_empty() { Ok(()) } else { Err(Error::Check(checked.errors)) };
    }
    match cli.command {
        Command::Ingest { json } => return run_ingest(&install, json),
        Command::Jobs => return jobs::jobs(&install),
        Command::Status { municipality, as_of, period, json } => {
            let configs = in_period(chosen(&install, municipality.as_deref())?, period.as_deref())?;
            return run_status(&install, &configs, as_of, period.as_deref(), json);
        }
        Command::Explain { municipality, pledge, as_of, period } => {
            let config = with_pledge(chosen(&install, municipality.as_deref())?, &pledge)?;
            return run_explain(config, &pledge, as_of, period.as_deref());
        }
        Command::Report { municipality, period, as_of, format, out } => {
            for config in in_period(chosen(&install, municipality.as_deref())?, period.as_deref())? {
                report::report(config, period.as_deref(), as_of, &format, out.as_deref())?;
            }
            return Ok(());
        }
        Command::Notify { municipality, as_of, force } => {
            let whose = crate::mail::notify::Whose::of(&install, chosen(&install, municipality.as_deref())?);
            return mail::notify(&whose, as_of, force);
        }
        Command::Preview { municipality, kind, as_of, to } => {
            let whose = crate::mail::notify::Whose::of(&install, chosen(&install, municipality.as_deref())?);
            return mail::preview(&whose, kind, as_of, to.as_deref());
        }
        _ => {}
    }
    let config = &install.shared;
    match cli.command {
        Command::Check
        | Command::Ingest { .. }
        | Command::Jobs
        | Command::Status { .. }
        | Command::Explain { .. }
        | Command::Report { .. }
        | Command::Notify { .. }
        | Command::Preview { .. } => Ok(()),
        Command::Outbox { json, retry_failed } => mail::outbox(config, json, retry_failed),
        Command::TestMail { address } => mail::test_mail(config, &address),
        Command::Once { now, force } => jobs::once(&install, now.as_deref(), force),
        Command::Run => jobs::daemon(install.clone(), &cli.config),
        // Served above, before the config is loaded.
        Command::ReadWorkbook { .. } => Ok(()),
    }
}

/// The municipalities `--municipality` names (all without it).
fn chosen<'a>(install: &'a Install, id: Option<&str>) -> Result<Vec<&'a Config>, Error> {
    install
        .chosen(id)
        .map_err(|known| Error::UnknownMunicipality { id: id.unwrap_or_default().to_owned(), known })
}

/// Of `configs`, those that have the period `--period` names (all without it); none is an error
/// naming every period there is.
fn in_period<'a>(configs: Vec<&'a Config>, period: Option<&str>) -> Result<Vec<&'a Config>, Error> {
    let Some(id) = period.filter(|_| configs.len() > 1) else { return Ok(configs) };
    let with: Vec<&Config> = configs.iter().copied().filter(|c| c.period(id).is_some()).collect();
    if with.is_empty() {
        let mut known: Vec<String> =
            configs.iter().flat_map(|c| c.periods.iter().map(|p| p.id.clone())).collect();
        known.dedup();
        return Err(Error::UnknownPeriod { id: id.to_owned(), known });
    }
    Ok(with)
}

/// Of `configs`, the one whose pledge `pledge` is; several is an error that asks which.
fn with_pledge<'a>(configs: Vec<&'a Config>, pledge: &str) -> Result<&'a Config, Error> {
    let with: Vec<&Config> =
        configs.iter().copied().filter(|c| c.pledges.iter().any(|p| p.id == pledge)).collect();
    match with.as_slice() {
        [one] => Ok(one),
        [] => {
            let known = configs.iter().flat_map(|c| c.pledges.iter().map(|p| p.id.clone())).collect();
            Err(Error::UnknownPledge { id: pledge.to_owned(), known })
        }
        several => Err(Error::WhichMunicipality {
            id: pledge.to_owned(),
            known: several.iter().map(|c| c.id()).collect(),
        }),
    }
}

/// Whether this user can create a file in `dir`, or (when it does not exist yet) create `dir` in its
/// nearest existing folder: a probe file made and removed at once.
fn can_write(dir: &std::path::Path) -> Result<(), String> {
    let mut at = dir;
    while !at.is_dir() {
        at = at.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        if at == std::path::Path::new(".") && !at.is_dir() {
            break;
        }
    }
    let probe = at.join(format!(".pledgewatch-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if at == dir => Err(format!("cannot create a file there ({e})")),
        Err(e) => Err(format!("it does not exist, and cannot be created in {} ({e})", at.display())),
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
    config.today(now())
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

/// Opens the store (creating it if need be).
fn open_store(config: &Config) -> Result<Store, Error> {
    Ok(Store::open(&config.store_path())?)
}

/// Says so when there is no store yet (the verb goes on, with nothing in it).
fn warn_if_no_store(config: &Config) {
    let path = config.store_path();
    if !path.exists() {
        eprintln!("warning: no store yet at {}; run `pledgewatch ingest` first", path.display());
    }
}

/// The small runtime the mail sender and the daemon run on.
fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(Error::Runtime)
}

fn run_ingest(install: &Install, json: bool) -> Result<(), Error> {
    let config = &install.shared;
    let mut store = open_store(config)?;
    let bar = Bar::new(!json && std::io::stdout().is_terminal());
    let started = now();
    let recorded = ingest::ingest(install, &mut store, started, &bar).and_then(|report| {
        let json = serde_json::to_string(&report).unwrap_or_default();
        store.record_run(started, now(), &json).map(|()| report)
    });
    bar.0.finish_and_clear();
    let report = recorded?;
    if json {
        sayln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let mut problems = HashMap::new();
        for f in report.files.iter().filter(|f| {
            f.row_errors > 0 && matches!(f.status, FileStatus::New | FileStatus::Changed | FileStatus::Reread)
        }) {
            if let Ok(Some(record)) = store.file_by_path(&f.path) {
                problems.insert(f.path.clone(), store.problems(record.id).unwrap_or_default());
            }
        }
        say!("{}", views::ingest::table(config, &report, &problems));
        if install.is_area() {
            let mut totals = Vec::new();
            for m in &install.municipalities {
                let (activities, errors) = store.totals_of(m.store_scope())?;
                totals.push((m.municipality.clone(), activities, errors));
            }
            let (activities, errors) = store.totals_of("")?;
            if activities + errors > 0 {
                totals.push((String::new(), activities, errors));
            }
            say!("{}", views::ingest::by_municipality(&totals));
        }
    }
    Ok(())
}

/// What `status` and `explain` compute from: the day, what the store holds, and the standings.
struct Standings {
    as_of: NaiveDate,
    log: Log,
    files: Vec<FileRecord>,
    standings: Vec<PledgeStanding>,
    /// Which sources have delivered (`status` does not judge a pledge awaiting a log).
    supply: crate::supply::Supply,
}

/// Reads the store (without creating it) and computes the standings on `as_of` (default: today in the
/// configured time zone), in `period` or each pledge's current period.
fn standings(config: &Config, as_of: Option<NaiveDate>, period: Option<&str>) -> Result<Standings, Error> {
    let as_of = as_of.unwrap_or_else(|| today(config));
    let chosen = match period {
        None => None,
        Some(id) => Some(config.period(id).ok_or_else(|| unknown_period(config, id))?),
    };
    let path = config.store_path();
    let (log, files, supply) = if path.exists() {
        let store = Store::open(&path)?;
        let needed = match chosen {
            Some(p) => vec![p],
            None => rules::shown_periods(&config.pledges, &config.periods, as_of),
        };
        let log = store.log_in(config.store_scope(), &rules::days_to_read(&config.periods, &needed))?;
        (log, config.own_files(store.files()?), crate::supply::Supply::look(config, &store)?)
    } else {
        warn_if_no_store(config);
        (
            Log::default(),
            Vec::new(),
            crate::supply::Supply::of(config, &[], |_| crate::supply::Folder::Missing),
        )
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
    Ok(Standings { as_of, log, files, standings, supply })
}

/// `status`: a municipality's table or JSON; in a police area without `--municipality`, a table per
/// municipality, or one JSON document whose pledges each say their municipality.
fn run_status(
    install: &Install,
    configs: &[&Config],
    as_of: Option<NaiveDate>,
    period: Option<&str>,
    json: bool,
) -> Result<(), Error> {
    let each: Vec<(Standings, Vec<i64>)> = configs
        .iter()
        .map(|config| {
            let s = standings(config, as_of, period)?;
            let outside = rules::outside_periods(&config.periods, &s.log.activities);
            Ok((s, outside))
        })
        .collect::<Result<_, Error>>()?;
    let inputs: Vec<views::status::StatusInput<'_>> = configs
        .iter()
        .zip(&each)
        .map(|(config, (s, outside))| views::status::StatusInput {
            config,
            as_of: s.as_of,
            standings: &s.standings,
            log: &s.log,
            files: &s.files,
            outside_periods: outside,
            supply: &s.supply,
        })
        .collect();
    if json {
        let docs = inputs.iter().map(views::status::json).collect();
        sayln!(
            "{}",
            serde_json::to_string_pretty(&views::status::together(docs, &install.shared.police_area))?
        );
    } else {
        let tables: Vec<String> = inputs.iter().map(views::status::table).collect();
        say!("{}", tables.join("\n"));
    }
    Ok(())
}

fn run_explain(
    config: &Config,
    pledge: &str,
    as_of: Option<NaiveDate>,
    period: Option<&str>,
) -> Result<(), Error> {
    if !config.pledges.iter().any(|p| p.id == pledge) {
        let known = config.pledges.iter().map(|p| p.id.clone()).collect();
        return Err(Error::UnknownPledge { id: pledge.to_owned(), known });
    }
    let s = standings(config, as_of, period)?;
    let st = s.standings.iter().find(|st| st.pledge == pledge).ok_or_else(|| Error::NotInPeriod {
        pledge: pledge.to_owned(),
        period: period.unwrap_or_default().to_owned(),
    })?;
    say!("{}", views::explain::explain(config, st, &s.log));
    Ok(())
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
