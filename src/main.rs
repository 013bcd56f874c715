//! The `pledgewatch` binary: parses the command line and hands over to [`pledgewatch::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = <pledgewatch::cli::Cli as clap::Parser>::parse();
    pledgewatch::run::run(cli)
}
