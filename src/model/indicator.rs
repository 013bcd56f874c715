//! Outcome indicators (trygghetsmätning, NTU, Kolada): the values measured, as read from an
//! indicator sheet (`Indikator`, `År` or `Datum`, `Värde`, `Källa`). Pure data.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Provenance, Shared};

/// When a value was measured: a year (`År`), or a day (`Datum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measured {
    /// The year's measurement (a survey reported by its year).
    Year(i32),
    /// A measurement of that day.
    Day(NaiveDate),
}

impl Measured {
    /// The day it is placed on: a year's value is known by the year's last day (so the value of
    /// 2019 belongs to the period holding 31 December 2019).
    pub(crate) fn day(self) -> NaiveDate {
        match self {
            Measured::Day(d) => d,
            Measured::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// Whether it was measured by `as_of`: a day on or before it, a year not after its year.
    pub(crate) fn known_by(self, as_of: NaiveDate) -> bool {
        match self {
            Measured::Day(d) => d <= as_of,
            Measured::Year(y) => y <= as_of.year(),
        }
    }

    /// Its year.
    pub(crate) fn year(self) -> i32 {
        match self {
            Measured::Day(d) => d.year(),
            Measured::Year(y) => y,
        }
    }
}

/// The activity kind a row problem of an indicator sheet is stored under (`RowProblem::kind`):
/// `indicator:` and the indicator's name, so that the pledge measured by it lists the row, and no
/// activity's id can be taken for it.
pub(crate) fn problem_kind(indicator: &str) -> String {
    format!("{PROBLEM_KIND}{indicator}")
}

/// The start of [`problem_kind`].
pub(crate) const PROBLEM_KIND: &str = "indicator:";

/// A value of an indicator in thousandths (`95,1` is 95 100): read from a decimal, kept exact,
/// compared and shown without a floating-point remainder.
pub(crate) type Milli = i64;

/// One indicator value as read from a row of an indicator sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// 1-based row number as the spreadsheet shows it.
    pub row: u32,
    /// The indicator, by its name in the config (not as written).
    pub indicator: String,
    /// When it was measured.
    pub measured: Measured,
    /// The value, in thousandths.
    pub value: i64,
    /// Where the value comes from (`Källa`), as written; empty when not given.
    pub origin: String,
    /// The municipality it belongs to, as for an activity ([`super::ActivityRow::municipality`]).
    pub municipality: String,
}

/// An indicator value as the reconcile step sees it: a stored row with its id and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// The store's id of the row.
    pub id: i64,
    /// File, sheet and row.
    pub(crate) source: Provenance,
    /// The indicator's name in the config.
    pub(crate) indicator: Shared,
    /// When it was measured.
    pub(crate) measured: Measured,
    /// The value, in thousandths.
    pub(crate) value: Milli,
    /// Where the value comes from (`Källa`); empty when not given.
    pub(crate) origin: Shared,
}
