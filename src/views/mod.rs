//! What the command line prints, apart from the progress bar: tables and JSON made from the library's
//! results. Pure: values in, text out; `run/` prints it.

pub(crate) mod check;
pub(crate) mod explain;
mod indicator;
pub(crate) mod ingest;
pub mod status;

/// `1 file`, `2 files`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
