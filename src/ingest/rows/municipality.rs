//! Whose a row is: the municipality its `Kommun` cell names, by the log's route (a municipality
//! alone, its own log in a police area, or the area's shared log). Pure.

use super::{Dictionary, NO_COLUMN, Route, Value, cell};
use crate::model::{Column, RowReason};
use crate::names::Vocabulary;

/// The row's municipality (its scope) and that municipality's activities (and name, in a shared
/// log); or why it has none, with the scope of the one its `Kommun` cell most resembles (empty when
/// none is near).
pub(super) fn read_municipality<'d>(
    dict: &'d Dictionary,
    v: &Value<'_>,
) -> Result<(&'d str, &'d Vocabulary, Option<&'d str>), (RowReason, &'d str)> {
    let (names, each) = match &dict.route {
        Route::One(scope) => return Ok((scope, &dict.vocabulary, None)),
        Route::Own { scope, name, names, own } => {
            return match v {
                Value::Empty | Value::Error(_) => Ok((scope, &dict.vocabulary, None)),
                other => match names.lookup(&other.display()) {
                    Ok(i) if i != *own => Err((
                        RowReason::OfAnotherMunicipality { value: other.display(), own: name.clone() },
                        scope,
                    )),
                    _ => Ok((scope, &dict.vocabulary, None)),
                },
            };
        }
        Route::ByColumn { names, each } => (names, each),
    };
    let text = match v {
        Value::Empty => return Err((RowReason::MissingMunicipality, "")),
        Value::Error(e) => {
            return Err((RowReason::CellError { column: Column::Municipality, value: e.clone() }, ""));
        }
        other => other.display(),
    };
    match names.lookup(&text) {
        Ok(i) => Ok((&each[i].0, &each[i].2, Some(&each[i].1))),
        Err(suggestion) => {
            let resembles = suggestion.and_then(|s| names.suggested(s)).map_or("", |i| each[i].0.as_str());
            let suggestion = suggestion.map(str::to_owned);
            Err((RowReason::UnknownMunicipality { value: text, suggestion }, resembles))
        }
    }
}

/// The scope of the municipality a row of an indicator or plan sheet is about; when its `Kommun`
/// cannot say, the one it most resembles (empty when none is near), the reason in `problems`.
pub(super) fn row_scope<'d>(
    dict: &'d Dictionary,
    cells: &[Value<'_>; NO_COLUMN],
    problems: &mut Vec<RowReason>,
) -> &'d str {
    match read_municipality(dict, cell(cells, Column::Municipality)) {
        Ok((scope, _, _)) => scope,
        Err((reason, resembles)) => {
            problems.push(reason);
            resembles
        }
    }
}
