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
            // Up to a terabyte unpacked, a billion cells, 64 GB for the reader: far beyond any log,
            // and far from overflowing.
            max_unpacked_bytes: self.in_range(
                &raw.max_unpacked_mb,
                "ingest.max_unpacked_mb",
                d.max_unpacked_bytes >> 20,
                1..=1 << 20,
            ) << 20,
            max_rows: self.in_range(&raw.max_rows, "ingest.max_rows", d.max_rows, 1..=1 << 24),
            max_cells: self.in_range(&raw.max_cells, "ingest.max_cells", d.max_cells, 1..=1_000_000_000),
            reader_memory_mb: self.in_range(
                &raw.reader_memory_mb,
                "ingest.reader_memory_mb",
                d.reader_memory_mb,
                256..=1 << 16,
            ),
            reader_cpu_seconds: self.in_range(
                &raw.reader_cpu_seconds,
                "ingest.reader_cpu_seconds",
                d.reader_cpu_seconds,
                1..=86_400,
            ),
            // Excel holds at most 32,767 characters in a cell.
            max_cell_chars: self.in_range(
                &raw.max_cell_chars,
                "ingest.max_cell_chars",
                d.max_cell_chars,
                100..=32_767,
            ),
            total_labels,
        }
    }

    pub(super) fn columns(&mut self, raw: &RawColumns) -> Vec<(Column, Vec<String>)> {
        let aliases = |c: Column| match c {
            Column::Date => &raw.date,
            Column::Activity => &raw.activity,
            Column::Count => &raw.count,
            Column::Hours => &raw.hours,
            Column::Place => &raw.place,
            Column::Partners => &raw.partners,
            Column::Tags => &raw.tags,
            Column::Responsible => &raw.responsible,
            Column::Comment => &raw.comment,
            Column::Municipality => &raw.municipality,
            Column::Indicator => &raw.indicator,
            Column::Year => &raw.year,
            Column::Value => &raw.value,
            Column::Origin => &raw.origin,
            Column::Pledge => &raw.pledge,
            Column::Week => &raw.week,
            Column::Planned => &raw.planned,
            Column::Party => &raw.party,
        };
        // Every column's own name first: an alias may not take another column's ("Aktivitet" as a
        // name of Datum would make no sheet readable).
        let mut seen: HashMap<String, Column> = Column::ALL
            .iter()
            .flat_map(|c| {
                std::iter::once(c.header()).chain(c.other_names().iter().copied()).map(|n| (normalize(n), *c))
            })
            .collect();
        let mut out = Vec::new();
        for column in Column::ALL {
            let mut names = vec![column.header().to_owned()];
            names.extend(column.other_names().iter().map(|n| (*n).to_owned()));
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
