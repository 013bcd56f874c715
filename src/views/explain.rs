//! `explain`: the row-by-row account of one pledge's figure, the rows counted and not, and the row
//! errors that may be missing from it.
//!
//! Pure: takes the standing and what the store holds, returns text; what people read about a
//! pledge is Swedish and comes from `messages`.

use std::collections::HashMap;
use std::fmt::Write;

use crate::config::Config;
use crate::messages::measure::{decimal, number};
use crate::messages::standing as sv;
use crate::model::{Activity, Log, RowError};
use crate::pledge::Measure;
use crate::rules::{Exclusion, NotCounted, PledgeStanding};

use super::count;

/// The account of one pledge: its rule and figures, then every row that counted, every row of its
/// kinds that did not and why, and the row errors that may concern it, each with file, sheet and row.
pub(crate) fn explain(config: &Config, s: &PledgeStanding, log: &Log) -> String {
    let mut out = String::new();
    let Some(p) = config.pledges.iter().find(|p| p.id == s.pledge) else { return out };
    let by_id: HashMap<i64, &Activity> = log.activities.iter().map(|a| (a.id, a)).collect();
    let _ = writeln!(out, "{} – {} (period {}, as of {})", p.id, p.title, s.period, s.as_of);
    let _ = writeln!(out, "Promise: {}", p.promise);
    let _ = writeln!(out, "Rule:    {}", sv::rule_text(p, s.target));
    if let Some(i) = &s.indicator {
        explain_indicator(&mut out, s, i);
        explain_row_errors(&mut out, config, s, log);
        return out;
    }
    let _ = writeln!(out, "Status:  {}", figures(s));
    let note = sv::note(s, p);
    if !note.is_empty() {
        let _ = writeln!(out, "Note:    {note}");
    }
    if !s.parts.is_empty() {
        let _ = writeln!(out, "\nParts:");
        for part in &s.parts {
            let ps = &part.standing;
            let m = ps.count_measure();
            let of = ps.target.map(|t| format!(" of {}", number(m, t))).unwrap_or_default();
            let rows = count(ps.counted.len(), "row", "rows");
            let n = number(m, ps.count);
            let _ = writeln!(out, "  {:22} {n:>3}{of:<7} {:28} {rows}", part.name, sv::label(ps));
        }
    }
    if !s.sub_periods.is_empty() {
        let _ = writeln!(out, "\nSub-periods:");
        for sp in &s.sub_periods {
            let _ = writeln!(
                out,
                "  {:22} {:>3}  {}",
                sv::label_of(sp),
                number(s.measure, sp.count),
                sv::cover_state_label(sp.state)
            );
        }
    }
    let done = match s.measure {
        Measure::Activities => count(s.activities as usize, "activity", "activities"),
        Measure::Hours => format!("{} hours", number(s.measure, s.activities)),
    };
    let _ = writeln!(out, "\nCounted: {done} on {}", count(s.counted.len(), "row", "rows"));
    for id in &s.counted {
        if let Some(a) = by_id.get(id) {
            let _ = writeln!(out, "  {}{}", activity_line(a), parts_of(s, *id));
        }
    }
    let (later, not): (Vec<&NotCounted>, Vec<&NotCounted>) =
        s.not_counted.iter().partition(|n| n.reason == Exclusion::AfterAsOf);
    let _ = writeln!(out, "\nNot counted: {}", count(not.len(), "row", "rows"));
    for n in not {
        if let Some(a) = by_id.get(&n.activity) {
            let _ = writeln!(out, "  {}\n      {}", activity_line(a), sv::exclusion(&n.reason, s.as_of));
        }
    }
    if !later.is_empty() {
        let _ = writeln!(
            out,
            "\nDated after {} (not counted yet): {}",
            s.as_of,
            count(later.len(), "row", "rows")
        );
        for n in later {
            if let Some(a) = by_id.get(&n.activity) {
                let _ = writeln!(out, "  {}", activity_line(a));
            }
        }
    }
    explain_row_errors(&mut out, config, s, log);
    out
}

/// A pledge measured by an indicator: its status, its note, and each value of the period with the
/// file, sheet and row it was read from (and those that disagree, and the baseline's).
fn explain_indicator(out: &mut String, s: &PledgeStanding, i: &crate::rules::indicator::IndicatorStanding) {
    use crate::messages::indicator::{figure, value, when};
    let _ = writeln!(out, "Status:  {}: {}", sv::label(s), figure(i));
    let _ = writeln!(out, "Note:    {}", crate::messages::indicator::note(i));
    let line = |r: &crate::model::Reading| {
        let origin = if r.origin.is_empty() {
            String::new()
        } else {
            format!(" · {}", crate::text::quoted(&r.origin))
        };
        format!(
            "  {:10} {:>12}{origin} · {} · {} · row {}",
            when(r.measured),
            value(r.value, &i.unit),
            crate::text::printable(&r.source.file),
            crate::text::quoted(&r.source.sheet),
            r.source.row.unwrap_or(0)
        )
    };
    let _ = writeln!(
        out,
        "
Values of {} in the period: {}",
        crate::text::quoted(&i.indicator),
        i.history.len()
    );
    for r in &i.history {
        let _ = writeln!(out, "{}", line(r));
    }
    if !i.conflict.is_empty() {
        let _ = writeln!(
            out,
            "
Disagreeing values of the latest measurement (none is judged):"
        );
        for r in &i.conflict {
            let _ = writeln!(out, "{}", line(r));
        }
    }
    if let Some(r) = i.baseline.as_ref().and_then(|b| b.reading.as_ref()) {
        let _ = writeln!(
            out,
            "
Baseline read from:
{}",
            line(r)
        );
    }
}

/// The status and the figures: `Efter: count 3, target 156, expected 83,8, projection 5,9`.
fn figures(s: &PledgeStanding) -> String {
    let cm = s.count_measure();
    let mut figures = format!("{}: count {}", sv::label(s), number(cm, s.count));
    if let Some(t) = s.target {
        let _ = write!(figures, ", target {}", number(cm, t));
    }
    if let Some(x) = s.expected {
        let _ = write!(figures, ", expected {}", decimal(cm, x, 1));
    }
    if let Some(x) = s.projection {
        let _ = write!(figures, ", projection {}", decimal(cm, x, 1));
    }
    figures
}

/// The parts a counted row counts in, for a pledge in parts: ` · part: Metro, Kåken`.
fn parts_of(s: &PledgeStanding, id: i64) -> String {
    let names: Vec<&str> =
        s.parts.iter().filter(|p| p.standing.counted.contains(&id)).map(|p| p.name.as_str()).collect();
    if names.is_empty() { String::new() } else { format!(" · part: {}", names.join(", ")) }
}

/// The row errors that may concern a pledge, each with file, sheet and row, as a log keeper reads it.
fn explain_row_errors(out: &mut String, config: &Config, s: &PledgeStanding, log: &Log) {
    let errors: HashMap<i64, &RowError> = log.row_errors.iter().map(|e| (e.id, e)).collect();
    let _ = writeln!(out, "\nRow errors that may concern this pledge: {}", s.row_errors.len());
    for id in &s.row_errors {
        if let Some(e) = errors.get(id) {
            let _ = writeln!(
                out,
                "  {} · {} · row {}\n      {}",
                crate::text::printable(&e.source.file),
                crate::text::quoted(&e.source.sheet),
                e.source.row.unwrap_or(0),
                crate::messages::problem_and_advice(&e.reason, &crate::messages::Hints::of(config))
            );
        }
    }
}

/// One activity with where it came from; never `Ansvarig` or `Kommentar` (they are not stored).
fn activity_line(a: &Activity) -> String {
    let mut line = format!(
        "{}  {:>3}  {}{} · {} · row {}",
        a.date,
        a.count,
        a.hours.map(|h| format!("{} h · ", number(Measure::Hours, h))).unwrap_or_default(),
        crate::text::printable(&a.source.file),
        crate::text::quoted(&a.source.sheet),
        a.source.row.unwrap_or(0)
    );
    for (label, value) in [("Plats", &a.place), ("Samverkan", &a.partners), ("Taggar", &a.tags)] {
        if !value.is_empty() {
            let _ = write!(line, " · {label}: {}", crate::text::quoted(value));
        }
    }
    line
}
