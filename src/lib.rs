//! pledgewatch follows up Swedish citizen pledges (medborgarlöften) from the activity logs that the
//! police and the municipality keep as spreadsheets.
//!
//! Crate map (see ARCHITECTURE.md for the invariants):
//! - [`cli`]: the command line (clap); [`run`]: carries out a command, prints once, picks the exit
//!   code from its error.
//! - [`config`]: `config.toml` → validated [`config::Config`] (pure apart from reading the file).
//! - [`codes`]: the names enums are stored under (`as_str` / `FromStr`), and the error for one unknown.
//! - [`model`]: activities, provenance, row problems, file refusals (pure data).
//! - [`pledge`]: pledges, periods, rules, conditions and seasons (pure data).
//! - [`names`]: how names typed by people are compared; suggestions for typos (pure).
//! - [`messages`]: every Swedish sentence outside the templates: logs, standings (pure).
//! - [`ingest`]: source folders → store: scan, sniff, read with calamine, rows → activities.
//! - [`rules`]: reconcile: where each pledge stands on a day, its pace and projection (pure).
//! - [`schedule`]: when jobs are due, in local time, across DST; the catch-up rule (pure).
//! - [`jobs`]: the daemon's jobs and one pass over them (`once`); a job's failure as data.
//! - [`daemon`]: `run`: the lock, the loop of passes, signals, systemd's notify protocol.
//! - [`supply`]: which sources have delivered logs and which are awaited (pure).
//! - [`notices`]: which mails are due, under idempotency keys (pure).
//! - [`mail`]: templates → MIME messages; the outbox drained through lettre.
//! - [`store`]: SQLite: migrations, files, activities, problems, the outbox, job runs.
//! - [`report`]: the annual follow-up: its content (pure), HTML and PDF, the comments file, and
//!   whether it is mailed (`report::delivery`, pure).
//! - [`text`]: cell text shortened for storing and showing, by one rule (pure).
//! - [`durable`]: private modes and whole-or-nothing writes for the files that hold personal data.
//! - [`views`]: what the command line prints: tables and JSON (pure).
//! - [`workdays`]: Swedish working days and public holidays, for the report's day (pure).

pub mod cli;
pub(crate) mod codes;
pub mod config;
pub(crate) mod daemon;
pub(crate) mod durable;
pub mod ingest;
pub mod jobs;
pub(crate) mod mail;
pub mod messages;
pub mod model;
pub(crate) mod names;
pub(crate) mod notices;
pub(crate) mod occasions;
pub(crate) mod pledge;
pub mod report;
pub mod rules;
pub mod run;
pub(crate) mod schedule;
pub mod store;
pub mod supply;
pub(crate) mod text;
pub mod views;
pub(crate) mod workdays;
