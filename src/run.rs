//! Carries out a command: loads the config, opens the store, calls the library, prints the result
//! once, and maps failures to exit codes (sysexits: 78 config, 74 I/O, 64 usage).

use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::ingest::{self, FileStatus, IngestReport, Progress};
use crate::model::Log;
use crate::pledge::{RateUnit, Rule, SubPeriod};
use crate::rules::{self, PledgeStanding};
use crate::store::{FileRecord, Store};
use crate::views;

/// EX_CONFIG: the config is wrong.
pub const EXIT_CONFIG: u8 = 78;
/// EX_IOERR: the store or a folder could not be used.
pub const EXIT_IO: u8 = 74;
/// EX_USAGE: the command names something the config does not have (a pledge, a period).
pub const EXIT_USAGE: u8 = 64;

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    init_tracing();
    let config = match Config::load(&cli.config) {
        Ok(c) => c,
        Err(errors) => {
            eprintln!("error: the config is not valid:\n{errors}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    match cli.command {
        Command::Check => {
            print!("{}", check_summary(&config));
            ExitCode::SUCCESS
        }
        Command::Ingest { json } => run_ingest(&config, json),
        Command::Status { as_of, period, json } => run_status(&config, as_of, period.as_deref(), json),
        Command::Explain { pledge, as_of, period } => run_explain(&config, &pledge, as_of, period.as_deref()),
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PLEDGEWATCH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn run_ingest(config: &Config, json: bool) -> ExitCode {
    let mut store = match Store::open(&config.store_path()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    let bar = Bar::new(!json && std::io::stdout().is_terminal());
    let started = now_utc();
    let recorded = ingest::ingest(config, &mut store, &started, &bar).and_then(|report| {
        let json = serde_json::to_string(&report).unwrap_or_default();
        store.record_run(&started, &now_utc(), &json).map(|()| report)
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
        print!("{}", ingest_table(config, &store, &report));
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
    let as_of = as_of.unwrap_or_else(|| chrono::Utc::now().with_timezone(&config.timezone).date_naive());
    let chosen = match period {
        None => None,
        Some(id) => match config.periods.iter().find(|p| p.id == id) {
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
        eprintln!("warning: no store yet at {}; run `pledgewatch ingest` first", path.display());
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

fn status_word(s: FileStatus) -> &'static str {
    match s {
        FileStatus::New => "new",
        FileStatus::Changed => "changed",
        FileStatus::Unchanged => "unchanged",
        FileStatus::Reread => "re-read",
        FileStatus::Refused => "refused",
        FileStatus::Duplicate => "duplicate",
        FileStatus::Moved => "moved",
        FileStatus::Missing => "missing",
    }
}

/// How many row errors are listed per file; the rest are counted.
const ROW_ERRORS_SHOWN: usize = 20;

fn ingest_table(config: &Config, store: &Store, report: &IngestReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for s in report.sources.iter().filter(|s| s.error.is_some()) {
        let _ = writeln!(out, "warning: source {}: {}", s.name, s.error.as_deref().unwrap_or_default());
    }
    let width = report.files.iter().map(|f| f.path.chars().count()).max().unwrap_or(4).max(4);
    let _ =
        writeln!(out, "{:width$}  {:9}  {:>7}  {:>7}  {:>6}", "FILE", "STATUS", "ROWS", "SKIPPED", "ERRORS");
    let (mut rows, mut errors) = (0, 0);
    for f in &report.files {
        let _ = writeln!(
            out,
            "{:width$}  {:9}  {:>7}  {:>7}  {:>6}",
            f.path,
            status_word(f.status),
            f.rows_read,
            f.rows_skipped,
            f.row_errors
        );
        rows += f.rows_read;
        errors += f.row_errors;
        if let Some(of) = &f.duplicate_of {
            let _ = writeln!(out, "    same content as {of}; counted once, there");
        }
        if let Some(from) = &f.moved_from {
            let _ = writeln!(out, "    moved from {from}");
        }
        if let Some(r) = &f.refusal {
            let _ = writeln!(out, "    refused: {r}");
            if f.rows_read > 0 {
                let _ = writeln!(out, "    the previous version's {} rows still count", f.rows_read);
            }
        }
        if f.status == FileStatus::Missing {
            let _ = writeln!(out, "    gone from its folder; its {} rows still count", f.rows_read);
        }
        for note in &f.sheets_skipped {
            let _ = writeln!(out, "    note: {note}");
        }
        if f.row_errors > 0 && matches!(f.status, FileStatus::New | FileStatus::Changed | FileStatus::Reread)
        {
            let problems = store
                .file_by_path(&f.path)
                .ok()
                .flatten()
                .and_then(|r| store.problems(r.id).ok())
                .unwrap_or_default();
            let row_problems: Vec<_> = problems.iter().filter(|p| p.level == "row").collect();
            for p in row_problems.iter().take(ROW_ERRORS_SHOWN) {
                let _ = writeln!(out, "    {} row {}: {}", p.sheet, p.row.unwrap_or(0), p.message);
            }
            if row_problems.len() > ROW_ERRORS_SHOWN {
                let _ = writeln!(out, "    … and {} more row errors", row_problems.len() - ROW_ERRORS_SHOWN);
            }
        }
    }
    let count = |s: FileStatus| report.files.iter().filter(|f| f.status == s).count();
    let _ = writeln!(
        out,
        "{} files: {} new, {} changed, {} unchanged, {} refused, {} duplicate, {} missing; {rows} activities, {errors} row errors. Store: {}",
        report.files.len(),
        count(FileStatus::New),
        count(FileStatus::Changed) + count(FileStatus::Reread),
        count(FileStatus::Unchanged),
        count(FileStatus::Refused),
        count(FileStatus::Duplicate),
        count(FileStatus::Missing),
        config.store_path().display()
    );
    out
}

/// The summary `check` prints.
pub fn check_summary(config: &Config) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} is valid.", config.path.display());
    let _ = writeln!(out, "Municipality: {}", config.municipality);
    let _ = writeln!(out, "Police area:  {}", config.police_area);
    let _ = writeln!(out, "Time zone:    {}", config.timezone.name());
    let _ = writeln!(out, "Store:        {}", config.store_path().display());
    let _ = writeln!(out, "Sources:");
    for s in &config.sources {
        let party = config.parties.iter().find(|p| p.id == s.party).map_or("", |p| p.name.as_str());
        let state =
            if s.dir.is_dir() { String::new() } else { "  (warning: folder does not exist yet)".into() };
        let _ = writeln!(out, "  {:10} {}  kept by {party}{state}", s.name, s.dir_as_written);
    }
    let _ = writeln!(out, "Periods:");
    for p in &config.periods {
        let _ = writeln!(out, "  {:10} {} – {}", p.id, p.start, p.end);
    }
    let _ = writeln!(
        out,
        "Activities: {}",
        config.activities.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(out, "Pledges ({}):", config.pledges.len());
    for p in &config.pledges {
        let rule = match &p.rule {
            Rule::Total { at_least } => format!("at least {at_least} in the period"),
            Rule::Rate { at_least, per } => {
                let unit = if *per == RateUnit::Week { "week" } else { "month" };
                format!("at least {at_least} per {unit} on average")
            }
            Rule::Ongoing { at_least, each } => {
                let unit = match each {
                    SubPeriod::Month => "month",
                    SubPeriod::Quarter => "quarter",
                    SubPeriod::Term => "term",
                };
                format!("at least {at_least} each {unit}")
            }
            Rule::Qualitative => "qualitative (listed)".into(),
        };
        let _ = writeln!(out, "  {:20} {:36} owners: {}", p.id, rule, p.owners.join(", "));
    }
    out
}
