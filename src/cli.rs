//! The command line: verbs and flags, with `--help` on every verb. Parsing only; `run/` acts.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// Follows up medborgarlöften (citizen pledges) from the activity logs kept by police and municipality.
#[derive(Debug, Parser)]
#[command(name = "pledgewatch", version, about, long_about = None)]
pub struct Cli {
    /// The config file; relative paths in it are resolved against its own folder.
    #[arg(long, global = true, default_value = "config.toml", value_name = "FILE")]
    pub(crate) config: PathBuf,

    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate the config and print a summary of it. Exits with 78 when the config is wrong.
    Check,
    /// Read the spreadsheets in the source folders into the store.
    ///
    /// Prints, per file, whether it was new, changed, unchanged, refused, a duplicate, moved or
    /// missing, with the rows read and the row errors. Unchanged files are not read again.
    Ingest {
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show where each pledge stands: count, target, expected so far, projection, status.
    ///
    /// Reads the store; ingests nothing (run `ingest` first). Each pledge is shown in its period that
    /// holds the day, else the last one that has ended.
    Status {
        /// In a police area: only this municipality (its id in `[[municipality]]`, or its name).
        #[arg(short, long, value_name = "ID")]
        municipality: Option<String>,
        /// The day to compute for (YYYY-MM-DD); default: today in the configured time zone.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Show the pledges in this period (its id in the config) instead of each one's current period.
        #[arg(long, value_name = "ID")]
        period: Option<String>,
        /// Print JSON (the format is described in README.md) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Decide which mails are due (reminders, outcomes, the weekly digest, data-quality notices), put
    /// them in the outbox, and send what the outbox holds once.
    ///
    /// Each mail is decided once (a second run is a no-op); a mail the server does not take is retried
    /// with backoff on later runs.
    Notify {
        /// In a police area: only this municipality (its id in `[[municipality]]`, or its name).
        #[arg(short, long, value_name = "ID")]
        municipality: Option<String>,
        /// The day to decide for (YYYY-MM-DD); default: today in the configured time zone.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Decide for a day before the last one decided (mail with old figures goes out).
        #[arg(long)]
        force: bool,
    },
    /// Write the mails that would be sent, as .eml files, without sending or remembering anything.
    ///
    /// Shows every mail of the kind as if none had been sent before.
    Preview {
        /// In a police area: only this municipality (its id in `[[municipality]]`, or its name).
        #[arg(short, long, value_name = "ID")]
        municipality: Option<String>,
        /// Which mails.
        #[arg(value_enum)]
        kind: PreviewKind,
        /// The day to decide for (YYYY-MM-DD); default: today in the configured time zone.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// The folder to write to; default: data/preview next to the config.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// List the messages in the outbox: queued, sent and failed.
    Outbox {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Put the failed messages back in the queue (once their cause is fixed), to go out with the
        /// next `notify`.
        #[arg(long)]
        retry_failed: bool,
    },
    /// Send one test message to ADDRESS through the configured transport and show the server's answer.
    TestMail {
        /// Where to send it.
        address: String,
    },
    /// Run every job that is due now (ingest, reminders, digest, as scheduled in `[schedule]`), once,
    /// exactly as the daemon would, then exit.
    Once {
        /// The moment to run as: an RFC 3339 time (`2019-10-14T07:00:00+02:00`) or a local date and
        /// time (`2019-10-14 07:00`); default: now.
        #[arg(long, value_name = "DATETIME")]
        now: Option<String>,
        /// Run even when mail was decided for a later day than this one already (the clock is behind,
        /// or `--now` is in the past): old figures may go out.
        #[arg(long)]
        force: bool,
    },
    /// List each job: its schedule, its last run and outcome, its next slot.
    Jobs,
    /// Run as the service: the jobs at their slots (and missed ones once at start), until SIGTERM.
    ///
    /// SIGHUP reloads the config (a bad one is refused and the old kept). One daemon per state folder.
    /// Speaks systemd's notify protocol (Type=notify, WatchdogSec) when started by systemd.
    Run,
    /// (Internal) Read the workbook on stdin and write its cells to stdout: the reader process the
    /// service runs each file in, under these limits.
    #[command(hide = true)]
    ReadWorkbook {
        /// xlsx, xlsb, xls or ods.
        format: String,
        #[arg(long)]
        max_rows: u64,
        #[arg(long)]
        max_cells: u64,
        #[arg(long)]
        memory_mb: u64,
        #[arg(long)]
        cpu_seconds: u64,
        #[arg(long)]
        max_cell_chars: u64,
    },
    /// Write the annual follow-up of a period: the full report as HTML and as PDF, and the one-page
    /// summary for citizens, into `report.dir` (data/reports).
    ///
    /// Reads the store and the comments file; ingests nothing and sends nothing (the daemon's report
    /// job does both, on the configured day). Before the period has ended the files are drafts, marked
    /// "Utkast". The same store gives byte-identical files.
    Report {
        /// In a police area: only this municipality (its id in `[[municipality]]`, or its name).
        #[arg(short, long, value_name = "ID")]
        municipality: Option<String>,
        /// The period (its id in the config); default: the latest period begun on the as-of day.
        #[arg(long, value_name = "ID")]
        period: Option<String>,
        /// The day the figures are of (YYYY-MM-DD); default: today. A day after the period's end
        /// gives the final report.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Which files, comma-separated or repeated; default: all three.
        #[arg(long, value_enum, value_delimiter = ',')]
        format: Vec<crate::report::Format>,
        /// The folder to write to; default: `report.dir` in the config.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// List every row behind a pledge's figure: those that counted, those that did not and why, and
    /// the row errors that may concern it, each with file, sheet and row.
    Explain {
        /// In a police area: only this municipality (its id in `[[municipality]]`, or its name).
        #[arg(short, long, value_name = "ID")]
        municipality: Option<String>,
        /// The pledge's id in the config, e.g. `medborgarkontakter`.
        pledge: String,
        /// The day to compute for (YYYY-MM-DD); default: today in the configured time zone.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// The period (its id in the config); default: the pledge's period that holds the day.
        #[arg(long, value_name = "ID")]
        period: Option<String>,
    },
}

/// Which mails `preview` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PreviewKind {
    /// Reminders to the owners of pledges that are behind.
    Reminder,
    /// Mails about pledges that are met.
    Met,
    /// Mails about pledges that can no longer be met.
    Missed,
    /// The weekly digest to the chiefs.
    Digest,
    /// Row errors and refused files, to each source's log keeper.
    DataQuality,
    /// The follow-up of each period with `[period.report]` that has begun (a draft before it ends),
    /// with its PDF attached.
    Report,
    /// Every kind.
    All,
}

/// A day written as YYYY-MM-DD.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, NotADate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| NotADate(s.to_owned()))
}

/// A command-line value that is not a day.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a date; expected YYYY-MM-DD, e.g. 2019-12-31")]
pub(crate) struct NotADate(String);
