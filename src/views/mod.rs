//! What the command line prints, apart from the progress bar: tables and JSON made from the library's
//! results. Pure: values in, text out; `run/` prints it.

pub mod check;
pub mod ingest;
pub mod status;
