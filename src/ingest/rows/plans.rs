//! The rows of a plan sheet: `Löfte`, `Datum` or `Vecka` (with `År` for a week's number), `Planerat`,
//! `Part` (and `Kommun` in a police area's shared log) → a [`PlanRow`], or row problems, or a blank
//! row skipped.
//!
//! Pure.

use super::{NO_COLUMN, Outcome, Value, cell, problems_out, read_date, row_scope};
use crate::model::{Column, PlanRow, RowReason};
use crate::names::Lookup;
use crate::pledge::{PlanDate, Planned};

/// Turns one row below a plan sheet's header into outcomes. `row` is 1-based.
pub(super) fn read_row(
    dict: &super::Dictionary,
    row: u32,
    cells: &[Value<'_>; NO_COLUMN],
    out: &mut impl FnMut(Outcome),
) {
    let filled = |c: Column| !cell(cells, c).is_empty();
    if ![Column::Pledge, Column::Date, Column::Week, Column::Planned].into_iter().any(filled) {
        return out(Outcome::Blank(row));
    }
    let mut problems = Vec::new();
    let municipality = row_scope(dict, cells, &mut problems);
    let plans = dict.plans_of(municipality);
    let written = cell(cells, Column::Pledge).display();
    let pledge = match plans.pledge(&written) {
        Lookup::Known(id) => Some(id.to_owned()),
        Lookup::Unknown(suggestion) => {
            let suggestion = suggestion.map(str::to_owned);
            problems.push(RowReason::UnknownPledge { value: written, suggestion });
            None
        }
    };
    let when = read_when(cells).map_err(|r| problems.push(r)).ok();
    let what = cell(cells, Column::Planned).display();
    if what.is_empty() {
        problems.push(RowReason::MissingPlanned);
    }
    let party_cell = cell(cells, Column::Party).display();
    let party = match (&pledge, party_cell.is_empty()) {
        (Some(p), false) => plans
            .owner(p, &party_cell)
            .map_err(|owners| problems.push(RowReason::NotAnOwner { value: party_cell.clone(), owners }))
            .ok(),
        _ => None,
    };
    if let (Some(pledge), Some(when), true) = (&pledge, when, problems.is_empty()) {
        let planned = Planned { when, what, party };
        let (pledge, municipality) = (pledge.clone(), municipality.to_owned());
        return out(Outcome::Plan(PlanRow { row, pledge, planned, municipality }));
    }
    // The pledge it names, or the one it resembles: that pledge lists the row.
    let named = pledge.or_else(|| {
        problems.iter().find_map(|r| match r {
            RowReason::UnknownPledge { suggestion: Some(s), .. } => match plans.pledge(s) {
                Lookup::Known(id) => Some(id.to_owned()),
                Lookup::Unknown(_) => None,
            },
            _ => None,
        })
    });
    let kind = named.as_deref().map(crate::model::plan::problem_kind);
    let date = when.map(PlanDate::first);
    problems_out(row, problems, (date, kind, municipality), out);
}

/// When: `Datum` when given, else `Vecka` (its number with `År`, or written whole).
fn read_when(cells: &[Value<'_>; NO_COLUMN]) -> Result<PlanDate, RowReason> {
    let date = cell(cells, Column::Date);
    if !date.is_empty() {
        return read_date(date).map(PlanDate::Day);
    }
    let week = cell(cells, Column::Week);
    if week.is_empty() {
        return Err(RowReason::MissingPlanDate);
    }
    let year = match cell(cells, Column::Year) {
        Value::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => Some(*n as i32),
        Value::Text(t) => t.trim().parse().ok(),
        _ => None,
    };
    PlanDate::parse_sheet_week(&week.display(), year)
        .ok_or_else(|| RowReason::BadWeek { value: week.display() })
}
