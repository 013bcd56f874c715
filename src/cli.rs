//! The command line: verbs and flags, with `--help` on every verb. Parsing only; `run.rs` acts.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Follows up medborgarlöften (citizen pledges) from the activity logs kept by police and municipality.
#[derive(Debug, Parser)]
#[command(name = "pledgewatch", version, about, long_about = None)]
pub struct Cli {
    /// The config file; relative paths in it are resolved against its own folder.
    #[arg(long, global = true, default_value = "config.toml", value_name = "FILE")]
    pub config: PathBuf,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
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
}
