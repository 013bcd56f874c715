//! End-to-end tests: the real binary on real spreadsheet files and a real SQLite store.

mod area;
mod check;
mod config_props;
mod daemon;
mod first_year;
mod fuzz;
mod hostile;
mod hours;
mod indicators;
mod ingest;
mod ingest_bad_files;
mod ingest_copies;
mod jobs;
mod mail;
mod plan;
mod report;
mod smtp;
mod status;
mod support;
