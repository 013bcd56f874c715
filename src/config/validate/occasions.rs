//! Checks of the occasions a pledge is kept around (`occasions = { names, days_before, days_after }`)
//! and of the municipality's own (`[[occasion]]` with `dates` or `spans`): each name computed
//! (`occasions::BUILT_IN`) or given, given a day in each of the pledge's periods, the windows apart.
//! Pure.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use toml::Spanned;

use super::super::raw::{RawConfig, RawOccasions, RawPledge};
use super::Validator;
use super::periods::self_periods;
use crate::occasions::{BUILT_IN, days_of};
use crate::pledge::{OccasionWindow, Occasions, Rule, SubPeriod};

/// The municipality's own occasions: each name with the first and last day of each time it falls.
pub(super) type Own = Vec<(String, Vec<(NaiveDate, NaiveDate)>)>;

/// The most days before or after an occasion that may count with it.
const MOST_DAYS_AROUND: i64 = 31;

impl Validator<'_> {
    /// The `[[occasion]]` sections: a name not computed already and not given twice, and days.
    pub(super) fn own_occasions(&mut self, raw: &RawConfig) -> Own {
        let mut seen = HashMap::new();
        let mut out = Own::new();
        for o in &raw.occasions {
            let name = o.name.get_ref().trim().to_lowercase();
            if name.is_empty() {
                self.at(&o.name, "an occasion's `name` must not be empty".into());
                continue;
            }
            if BUILT_IN.iter().any(|(b, _)| *b == name) {
                self.at(
                    &o.name,
                    format!("occasion {name:?} is computed from the calendar; remove this [[occasion]]"),
                );
                continue;
            }
            if seen.insert(name.clone(), ()).is_some() {
                self.at(
                    &o.name,
                    format!("occasion {name:?} is given twice; give all its dates in one [[occasion]]"),
                );
            }
            let mut days: Vec<(NaiveDate, NaiveDate)> =
                o.dates.iter().filter_map(|d| self.date(d, "dates")).map(|d| (d, d)).collect();
            for s in &o.spans {
                let (Some(from), Some(to)) =
                    (self.date(&s.get_ref().start, "start"), self.date(&s.get_ref().end, "end"))
                else {
                    continue;
                };
                if to < from {
                    self.at(&s.get_ref().end, format!("occasion {name:?}: a span ends before it starts"));
                } else {
                    days.push((from, to));
                }
            }
            if o.dates.is_empty() && o.spans.is_empty() {
                self.at(&o.name, format!("occasion {name:?} has no days; give `dates = [2019-06-14, ...]` or `spans = [{{ start = ..., end = ... }}]`"));
            }
            days.sort();
            out.push((name, days));
        }
        out
    }

    /// A pledge's occasions: known names, days around them in range, a day of each in each of the
    /// pledge's periods, and windows that do not overlap. An ongoing rule kept each occasion needs them.
    pub(super) fn occasions(
        &mut self,
        raw: &RawConfig,
        p: &RawPledge,
        periods: &[String],
        rule: &Rule,
        own: &Own,
    ) -> Occasions {
        let Some(spanned) = &p.occasions else {
            if matches!(rule, Rule::Ongoing { each: SubPeriod::Occasion, .. }) {
                self.at(&p.rule, format!("pledge {:?} is kept each occasion but names none; add `occasions = {{ names = [\"midsommar\", ...] }}`", p.id.get_ref()));
            }
            return Occasions::default();
        };
        let r: &RawOccasions = spanned.get_ref();
        if matches!(rule, Rule::Rate { .. }) {
            self.at(spanned, format!("pledge {:?}: a rate per week or month does not fit days around occasions; use `total` or `ongoing` with `each = \"occasion\"`", p.id.get_ref()));
        }
        let around = |v: &Option<Spanned<i64>>, this: &mut Self, key: &str| match v {
            Some(n) if !(0..=MOST_DAYS_AROUND).contains(n.get_ref()) => {
                this.at(n, format!("`{key}` must be from 0 to {MOST_DAYS_AROUND} days"));
                0
            }
            Some(n) => *n.get_ref() as u32,
            None => 0,
        };
        let (days_before, days_after) =
            (around(&r.days_before, self, "days_before"), around(&r.days_after, self, "days_after"));
        let names = self.occasion_names(r, own);
        let around = Around { days_before, days_after };
        let windows = self.occasion_windows(raw, p, periods, &names, around, own);
        if matches!(rule, Rule::Ongoing { each: SubPeriod::Occasion, .. }) {
            self.occasions_apart(p, &windows);
        }
        Occasions { names, days_before, days_after, windows }
    }

    /// The names of a pledge's occasions, each known and given once.
    fn occasion_names(&mut self, r: &RawOccasions, own: &Own) -> Vec<String> {
        if r.names.get_ref().is_empty() {
            self.at(
                &r.names,
                "`names = []` names no occasion; leave `occasions` out to count every day".into(),
            );
        }
        let mut names = Vec::new();
        for n in r.names.get_ref() {
            let name = n.get_ref().trim().to_lowercase();
            if names.contains(&name) {
                self.at(n, format!("occasion {name:?} is named twice"));
            } else if BUILT_IN.iter().any(|(b, _)| *b == name) || own.iter().any(|(o, _)| *o == name) {
                names.push(name);
            } else {
                let known: Vec<&str> =
                    BUILT_IN.iter().map(|(b, _)| *b).chain(own.iter().map(|(o, _)| o.as_str())).collect();
                let guess = crate::names::nearest(&name, known.iter().map(|k| (*k, *k)))
                    .map(|g| format!(" (did you mean {g:?}?)"))
                    .unwrap_or_default();
                self.at(n, format!("unknown occasion {name:?}{guess}; expected one of: {}, or one of the municipality's own given as [[occasion]] with its `dates`", known.join(", ")));
            }
        }
        names
    }

    /// The windows of a pledge's occasions in its periods, the days around them included: each
    /// occasion with a day in each period, the windows apart, in date order.
    fn occasion_windows(
        &mut self,
        raw: &RawConfig,
        p: &RawPledge,
        periods: &[String],
        names: &[String],
        Around { days_before, days_after }: Around,
        own: &Own,
    ) -> Vec<OccasionWindow> {
        let Some(spanned) = &p.occasions else { return Vec::new() };
        let mut windows = Vec::new();
        for period in self_periods(raw).iter().filter(|x| periods.contains(&x.id)) {
            for name in names {
                let days: Vec<(NaiveDate, NaiveDate)> = match own.iter().find(|(o, _)| o == name) {
                    Some((_, days)) => days.clone(),
                    None => (period.start.year() - 1..=period.end.year())
                        .filter_map(|y| days_of(name, y))
                        .collect(),
                };
                let mut found = false;
                for (first, last) in days.into_iter().filter(|(first, _)| period.contains(*first)) {
                    found = true;
                    let window = OccasionWindow {
                        name: name.clone(),
                        day: first,
                        start: first - Duration::days(i64::from(days_before)),
                        end: last + Duration::days(i64::from(days_after)),
                    };
                    // A row belongs to the period its date is in: days of a window past the period's
                    // edge could not count for it.
                    if window.start < period.start || window.end > period.end {
                        self.at(spanned, format!(
                            "pledge {:?}, period {:?}: the days around {name} ({} – {}) run past the period ({} – {}), and a row there belongs to the period before or after; make `days_before` or `days_after` smaller",
                            p.id.get_ref(), period.id, window.start, window.end, period.start, period.end
                        ));
                    }
                    windows.push(window);
                }
                if !found {
                    self.at(spanned, format!("pledge {:?}, period {:?}: occasion {name:?} has no day in the period; give its date under [[occasion]] `dates`", p.id.get_ref(), period.id));
                }
            }
        }
        windows.sort_by_key(|w| (w.start, w.end));
        windows
    }

    /// A pledge kept each occasion counts each window apart: two that share a day would count a row
    /// twice (pooled in a total, they count it once).
    fn occasions_apart(&mut self, p: &RawPledge, windows: &[OccasionWindow]) {
        let Some(spanned) = &p.occasions else { return };
        for pair in windows.windows(2) {
            if pair[1].start <= pair[0].end {
                let (a, b) = (&pair[0], &pair[1]);
                let days = |w: &OccasionWindow| format!("{} ({} – {})", w.name, w.start, w.end);
                self.at(spanned, format!(
                    "pledge {:?}: the days around {} and {} overlap, so a row would count for both; make `days_before` or `days_after` smaller",
                    p.id.get_ref(), days(a), days(b)
                ));
            }
        }
    }
}

/// The days around each occasion that count with it.
#[derive(Clone, Copy)]
struct Around {
    days_before: u32,
    days_after: u32,
}
