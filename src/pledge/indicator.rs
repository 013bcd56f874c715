//! A pledge measured by an outcome indicator (Vetlanda 2022–23: 95,1 % feel safe; Östra Göteborg:
//! from 40 % to 16 %): the value of an indicator sheet's row against a target, from a baseline.

use serde::Serialize;

use crate::model::indicator::Milli;

/// What a pledge measured by an indicator promises (`rule = { kind = "indicator", … }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct IndicatorRule {
    /// Its name in an indicator sheet's `Indikator` column (`Trygg i centrum`).
    pub(crate) indicator: String,
    /// The target: at least or at most a value.
    pub(crate) target: Bound,
    /// Where it starts from.
    pub(crate) baseline: Baseline,
    /// What its values are written in: `%`, a word (`anmälningar`), or nothing (a plain number).
    pub(crate) unit: String,
}

/// A target value, to reach or to stay under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Bound {
    /// The value is to be at least this (`at_least`).
    AtLeast(Milli),
    /// The value is to be at most this (`at_most`).
    AtMost(Milli),
}

impl Bound {
    /// The target value.
    pub(crate) fn value(self) -> Milli {
        match self {
            Bound::AtLeast(v) | Bound::AtMost(v) => v,
        }
    }

    /// Whether `value` meets it.
    pub(crate) fn met_by(self, value: Milli) -> bool {
        match self {
            Bound::AtLeast(t) => value >= t,
            Bound::AtMost(t) => value <= t,
        }
    }
}

/// The value an indicator starts from: given in the config (`baseline`), or read from the sheet's
/// row of `baseline_year`; the year, when given, is shown beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Baseline {
    /// The value, when the config gives it.
    pub(crate) value: Option<Milli>,
    /// The year it was measured in.
    pub(crate) year: Option<i32>,
}

impl IndicatorRule {
    /// Whether its values are per cent on a scale to 100 (`unit = "%"` and a target or baseline of
    /// at least 1 %): then a number cell between 0 and 1 may be a cell in per cent format (0,951 for
    /// 95,1 %) or a value under 1 %, and is not read as either.
    pub(crate) fn per_cent_scale(&self) -> bool {
        let large = |v: Milli| v.abs() >= 1000;
        self.unit == "%" && (large(self.target.value()) || self.baseline.value.is_some_and(large))
    }
}
