//! The annual written follow-up: what it says (`content` → `doc`, `chart`; the citizens' summary
//! `public`; data quality and the appendix `sources`), how it is drawn (`html`, `pdf`), the coordinators' comments (`comments`), and the edge
//! that reads the store and writes the files (`publish`), and whether it is mailed (`delivery`).

pub(crate) mod chart;
pub(crate) mod comments;
pub(crate) mod content;
pub(crate) mod delivery;
pub(crate) mod doc;
pub(crate) mod html;
mod indicator;
mod parts;
pub(crate) mod pdf;
mod plan;
mod pledge;
pub(crate) mod public;
pub mod publish;
pub(crate) mod sources;

pub(crate) use publish::ReportError;
pub use publish::{Format, Made};

use chrono::NaiveDate;

use crate::pledge::Period;

/// The period a report is about when none is named: the latest begun on `as_of`.
pub(crate) fn default_period(periods: &[Period], as_of: NaiveDate) -> Option<&Period> {
    periods.iter().filter(|p| p.start <= as_of).max_by_key(|p| p.start)
}
