//! How an outcome indicator's values are written: `95,1 %`, `40 %`, `1234,5 anmälningar`, with
//! as many decimals as the value has (up to three) and a decimal comma. Pure.

use crate::model::Measured;
use crate::model::indicator::Milli;
use crate::pledge::{Bound, IndicatorRule};
use crate::rules::Status;
use crate::rules::indicator::IndicatorStanding;
use crate::text::quoted;

/// A value in thousandths as a bare number: `95,1`, `40`, `-3,25`, `0,008`.
pub(crate) fn number(value: Milli) -> String {
    let sign = if value < 0 { "−" } else { "" };
    let (whole, thousandths) = (value.unsigned_abs() / 1000, value.unsigned_abs() % 1000);
    if thousandths == 0 {
        return format!("{sign}{whole}");
    }
    let decimals = format!("{thousandths:03}");
    format!("{sign}{whole},{}", decimals.trim_end_matches('0'))
}

/// A value with its unit: `95,1 %`, `12 anmälningar`, `4,2` (no unit).
pub(crate) fn value(value: Milli, unit: &str) -> String {
    match unit {
        "" => number(value),
        unit => format!("{} {unit}", number(value)),
    }
}

/// The label of an indicator's status while its period runs: it has no pace, only its latest value
/// against the target: `Når målet`, `Når inte målet`, `Inget mätvärde`, or `Oklart mätvärde` when
/// values disagree or a row that could not be read may be the latest.
pub(crate) fn status_label(status: Status, s: &IndicatorStanding) -> &'static str {
    match status {
        Status::OnTrack => "Når målet",
        Status::Behind => "Når inte målet",
        Status::Unmeasured if s.is_unclear() => "Oklart mätvärde",
        Status::Unmeasured => "Inget mätvärde",
        other => crate::messages::standing::status_label(other),
    }
}

/// An indicator's status in a draft of the follow-up: `Pågår, når målet`.
pub(crate) fn draft_status(status: Status, s: &IndicatorStanding) -> &'static str {
    match status {
        Status::OnTrack => "Pågår, når målet",
        Status::Behind => "Pågår, når inte målet",
        Status::Unmeasured if s.is_unclear() => "Pågår, oklart mätvärde",
        Status::Unmeasured => "Pågår, inget mätvärde ännu",
        other => crate::messages::report::draft_status(other),
    }
}

/// The target in words: `minst 95,1 %`, `högst 16 %`.
pub(crate) fn target(bound: Bound, unit: &str) -> String {
    match bound {
        Bound::AtLeast(v) => format!("minst {}", value(v, unit)),
        Bound::AtMost(v) => format!("högst {}", value(v, unit)),
    }
}

/// When a value was measured: `2019`, `2019-03-01`.
pub(crate) fn when(m: Measured) -> String {
    match m {
        Measured::Year(y) => y.to_string(),
        Measured::Day(d) => d.to_string(),
    }
}

/// What the rule asks: `Trygg i centrum minst 95,1 % (utgångsläge 88 % år 2018)`.
pub(crate) fn rule_text(rule: &IndicatorRule) -> String {
    let baseline = match (rule.baseline.value, rule.baseline.year) {
        (Some(v), Some(y)) => format!(" (utgångsläge {} år {y})", value(v, &rule.unit)),
        (Some(v), None) => format!(" (utgångsläge {})", value(v, &rule.unit)),
        (None, Some(y)) => format!(" (utgångsläge: mätningen år {y})"),
        (None, None) => String::new(),
    };
    format!("{} {}{baseline}", quoted(&rule.indicator), target(rule.target, &rule.unit))
}

/// The figure of a standing: `95,2 % år 2019`, `1,4 den 30 november 2023`, or `inget mätvärde`
/// (`mätvärdet oklart` when values disagree or a row that could not be read may be the latest).
pub(crate) fn figure(s: &IndicatorStanding) -> String {
    match &s.latest {
        Some(r) => format!("{} {}", value(r.value, &s.unit), measured_in(r.measured)),
        None if s.is_unclear() => "mätvärdet oklart".into(),
        None => "inget mätvärde".into(),
    }
}

/// When, in a sentence: `år 2019`, `den 30 november 2023`.
pub(crate) fn measured_in(m: Measured) -> String {
    match m {
        Measured::Year(y) => format!("år {y}"),
        Measured::Day(d) => format!("den {}", crate::messages::report::long_date(d)),
    }
}

/// The baseline in words: `88 % (2018)`, `88 %`; `None` when it is not known.
pub(crate) fn baseline(s: &IndicatorStanding) -> Option<String> {
    let b = s.baseline.as_ref()?;
    Some(match b.year {
        Some(y) => format!("{} år {y}", value(b.value, &s.unit)),
        None => value(b.value, &s.unit),
    })
}

/// How far the latest value is from a target it does not meet: `2,9 procentenheter`, `12 anmälningar`.
pub(crate) fn distance(s: &IndicatorStanding) -> Option<String> {
    let latest = s.latest.as_ref()?.value;
    let gap = (s.target.value() - latest).abs();
    if s.target.met_by(latest) {
        return None;
    }
    Some(match s.unit.as_str() {
        "%" if gap == 1000 => "1 procentenhet".into(),
        "%" => format!("{} procentenheter", number(gap)),
        unit => value(gap, unit),
    })
}

/// The note of a standing: the latest value with its source and how far it is from the target, the
/// baseline; or that there is no value yet, or two that disagree.
pub(crate) fn note(s: &IndicatorStanding) -> String {
    if !s.conflict.is_empty() {
        let each: Vec<String> = s
            .conflict
            .iter()
            .map(|r| {
                let file = r.source.file.rsplit('/').next().unwrap_or(&r.source.file);
                let row = r.source.row.map(|n| format!(", rad {n}")).unwrap_or_default();
                format!("{} ({}{row})", value(r.value, &s.unit), quoted(file))
            })
            .collect();
        let when = s.conflict.first().map(|r| when(r.measured)).unwrap_or_default();
        return format!(
            "olika värden för {when}: {}; inget av dem bedöms förrän ett står kvar",
            crate::messages::report::and_list(&each)
        );
    }
    if !s.unreadable.is_empty() {
        let one = s.unreadable.len() == 1;
        let mut by_file: Vec<(&str, Vec<String>)> = Vec::new();
        for p in &s.unreadable {
            let file = p.file.rsplit('/').next().unwrap_or(&p.file);
            let row = p.row.map(|n| n.to_string()).unwrap_or_default();
            match by_file.iter_mut().find(|(f, _)| *f == file) {
                Some((_, rows)) => rows.push(row),
                None => by_file.push((file, vec![row])),
            }
        }
        let rows: Vec<String> = by_file
            .iter()
            .map(|(file, rows)| format!("{}, rad {}", quoted(file), crate::messages::report::and_list(rows)))
            .collect();
        return format!(
            "{} i indikatorbladet kunde inte läsas och kan vara periodens senaste mätning ({}); inget värde bedöms förrän {} är rättad{}",
            if one { "en rad" } else { "rader" },
            crate::messages::report::and_list(&rows),
            if one { "den" } else { "de" },
            if one { "" } else { "e" },
        );
    }
    let Some(latest) = &s.latest else {
        return format!(
            "inget mätvärde för perioden ännu; värdet läses från ett indikatorblad med kolumnerna Indikator, År, Värde och Källa (indikatorn {})",
            quoted(&s.indicator)
        );
    };
    let mut parts = vec![format!("senast uppmätt {}", figure(s))];
    if !latest.origin.is_empty() {
        parts[0] = format!("{}, källa: {}", parts[0], quoted(&latest.origin));
    }
    if let Some(d) = distance(s) {
        parts.push(format!("{d} från målet"));
    }
    if let Some(b) = baseline(s) {
        parts.push(format!("utgångsläge {b}"));
    }
    parts.join("; ")
}

/// What was measured, for the follow-up and the public summary: `95,2 % år 2019 (källa:
/// Trygghetsmätningen 2019), från 88 % (2018)`; `inget mätvärde för perioden`.
pub(crate) fn result(s: &IndicatorStanding) -> String {
    let Some(latest) = &s.latest else {
        return if !s.conflict.is_empty() {
            "Olika mätvärden för samma mätning; inget bedöms".into()
        } else if s.unreadable.len() == 1 {
            "Mätvärdet kan inte anges: en rad i underlaget kunde inte läsas".into()
        } else if !s.unreadable.is_empty() {
            format!("Mätvärdet kan inte anges: {} rader i underlaget kunde inte läsas", s.unreadable.len())
        } else {
            "Inget mätvärde för perioden".into()
        };
    };
    let mut out = format!("{} {}", value(latest.value, &s.unit), measured_in(latest.measured));
    if !latest.origin.is_empty() {
        out = format!("{out} (källa: {})", quoted(&latest.origin));
    }
    if let Some(b) = baseline(s) {
        out = format!("{out}, från {b}");
    }
    out
}

/// The appendix's account of an indicator's figure: `95,2 % år 2019 = värdet på rad B 5
/// (utgångsläget: B 4)`; `inget mätvärde` when there is none.
pub(crate) fn trace(s: &IndicatorStanding, cite: &dyn Fn(&crate::model::Reading) -> String) -> String {
    let baseline =
        s.baseline.as_ref().and_then(|b| b.reading.as_ref()).map(|r| format!(" (utgångsläget: {})", cite(r)));
    match &s.latest {
        Some(r) => format!("{} = värdet på rad {}{}", figure(s), cite(r), baseline.unwrap_or_default()),
        None => format!("{}{}", figure(s), baseline.unwrap_or_default()),
    }
}

/// What an indicator's verdicts short of met mean, for citizens.
pub(crate) fn public_verdicts() -> String {
    "För ett löfte som mäts med en mätning (till exempel en trygghetsmätning) betyder delvis uppfyllt \
     att det senaste värdet har gått minst halva vägen från utgångsläget mot målet, och ej mätt att \
     inget säkert mätvärde för perioden har redovisats."
        .into()
}

/// What the pledge asks, for citizens: `Trygg i centrum: minst 95,1 %`.
pub(crate) fn public_target(rule: &IndicatorRule) -> String {
    format!("{}: {}", quoted(&rule.indicator), target(rule.target, &rule.unit))
}

/// The follow-up's headings about an indicator.
pub(crate) mod heading {
    pub(crate) const VALUES: &str = "Mätvärden";
}

/// The follow-up's column heads about an indicator.
pub(crate) mod label {
    pub(crate) const MEASURED: &str = "När";
    pub(crate) const VALUE: &str = "Värde";
    pub(crate) const ORIGIN: &str = "Uppgift från";
    /// The row it was read from, by the appendix's key (`A 5`), as the activities' tables say it.
    pub(crate) const READ_FROM: &str = "Källa";
}

/// Where a baseline given in the config comes from, in the follow-up's table.
pub(crate) const FROM_CONFIG: &str = "konfigurationen";

/// The baseline's line in the table of values: `Utgångsläge 2018`.
pub(crate) fn baseline_when(year: &str) -> String {
    if year.is_empty() { "Utgångsläge".into() } else { format!("Utgångsläge {year}") }
}

/// The follow-up of an indicator without values.
pub(crate) fn no_values() -> String {
    "Inga mätvärden för perioden har redovisats.".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_have_the_decimals_they_have_and_their_unit() {
        assert_eq!(number(95_100), "95,1");
        assert_eq!(number(40_000), "40");
        assert_eq!(number(-3_250), "−3,25");
        assert_eq!(number(8), "0,008");
        assert_eq!(number(0), "0");
        assert_eq!(number(-500), "−0,5");
        assert_eq!(value(95_100, "%"), "95,1 %");
        assert_eq!(value(12_000, "anmälningar"), "12 anmälningar");
        assert_eq!(value(4_200, ""), "4,2");
    }
}
