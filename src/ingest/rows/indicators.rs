//! The rows of an indicator sheet: `Indikator`, `År` or `Datum`, `Värde`, `Källa` (and `Kommun` in a
//! police area's shared log) → an [`IndicatorRow`], a row problem, or a row skipped (blank, or an
//! indicator no pledge follows: a Kolada export holds many).
//!
//! Pure.

use super::{NO_COLUMN, Outcome, Value, cell, problems_out, read_date, row_scope};
use crate::ingest::dictionary::{Dictionary, Indicators};
use crate::model::indicator::Milli;
use crate::model::{Column, IndicatorRow, Measured, RowReason};
use crate::names::Lookup;

/// The largest value an indicator may have, in its own unit: any count a municipality measures.
const MAX_VALUE: f64 = 1e12;

/// Turns one row below an indicator sheet's header into outcomes. `row` is 1-based.
pub(super) fn read_row(
    dict: &Dictionary,
    row: u32,
    cells: &[Value<'_>; NO_COLUMN],
    out: &mut impl FnMut(Outcome),
) {
    let filled = |c: Column| !cell(cells, c).is_empty();
    if ![Column::Indicator, Column::Year, Column::Date, Column::Value].into_iter().any(filled) {
        return out(Outcome::Blank(row));
    }
    let mut problems = Vec::new();
    let municipality = row_scope(dict, cells, &mut problems);
    let indicators = dict.indicators_of(municipality);
    let indicator = match read_indicator(indicators, cell(cells, Column::Indicator)) {
        Ok(Some(name)) => Some(name),
        // An indicator no pledge follows, and like none of theirs.
        Ok(None) => return out(Outcome::Other(row)),
        Err(reason) => {
            problems.push(reason);
            None
        }
    };
    let measured = read_measured(cells).map_err(|r| problems.push(r)).ok();
    let per_cent = indicator.as_deref().is_some_and(|i| indicators.per_cent_scale(i));
    let unit = indicator.as_deref().map_or("", |i| indicators.unit_of(i));
    let value = read_value(cell(cells, Column::Value), per_cent, unit).map_err(|r| problems.push(r)).ok();
    let origin = match cell(cells, Column::Origin) {
        Value::Error(_) => String::new(),
        v => v.display(),
    };
    if let (Some(indicator), Some(measured), Some(value), true) =
        (indicator.clone(), measured, value, problems.is_empty())
    {
        let municipality = municipality.to_owned();
        return out(Outcome::Reading(IndicatorRow { row, indicator, measured, value, origin, municipality }));
    }
    let date = measured.map(Measured::day);
    // The indicator it names, or the one its unknown name resembles: the pledge measured by it lists it.
    let named = indicator.or_else(|| {
        problems.iter().find_map(|r| match r {
            RowReason::UnknownIndicator { suggestion, .. } => Some(suggestion.clone()),
            _ => None,
        })
    });
    let kind = named.as_deref().map(crate::model::indicator::problem_kind);
    problems_out(row, problems, (date, kind, municipality), out);
}

/// The indicator a row names (its name in the config); `None` for one no pledge follows and that
/// resembles none of theirs.
fn read_indicator(indicators: &Indicators, v: &Value<'_>) -> Result<Option<String>, RowReason> {
    match v {
        Value::Empty => Ok(None),
        Value::Error(e) => Err(RowReason::CellError { column: Column::Indicator, value: e.clone() }),
        other => match indicators.lookup(&other.display()) {
            Lookup::Known(name) => Ok(Some(name.to_owned())),
            Lookup::Unknown(Some(near)) => {
                Err(RowReason::UnknownIndicator { value: other.display(), suggestion: near.to_owned() })
            }
            Lookup::Unknown(None) => Ok(None),
        },
    }
}

/// When the value was measured: `Datum` when given, else `År`.
fn read_measured(cells: &[Value<'_>; NO_COLUMN]) -> Result<Measured, RowReason> {
    let date = cell(cells, Column::Date);
    if !date.is_empty() {
        return read_date(date).map(Measured::Day);
    }
    let year = cell(cells, Column::Year);
    let bad = || RowReason::BadYear { value: year.display() };
    let y = match year {
        Value::Empty => return Err(RowReason::MissingYear),
        Value::Number(n) if n.fract() == 0.0 => *n,
        Value::Text(t) => t.trim().parse::<f64>().ok().filter(|n| n.fract() == 0.0).ok_or_else(bad)?,
        Value::DateTime(dt) => return Ok(Measured::Day(dt.date())),
        Value::Error(e) => return Err(RowReason::CellError { column: Column::Year, value: e.clone() }),
        _ => return Err(bad()),
    };
    if !(1900.0..=2200.0).contains(&y) {
        return Err(bad());
    }
    Ok(Measured::Year(y as i32))
}

/// The `Värde` cell in thousandths: a number, or text such as `95,1`, `95.1`, `95,1 %`, `1 234`,
/// `-3`. In an indicator on a scale to 100 per cent (`per_cent`), a number between 0 and 1 written
/// without `%` is refused: it may be a cell in per cent format (0,951 for 95,1 %) or a value under 1 %.
/// A value may be followed by the indicator's `unit` (`118 anmälningar`).
pub(super) fn read_value(v: &Value<'_>, per_cent: bool, unit: &str) -> Result<Milli, RowReason> {
    let bad = || RowReason::BadValue { value: v.display() };
    let (n, with_sign) = match v {
        Value::Empty => return Err(RowReason::MissingValue),
        Value::Text(t) if t.trim().is_empty() => return Err(RowReason::MissingValue),
        Value::Number(n) => (*n, false),
        Value::Text(t) => number_of_text(t, unit).ok_or_else(bad)?,
        Value::Error(e) => return Err(RowReason::CellError { column: Column::Value, value: e.clone() }),
        _ => return Err(bad()),
    };
    if !n.is_finite() || n.abs() > MAX_VALUE {
        return Err(bad());
    }
    if per_cent && !with_sign && n != 0.0 && n.abs() < 1.0 {
        let written = format!("{n}").replace('.', ",");
        return Err(RowReason::FractionForPercent { value: written });
    }
    Ok((n * 1000.0).round() as Milli)
}

/// A number written as text, and whether it said `%` (or `procent`).
fn number_of_text(text: &str, unit: &str) -> Option<(f64, bool)> {
    let lower = text.trim().to_lowercase();
    let unit = unit.trim().to_lowercase();
    let lower = match lower.strip_suffix(unit.as_str()) {
        Some(rest) if !unit.is_empty() && unit != "%" => rest.trim_end().to_owned(),
        _ => lower,
    };
    let (body, per_cent) = match lower.strip_suffix('%').or_else(|| lower.strip_suffix("procent")) {
        Some(body) => (body.to_owned(), true),
        None => (lower, false),
    };
    let body: String = body
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '.',
            '−' | '–' => '-',
            c => c,
        })
        .collect();
    let digits = body.strip_prefix(['-', '+']).unwrap_or(&body);
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    // At most three decimals, as values are kept; and `1.234` written with a point may be 1 234 (a
    // thousands point) or 1,234, so three decimals need a comma.
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let point = text.contains('.');
    if !well_formed || decimals > 3 || (point && decimals == 3) {
        return None;
    }
    body.parse::<f64>().ok().map(|n| (n, per_cent))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn text(t: &str) -> Value<'static> {
        Value::Text(Cow::Owned(t.to_owned()))
    }

    #[test]
    fn values_are_read_from_numbers_and_text() {
        assert_eq!(read_value(&Value::Number(95.1), true, ""), Ok(95_100));
        assert_eq!(read_value(&text("95,1"), true, ""), Ok(95_100));
        assert_eq!(read_value(&text(" 95.1 % "), true, ""), Ok(95_100));
        assert_eq!(read_value(&text("40 procent"), true, ""), Ok(40_000));
        assert_eq!(read_value(&text("1 234,5"), false, ""), Ok(1_234_500));
        assert_eq!(read_value(&text("1,234"), false, ""), Ok(1_234));
        assert_eq!(read_value(&text("95.12"), false, ""), Ok(95_120));
        assert_eq!(read_value(&text("118 anmälningar"), false, "anmälningar"), Ok(118_000));
        // A number cell is kept to three decimals, as it is shown.
        assert_eq!(read_value(&Value::Number(2.9996), false, ""), Ok(3_000));
        assert_eq!(read_value(&text("−3"), false, ""), Ok(-3_000));
        assert_eq!(read_value(&Value::Number(0.0), true, ""), Ok(0));
        assert_eq!(read_value(&Value::Number(1.0), true, ""), Ok(1_000));
    }

    #[test]
    fn a_fraction_in_a_per_cent_indicator_is_not_guessed() {
        let fraction = RowReason::FractionForPercent { value: "0,951".into() };
        assert_eq!(read_value(&Value::Number(0.951), true, ""), Err(fraction.clone()));
        assert_eq!(read_value(&text("0,951"), true, ""), Err(fraction));
        // Written with a per cent sign, it says what it is.
        assert_eq!(read_value(&text("0,8 %"), true, ""), Ok(800));
        // Not on a scale to 100: as written.
        assert_eq!(read_value(&Value::Number(0.951), false, ""), Ok(951));
    }

    #[test]
    fn what_is_not_a_value_says_so() {
        assert_eq!(read_value(&Value::Empty, false, ""), Err(RowReason::MissingValue));
        assert_eq!(read_value(&text("  "), false, ""), Err(RowReason::MissingValue));
        // Three decimals after a point may be a thousands point; more than three are not kept.
        for t in ["hög", "95,1,2", "%", "1.2.3", "-", "1.234", "2,9996"] {
            assert_eq!(read_value(&text(t), false, ""), Err(RowReason::BadValue { value: t.into() }), "{t}");
        }
        assert_eq!(
            read_value(&Value::Number(f64::NAN), false, ""),
            Err(RowReason::BadValue { value: "NaN".into() })
        );
        assert_eq!(
            read_value(&Value::Number(2e12), false, ""),
            Err(RowReason::BadValue { value: "2000000000000".into() })
        );
    }
}
