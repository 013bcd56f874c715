//! A cell's value as the row parser reads it, whatever the file format, and how a person reads it.
//!
//! Pure.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// A cell's value, independent of the file format.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Value<'a> {
    /// Nothing in the cell.
    #[default]
    Empty,
    /// Text, as typed.
    Text(Cow<'a, str>),
    /// A number without a date format.
    Number(f64),
    /// A time of day or a duration (`1:30`, `[h]:mm`), in days as the spreadsheet holds it.
    Duration(f64),
    /// A date or date-time cell (a number with a date format, or an ISO date cell in ods).
    DateTime(NaiveDateTime),
    /// TRUE or FALSE.
    Bool(bool),
    /// A formula error such as `#N/A`.
    Error(String),
}

impl Value<'_> {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a person would read it in the cell.
    pub(super) fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) => format_number(*n),
            Value::Duration(days) => {
                let minutes = (days * 24.0 * 60.0).round() as i64;
                format!("{}:{:02}", minutes / 60, minutes % 60)
            }
            Value::DateTime(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Value::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
            Value::Bool(b) => if *b { "SANT" } else { "FALSKT" }.to_owned(),
            Value::Error(e) => e.clone(),
        }
    }

    /// A copy that owns its text, to keep beyond the cell reader's borrow.
    pub(crate) fn into_owned(self) -> Value<'static> {
        match self {
            Value::Empty => Value::Empty,
            Value::Text(t) => Value::Text(Cow::Owned(t.into_owned())),
            Value::Number(n) => Value::Number(n),
            Value::Duration(d) => Value::Duration(d),
            Value::DateTime(d) => Value::DateTime(d),
            Value::Bool(b) => Value::Bool(b),
            Value::Error(e) => Value::Error(e),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}
