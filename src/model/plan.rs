//! Planned activities read from a plan sheet (`Löfte`, `Datum` or `Vecka`, `Planerat`, `Part`),
//! beside those the config lists under `[[pledge.plan]]`. Pure data.

use serde::Serialize;

use super::Provenance;
use crate::pledge::{PlanDate, Planned};

/// One planned activity as read from a row of a plan sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRow {
    /// 1-based row number as the spreadsheet shows it.
    pub row: u32,
    /// The pledge's id.
    pub pledge: String,
    /// When, what and by which party (its id).
    pub(crate) planned: Planned,
    /// The municipality it belongs to, as for an activity.
    pub municipality: String,
}

/// A planned activity of a plan sheet as the reconcile step sees it: with its pledge and where it
/// came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetPlan {
    /// File, sheet and row.
    pub(crate) source: Provenance,
    /// The pledge's id.
    pub(crate) pledge: String,
    /// When, what and by which party.
    pub(crate) planned: Planned,
}

/// The activity kind a plan sheet's row problem is stored under (`RowProblem::kind`): `plan:` and
/// the pledge's id, so that the pledge lists the row.
pub(crate) fn problem_kind(pledge: &str) -> String {
    format!("{PROBLEM_KIND}{pledge}")
}

/// The start of [`problem_kind`].
pub(crate) const PROBLEM_KIND: &str = "plan:";

impl PlanDate {
    /// A week as a plan sheet may write it: `2019-W20`, `v. 20 2019`, `v20 2019`, `vecka 20, 2019`, or
    /// its number alone with the year of `År` (`year`).
    pub(crate) fn parse_sheet_week(text: &str, year: Option<i32>) -> Option<PlanDate> {
        if let Some(w) = PlanDate::parse_week(text) {
            return Some(w);
        }
        let lower = text.trim().to_lowercase();
        let rest =
            ["vecka", "v."].iter().find_map(|p| lower.strip_prefix(p)).or_else(|| lower.strip_prefix('v'));
        let words: Vec<&str> = rest.unwrap_or(&lower).split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let (week, y): (u32, i32) = match words.as_slice() {
            [w, y] => (w.parse().ok()?, y.parse().ok()?),
            [w] => (w.parse().ok()?, year?),
            _ => return None,
        };
        PlanDate::parse_week(&format!("{y}-W{week}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_sheet_writes_weeks_in_several_ways() {
        let w20 = Some(PlanDate::Week { year: 2019, week: 20 });
        for text in ["2019-W20", "v. 20 2019", "v20 2019", "vecka 20, 2019", "V 20 2019"] {
            assert_eq!(PlanDate::parse_sheet_week(text, None), w20, "{text}");
        }
        assert_eq!(PlanDate::parse_sheet_week("20", Some(2019)), w20);
        assert_eq!(PlanDate::parse_sheet_week("20", None), None);
        assert_eq!(PlanDate::parse_sheet_week("v. 60 2019", None), None);
        assert_eq!(PlanDate::parse_sheet_week("maj", Some(2019)), None);
    }
}
