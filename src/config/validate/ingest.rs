//! Checks of `[ingest]` (the limits on what is read, the totals labels) and `[columns]` (the
//! header aliases of each column). Pure.

use std::collections::HashMap;

use super::super::IngestSettings;
use super::super::raw::{RawColumns, RawIngest};
use super::Validator;
use crate::model::Column;
use crate::names::normalize;

impl Validator<'_> {
    pub(super) fn ingest(&mut self, raw: &RawIngest) -> IngestSettings {
        let d = IngestSettings::default();
        let total_labels = match &raw.total_labels {
            None => d.total_labels.clone(),
            Some(labels) => labels
                .iter()
                .filter_map(|l| {
                    let n = normalize(l.get_ref());
                    if n.is_empty() {
                        self.at(l, "a totals label must not be empty".into());
                        None
                    } else {
                        Some(n)
                    }
                })
                .collect(),
        };
        IngestSettings {
            max_unpacked_bytes: self.positive(
                &raw.max_unpacked_mb,
                "max_unpacked_mb",
                d.max_unpacked_bytes >> 20,
            ) << 20,
            max_rows: self.positive(&raw.max_rows, "max_rows", d.max_rows),
            max_cells: self.positive(&raw.max_cells, "max_cells", d.max_cells),
            total_labels,
        }
    }

    pub(super) fn columns(&mut self, raw: &RawColumns) -> Vec<(Column, Vec<String>)> {
        let aliases = |c: Column| match c {
            Column::Date => &raw.date,
            Column::Activity => &raw.activity,
            Column::Count => &raw.count,
            Column::Place => &raw.place,
            Column::Partners => &raw.partners,
            Column::Tags => &raw.tags,
            Column::Responsible => &raw.responsible,
            Column::Comment => &raw.comment,
        };
        let mut seen: HashMap<String, Column> = HashMap::new();
        let mut out = Vec::new();
        for column in Column::ALL {
            let mut names = vec![column.header().to_owned()];
            seen.insert(normalize(column.header()), column);
            for alias in aliases(column) {
                let key = normalize(alias.get_ref());
                if key.is_empty() {
                    self.at(alias, "a column name must not be empty".into());
                    continue;
                }
                match seen.insert(key, column) {
                    Some(other) if other != column => self.at(
                        alias,
                        format!(
                            "column name {:?} is already used for `{}`",
                            alias.get_ref(),
                            other.config_key()
                        ),
                    ),
                    _ => names.push(alias.get_ref().clone()),
                }
            }
            out.push((column, names));
        }
        out
    }
}
