//! Checks of the `[[period]]` sections: ids, dates, and a period's school terms (`terms`). Pure.

use std::collections::HashMap;

use chrono::NaiveDate;
use toml::Spanned;

use super::super::raw::{RawConfig, RawPeriod};
use super::{Validator, is_area};
use crate::pledge::{Period, Term};

impl Validator<'_> {
    pub(super) fn periods(&mut self, raw: &RawConfig) -> Vec<Period> {
        if raw.periods.is_empty() && !is_area(raw) {
            self.error(None, "no [[period]] defined; expected at least one, e.g. id = \"2019\"".into());
        }
        let mut seen = HashMap::new();
        raw.periods
            .iter()
            .filter_map(|p| {
                self.id(&p.id, "period", &mut seen);
                let (start, end) = (self.date(&p.start, "start")?, self.date(&p.end, "end")?);
                if end < start {
                    self.at(&p.end, format!("period {:?} ends before it starts", p.id.get_ref()));
                    return None;
                }
                let terms = self.terms(p, start, end);
                Some(Period { id: p.id.get_ref().clone(), start, end, terms })
            })
            .collect()
    }

    /// A period's school terms: each within the period, in order, none overlapping the one before.
    fn terms(&mut self, p: &RawPeriod, start: NaiveDate, end: NaiveDate) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::new();
        for t in &p.terms {
            let r = t.get_ref();
            let (Some(from), Some(to)) = (self.date(&r.start, "start"), self.date(&r.end, "end")) else {
                continue;
            };
            let id = p.id.get_ref();
            if to < from {
                self.at(&r.end, format!("period {id:?}: a term ends before it starts"));
            } else if from < start || to > end {
                self.at(
                    t,
                    format!(
                        "period {id:?}: the term {from} – {to} is not within the period ({start} – {end})"
                    ),
                );
            } else if let Some(before) = out.last().filter(|b| from <= b.end) {
                self.at(
                    t,
                    format!("period {id:?}: the term {from} – {to} starts before the one before it ends ({}); list the terms in order", before.end),
                );
            } else {
                out.push(Term { start: from, end: to });
            }
        }
        out
    }
}

/// The periods that parse, without reporting errors (they are reported once, by `periods`).
pub(super) fn self_periods(raw: &RawConfig) -> Vec<Period> {
    let date = |v: &Spanned<toml::value::Datetime>| {
        let d = v.get_ref().date?;
        NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
    };
    raw.periods
        .iter()
        .filter_map(|p| {
            let terms = p
                .terms
                .iter()
                .filter_map(|t| Some(Term { start: date(&t.get_ref().start)?, end: date(&t.get_ref().end)? }))
                .collect();
            Some(Period { id: p.id.get_ref().clone(), start: date(&p.start)?, end: date(&p.end)?, terms })
        })
        .collect()
}
