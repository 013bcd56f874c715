//! The number cells of a row: `Antal` (a whole count) and `Timmar` (hours, kept in hundredths).
//!
//! Pure.

use super::Value;
use crate::model::{Column, RowReason};

/// The largest `Antal` one row may hold. A row is one activity done a number of times; a number above
/// this is a date (20190305), a total or a slip of the keyboard, and would silently meet any target.
pub(crate) const MAX_COUNT: u32 = 10_000;

/// The `Antal` cell: empty means 1; otherwise a whole number from 0 to [`MAX_COUNT`], as a number or
/// as text.
pub(super) fn read_count(v: &Value<'_>) -> Result<u32, RowReason> {
    let bad = || RowReason::BadCount { value: v.display() };
    let n = match v {
        Value::Empty => return Ok(1),
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX) => *n as u32,
        Value::Number(n) if *n > f64::from(u32::MAX) && n.fract() == 0.0 => u32::MAX,
        Value::Text(t) => {
            let t = t.trim();
            match t.parse::<u32>() {
                Ok(n) => n,
                Err(_) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => u32::MAX,
                Err(_) => return Err(bad()),
            }
        }
        Value::Error(e) => return Err(RowReason::CellError { column: Column::Count, value: e.clone() }),
        _ => return Err(bad()),
    };
    if n > MAX_COUNT {
        return Err(RowReason::CountTooLarge { value: v.display(), limit: MAX_COUNT });
    }
    Ok(n)
}

/// The largest `Timmar` one row may hold: more than a quarter's police hours in a municipality
/// (Svedala promises 4 000 a year, reported quarterly); more is a date or a year's total.
pub(crate) const MAX_HOURS: u32 = 10_000;

/// The `Timmar` cell, in hundredths of an hour: empty means none given; otherwise hours ≥ 0 as a
/// number, as text with at most two decimals (`1,5` or `1.5`, spaces between thousands, a trailing
/// `h` or `tim`), as a time (`1:30`, a cell formatted as time or `[t]:mm`) or as the ISO duration ods
/// saves a time cell as (`PT01H30M00S`). Three decimals are refused: `1.500` may mean 1 500.
pub(super) fn read_hours(v: &Value<'_>) -> Result<Option<u32>, RowReason> {
    let bad = || RowReason::BadHours { value: v.display() };
    let hours = match v {
        Value::Empty => return Ok(None),
        Value::Text(t) if t.trim().is_empty() => return Ok(None),
        Value::Number(n) => *n,
        Value::Duration(days) => days * 24.0,
        Value::Text(t) => hours_of_text(t).ok_or_else(bad)?,
        Value::Error(e) => return Err(RowReason::CellError { column: Column::Hours, value: e.clone() }),
        Value::DateTime(dt) => duration_as_date(dt).ok_or_else(bad)?,
        Value::Bool(_) => return Err(bad()),
    };
    if !hours.is_finite() || hours < 0.0 {
        return Err(bad());
    }
    if hours > f64::from(MAX_HOURS) {
        return Err(RowReason::HoursTooLarge { value: v.display(), limit: MAX_HOURS });
    }
    Ok(Some((hours * 100.0).round() as u32))
}

/// A duration of a day or more in a cell formatted as a time of day (`h:mm`: 25:30 shows as 1:30),
/// which the reader gives as a date in Excel's first days (1900-01-01 01:30): its hours. A later
/// date is a date, not hours.
fn duration_as_date(dt: &chrono::NaiveDateTime) -> Option<f64> {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(chrono::NaiveTime::MIN));
    // Excel's day 1 is 1 January 1900; from day 60 on it counts a 29 February 1900 that never was.
    let epoch = if *dt < day(1900, 3, 1)? { day(1899, 12, 31)? } else { day(1899, 12, 30)? };
    (dt.date() < chrono::NaiveDate::from_ymd_opt(1902, 1, 1)?)
        .then(|| (*dt - epoch).num_seconds() as f64 / 3600.0)
}

/// Hours typed as text (see [`read_hours`]).
fn hours_of_text(text: &str) -> Option<f64> {
    let lower = text.trim().to_lowercase();
    if let Some(iso) = lower.strip_prefix("pt") {
        return iso_duration(iso);
    }
    let lower = lower.replace('½', ".5");
    let t = ["timmar", "tim", "h"].iter().find_map(|u| lower.strip_suffix(u)).unwrap_or(&lower).trim_end();
    if let Some((h, rest)) = t.split_once(':') {
        let (m, s) = rest.split_once(':').unwrap_or((rest, "0"));
        let whole = |x: &str| {
            (!x.is_empty() && x.bytes().all(|b| b.is_ascii_digit())).then(|| x.parse::<f64>().ok())?
        };
        let (h, m, s) = (whole(h)?, whole(m)?, whole(s)?);
        return (m < 60.0 && s < 60.0).then_some(h + m / 60.0 + s / 3600.0);
    }
    numbers_and_units(&lower)
}

/// Hours as numbers, each with a unit or none: `2`, `2,5 h`, `3 t`, `1 tim 30 min`, `2h30`, `30
/// min`, `1 012,5` (digits in groups of three after a space are one number).
fn numbers_and_units(text: &str) -> Option<f64> {
    let is_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mut compact = String::new();
    let mut previous_digits = false;
    for token in text.split([' ', '\u{a0}', '\u{202f}']).filter(|t| !t.is_empty()) {
        let group = token.get(..3).is_some_and(is_digits)
            && token.get(3..).is_some_and(|r| {
                r.is_empty() || r.starts_with([',', '.']) || !r.starts_with(|c: char| c.is_ascii_digit())
            });
        // After a number, another number is a group of its digits ("1 012") or not one ("2 30").
        let after_number = compact.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
        if after_number && token.starts_with(|c: char| c.is_ascii_digit()) && !(previous_digits && group) {
            return None;
        }
        previous_digits = is_digits(token);
        compact.push_str(token);
    }
    let (mut hours, mut pairs, mut after_hours) = (0.0, 0, false);
    let mut rest = compact.as_str();
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(rest.len());
        let (number, after) = rest.split_at(end);
        let end = after.find(|c: char| c.is_ascii_digit() || c == '.' || c == ',').unwrap_or(after.len());
        let (unit, next) = after.split_at(end);
        let per_hour = match unit {
            // A bare number after hours is minutes: 2h30.
            "" if after_hours => 60.0,
            "" | "h" | "t" | "tim" | "timme" | "timmar" => 1.0,
            "min" | "m" | "minut" | "minuter" => 60.0,
            _ => return None,
        };
        hours += decimal_number(number)? / per_hour;
        (pairs, after_hours, rest) = (pairs + 1, per_hour == 1.0 && !unit.is_empty(), next);
    }
    (pairs > 0).then_some(hours)
}

/// A number with at most one decimal comma or point and at most two decimals: `12`, `12,5`, `.5`.
fn decimal_number(text: &str) -> Option<f64> {
    let (whole, decimals) = text.split_once([',', '.']).unwrap_or((text, ""));
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && decimals.is_empty())
        || !all_digits(whole)
        || !all_digits(decimals)
        || decimals.len() > 2
    {
        return None;
    }
    format!("0{whole}.{decimals}0").parse().ok()
}

/// An ISO 8601 duration's time part after `PT` (`01H30M00S`, `1H`, `45M`, `1.5H`), in hours.
fn iso_duration(text: &str) -> Option<f64> {
    let (mut hours, mut number) = (0.0, String::new());
    let mut any = false;
    for c in text.chars() {
        match c {
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            'h' | 'm' | 's' => {
                let n: f64 = number.parse().ok()?;
                hours += n / match c {
                    'h' => 1.0,
                    'm' => 60.0,
                    _ => 3600.0,
                };
                number.clear();
                any = true;
            }
            _ => return None,
        }
    }
    (any && number.is_empty()).then_some(hours)
}
