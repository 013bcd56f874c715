//! What the command line prints, apart from the progress bar: tables and JSON made from the library's
//! results. Pure: values in, text out; `run/` prints it.

pub(crate) mod check;
pub(crate) mod ingest;
pub mod status;
