//! The Swedish words of the printed follow-up's page furniture and charts: page numbers, the draft
//! watermark, month and sub-period abbreviations, chart labels and legends, and what a chart shows
//! for screen readers.
//!
//! Pure: words only; the figures come from the caller.

use chrono::{Datelike, NaiveDate};

use super::long_date;
use crate::messages::measure::amount;

/// The page number in a printed report's footer: `sida 3 av 12`.
pub(crate) fn page_number(page: usize, pages: usize) -> String {
    format!("sida {page} av {pages}")
}

/// What a screen reader says of a chart that came without a description (never in a real report).
pub(crate) fn chart_without_description() -> String {
    "Diagram".to_owned()
}

/// The word across every page of a draft report, as a watermark.
pub(crate) fn draft_watermark() -> String {
    "UTKAST".into()
}

const MONTH_ABBR: [&str; 12] =
    ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/// `jan` … `dec` for 1 … 12.
pub(crate) fn month_abbr(month: u32) -> &'static str {
    MONTH_ABBR[(month.clamp(1, 12) - 1) as usize]
}

/// The short name of a month, quarter or term starting on `start`, under a chart's box: `jul`,
/// `kv 3`, `VT` (spring term) or `HT` (autumn term).
pub(crate) fn sub_period_abbr(each: crate::pledge::SubPeriod, start: NaiveDate) -> String {
    use crate::pledge::SubPeriod;
    match each {
        SubPeriod::Month => month_abbr(start.month()).to_owned(),
        SubPeriod::Quarter => format!("kv {}", start.month0() / 3 + 1),
        SubPeriod::Term if start.month() <= 6 => "VT".into(),
        SubPeriod::Term => "HT".into(),
        SubPeriod::Week => format!("v {}", start.iso_week().week()),
        SubPeriod::Day | SubPeriod::Occasion => format!("{}/{}", start.day(), start.month()),
    }
}

/// The label of the target line in a chart: `Mål 156`.
pub(crate) fn chart_target(target: &str) -> String {
    format!("Mål {target}")
}

/// Legend: what was done (`capped`: a pledge in parts' count toward its target).
pub(crate) fn chart_done(capped: bool) -> String {
    if capped {
        "Genomfört mot målet, varje del högst sitt mål".into()
    } else {
        "Genomfört, sammanlagt".into()
    }
}

/// Legend: the pace line.
pub(crate) fn chart_pace() -> String {
    "Takt för att nå målet".into()
}

/// Legend of an ongoing pledge's boxes.
pub(crate) fn chart_covered() -> String {
    "Genomfört".into()
}

/// Legend of an ongoing pledge's boxes.
pub(crate) fn chart_missed() -> String {
    "Saknas".into()
}

/// Legend of an ongoing pledge's boxes: one under way, or (with none under way) those to come.
pub(crate) fn chart_open(open: bool, upcoming: bool) -> String {
    match (open, upcoming) {
        (true, true) => "Pågår eller kommande".into(),
        (false, true) => "Kommande".into(),
        _ => "Pågår".into(),
    }
}

/// What a cumulative chart shows, for screen readers.
pub(crate) fn chart_cumulative_description(c: &crate::report::chart::Cumulative<'_>, done: u32) -> String {
    let m = c.measure;
    let target = c.target.map(|t| format!(", mot målet {}", amount(m, t))).unwrap_or_default();
    let counted = if c.capped {
        format!("{} mot målet (varje del räknad högst till sitt mål)", amount(m, done))
    } else {
        format!("sammanlagt {}", super::result_count(done, m))
    };
    format!(
        "Diagram: {}, {counted} från {} till {}{target}.",
        c.title,
        long_date(c.start),
        long_date(c.until)
    )
}

/// What a chart of days, weeks, months, quarters or terms (`plural`) shows, for screen readers;
/// `reached`: what a covered one has in hours (`med minst 10 timmar`), `None` for activities.
pub(crate) fn chart_sub_periods_description(
    title: &str,
    covered: usize,
    of: usize,
    plural: &str,
    reached: Option<&str>,
) -> String {
    let reached = reached.unwrap_or("med genomförda aktiviteter");
    format!("Diagram: {title}, {covered} av {of} {plural} {reached}.")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_done_is_singular() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let chart = |capped| crate::report::chart::Cumulative {
            title: "Vandringar",
            start: d("2019-01-01"),
            end: d("2019-12-31"),
            until: d("2019-12-31"),
            done: Vec::new(),
            pace: Vec::new(),
            target: Some(2),
            capped,
            measure: crate::pledge::Measure::Activities,
        };
        let said = |n| super::chart_cumulative_description(&chart(false), n);
        assert_eq!(
            said(1),
            "Diagram: Vandringar, sammanlagt 1 genomförd från 1 januari 2019 till 31 december 2019, mot målet 2."
        );
        assert!(said(2).contains("sammanlagt 2 genomförda"));
        assert_eq!(
            super::chart_cumulative_description(&chart(true), 3),
            "Diagram: Vandringar, 3 mot målet (varje del räknad högst till sitt mål) från 1 januari 2019 \
             till 31 december 2019, mot målet 2."
        );
        let (a, h) = (crate::pledge::Measure::Activities, crate::pledge::Measure::Hours);
        assert_eq!(super::super::done_heading(1, 3, a), "Genomförda aktiviteter (1 rad, sammanlagt 3)");
        assert_eq!(super::super::done_heading(4, 9, a), "Genomförda aktiviteter (4 rader, sammanlagt 9)");
        assert_eq!(super::super::done_heading(3, 3, a), "Genomförda aktiviteter (3)");
        assert_eq!(
            super::super::done_heading(3, 300, h),
            "Genomförda aktiviteter (3 rader, sammanlagt 3 timmar)",
            "hours are never rows"
        );
        let hours = crate::report::chart::Cumulative { measure: h, target: Some(400_000), ..chart(false) };
        assert_eq!(
            super::chart_cumulative_description(&hours, 101_250),
            "Diagram: Vandringar, sammanlagt 1012,5 timmar från 1 januari 2019 till 31 december 2019, mot målet 4000 timmar."
        );
    }
}
