//! One pledge in the follow-up: its section (verdict, facts, chart, comment, activities, row
//! errors), the table of row errors, and its chart's pace line.
//!
//! Pure, like `content.rs`, whose [`Input`] and [`Entry`] it reads; it must not read the store, the
//! clock or the comments file.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::chart::{self, Cumulative};
use super::content::{Entry, Input};
use super::doc::{Block, Column, Fact, Span, Table, Tone};
use super::sources::SourceKeys;
use crate::messages::measure::number;
use crate::messages::report::{self as words, heading, label};
use crate::messages::standing::exclusion;
use crate::model::Activity;
use crate::pledge::Rule;
use crate::rules::calendar::Window;
use crate::rules::pace;
use crate::rules::verdict::Verdict;
use crate::rules::{PledgeStanding, Status};

/// The verdict (or, in a draft, the status) in words, and its colour.
pub(super) fn verdict_word(e: &Entry<'_>) -> (&'static str, Tone) {
    match e.verdict {
        Some(v) => (
            crate::messages::standing::verdict_label(v),
            match v {
                Verdict::Met | Verdict::Done => Tone::Good,
                Verdict::PartlyMet => Tone::Partial,
                Verdict::NotMet => Tone::Bad,
                Verdict::NotMeasured => Tone::Neutral,
            },
        ),
        None => (
            match &e.standing.indicator {
                Some(i) => crate::messages::indicator::draft_status(e.standing.status, i),
                None => words::draft_status(e.standing.status),
            },
            match e.standing.status {
                Status::Met => Tone::Good,
                Status::Behind => Tone::Partial,
                Status::Missed => Tone::Bad,
                Status::OnTrack | Status::Qualitative | Status::Unmeasured => Tone::Neutral,
            },
        ),
    }
}

/// The machine-readable facts of a pledge's section (HTML `data-*`).
pub(super) fn section_data(e: &Entry<'_>) -> Vec<(&'static str, String)> {
    let s = &e.standing;
    // In the rule's unit: 1012.5 hours, not 101250 hundredths.
    let own = |m: crate::pledge::Measure, units: u32| m.in_own_unit(f64::from(units)).to_string();
    let mut data = vec![
        ("pledge", e.pledge.id.clone()),
        ("status", s.status.as_str().to_owned()),
        ("count", own(s.count_measure(), s.count)),
        ("activities", own(s.measure, s.activities)),
    ];
    if s.measure == crate::pledge::Measure::Hours {
        data.push(("measure", "hours".to_owned()));
    }
    if let Some(v) = e.verdict {
        data.push(("verdict", v.as_str().to_owned()));
    }
    if let Some(t) = s.target {
        data.push(("target", own(s.count_measure(), t)));
    }
    data
}

/// The result in words: `172 genomförda, i snitt 3,3 per vecka`, `11 av 12 månader med aktivitet;
/// saknas: juli 2019`.
pub(super) fn result(e: &Entry<'_>) -> String {
    let s = &e.standing;
    let mut parts = Vec::new();
    match &e.pledge.rule {
        // A pledge in parts counts each part's sub-periods (two terms at two clubs are four): its
        // parts say them, below.
        Rule::Ongoing { .. } if !s.parts.is_empty() => {
            parts.push(words::result_count(s.activities, s.measure))
        }
        Rule::Ongoing { each, at_least } => {
            let missing = crate::messages::standing::missed_labels(s, *at_least);
            let of = s.target.unwrap_or(s.sub_periods.len() as u32);
            parts.push(words::result_count(s.activities, s.measure));
            parts.push(words::result_covered(
                s.count,
                of,
                &crate::messages::standing::sub_period_noun(*each, &e.pledge.days, of),
                &missing,
                &words::covered_with(s.measure, *at_least),
            ));
        }
        Rule::Rate { per, at_least } => {
            parts.push(words::result_count(s.activities, s.measure));
            if let Some(avg) = s.average {
                let week = *per == crate::pledge::RateUnit::Week;
                parts.push(words::result_average(avg, *at_least, week, s.measure));
            }
        }
        Rule::Share { .. } => parts.push(crate::messages::standing::share(s.count, s.of_all.unwrap_or(0))),
        Rule::Indicator(_) => {
            return s.indicator.as_ref().map(crate::messages::indicator::result).unwrap_or_default();
        }
        Rule::Total { .. } | Rule::Qualitative => parts.push(words::result_count(s.activities, s.measure)),
    }
    if !s.parts.is_empty() {
        // The figure the verdict rests on: each part counted up to its own target.
        let met = s.parts.iter().filter(|p| p.standing.status == Status::Met).count();
        parts.push(crate::messages::parts::toward_target(s));
        parts.push(crate::messages::parts::parts_met(met, s.parts.len()));
    }
    parts.extend(words::result_tags(&s.tags, s.measure));
    parts.join(", ")
}

pub(super) fn pledge_section(
    input: &Input<'_>,
    e: &Entry<'_>,
    by_id: &HashMap<i64, &Activity>,
    keys: &SourceKeys,
) -> Block {
    let config = input.config;
    let s = &e.standing;
    let owners: Vec<&str> =
        e.pledge.owners.iter().map(|o| config.party(o).map_or(o.as_str(), |p| p.name.as_str())).collect();
    let (word, tone) = verdict_word(e);
    let mut blocks = vec![
        Block::Heading { level: 2, text: e.pledge.title.clone(), id: Some(format!("lofte-{}", e.pledge.id)) },
        Block::Quote(e.pledge.promise.clone()),
        Block::Facts(vec![
            Fact::plain(label::OWNERS, owners.join(" och ")),
            Fact::plain(label::TARGET, words::target(e.pledge, s.target)),
            Fact::plain(label::RESULT, result(e)),
            Fact {
                label: (if e.verdict.is_some() { label::VERDICT } else { label::STATUS_NOW }).into(),
                value: vec![Span::badge(word, tone)],
            },
        ]),
    ];
    // An indicator counts no activities: its values are its own account of what is missing.
    let missing = match s.indicator {
        Some(_) => Vec::new(),
        None => crate::supply::Supply::period_missing(config, input.files, input.log, e.pledge, input.period),
    };
    if let (false, Some(Block::Facts(facts))) = (missing.is_empty(), blocks.last_mut()) {
        let mut parties: Vec<String> = Vec::new();
        for s in &missing {
            let name = config.party(&s.party).map_or(s.party.clone(), |p| p.name.clone());
            if !parties.contains(&name) {
                parties.push(name);
            }
        }
        let others =
            config.sources.iter().filter(|s| e.pledge.owners.contains(&s.party)).count() > missing.len();
        facts.push(Fact::plain(label::MISSING, words::missing_logs(&parties, others)));
    }
    if let (Some((before, known)), Some(Block::Facts(facts))) = (&e.previous, blocks.last_mut()) {
        let name = words::period_name(before.start, before.end);
        let known = known.as_ref().map(|b| (verdict_word(b).0, result(b)));
        let text = words::previous_result(&name, known.as_ref().map(|(v, r)| (*v, r.as_str())));
        facts.push(Fact::plain(label::PREVIOUS, text));
    }
    if let Some(c) = pledge_chart(input, e, by_id) {
        blocks.push(Block::Chart(c));
    }
    blocks.extend(super::parts::table(e));
    blocks.extend(super::plan::table(input, e));
    let comment = input.comments.get(&input.period.id, &e.pledge.id);
    let needs_comment = matches!(e.verdict, Some(Verdict::PartlyMet | Verdict::NotMet));
    if !comment.is_empty() || needs_comment {
        blocks.push(Block::Heading { level: 3, text: heading::COMMENT.into(), id: None });
        if comment.is_empty() {
            blocks.push(Block::Paragraph(vec![Span::emphasis(words::no_comment())]));
        }
        blocks.extend(comment.iter().map(|p| Block::Paragraph(vec![Span::plain(p.clone())])));
    }
    match &s.indicator {
        Some(i) => blocks.extend(super::indicator::values(i, keys)),
        None => {
            blocks.extend(counted_activities(s, by_id, keys));
            blocks.extend(not_counted_activities(input, s, by_id, keys));
        }
    }
    let ids: HashSet<i64> = s.row_errors.iter().copied().collect();
    let errors: Vec<&crate::model::RowError> =
        input.log.row_errors.iter().filter(|r| ids.contains(&r.id)).collect();
    if !errors.is_empty() {
        blocks.push(Block::Heading { level: 3, text: heading::ROW_ERRORS.into(), id: None });
        blocks.extend(row_error_table(&errors));
    }
    Block::Section { id: e.pledge.id.clone(), class: "pledge", data: section_data(e), blocks }
}

/// The heading and table of the activities that counted, by date.
fn counted_activities(s: &PledgeStanding, by_id: &HashMap<i64, &Activity>, keys: &SourceKeys) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut counted: Vec<&Activity> = s.counted.iter().filter_map(|id| by_id.get(id).copied()).collect();
    counted.sort_by(|a, b| {
        (a.date, &a.source.file, &a.source.sheet, a.source.row).cmp(&(
            b.date,
            &b.source.file,
            &b.source.sheet,
            b.source.row,
        ))
    });
    blocks.push(Block::Heading {
        level: 3,
        text: words::done_heading(counted.len(), s.activities, s.measure),
        id: None,
    });
    if counted.is_empty() {
        // Rows that are there but do not count are not "none reported": the table below says why.
        let kept_out =
            s.not_counted.iter().filter(|n| n.reason != crate::rules::Exclusion::AfterAsOf).count();
        let none = match kept_out {
            0 => words::no_activities(),
            n => words::none_counted(n),
        };
        blocks.push(Block::Paragraph(vec![Span::emphasis(none)]));
    } else {
        let table = Table {
            class: "activities",
            columns: vec![
                Column::text(label::DATE, 14),
                Column::number(label::COUNT, 8),
                Column::number(label::HOURS, 10),
                Column::text(label::PLACE, 30),
                Column::text(label::PARTNERS, 34),
                Column::text(label::SOURCE, 10),
            ],
            rows: counted
                .iter()
                .map(|a| {
                    vec![
                        a.date.to_string(),
                        a.count.to_string(),
                        match (s.measure, a.hours) {
                            (crate::pledge::Measure::Hours, Some(h)) => number(s.measure, h),
                            _ => String::new(),
                        },
                        crate::text::quoted(&a.place).into_owned(),
                        crate::text::quoted(&a.partners).into_owned(),
                        keys.cite(a),
                    ]
                })
                .collect(),
        }
        .without_empty_columns();
        // A year of twenty thousand rows is counted in the figures above; the table shows the first.
        blocks.extend(listed_as(table, crate::messages::report::activities_not_listed));
    }
    blocks
}

/// The activities of the pledge's kinds that did not count, with why; nothing when there are none.
fn not_counted_activities(
    input: &Input<'_>,
    s: &PledgeStanding,
    by_id: &HashMap<i64, &Activity>,
    keys: &SourceKeys,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Rows dated after the day (a draft's, a log filled in ahead) count when their day comes: they
    // are counted here, not listed.
    let later = s.not_counted.iter().filter(|n| n.reason == crate::rules::Exclusion::AfterAsOf).count();
    let mut not_counted: Vec<(&Activity, String)> = s
        .not_counted
        .iter()
        .filter(|n| n.reason != crate::rules::Exclusion::AfterAsOf)
        .filter_map(|n| by_id.get(&n.activity).map(|a| (*a, exclusion(&n.reason, input.as_of))))
        .collect();
    not_counted.sort_by(|(a, _), (b, _)| {
        (a.date, &a.source.file, a.source.row).cmp(&(b.date, &b.source.file, b.source.row))
    });
    if !not_counted.is_empty() {
        blocks.push(Block::Heading { level: 3, text: heading::NOT_COUNTED.into(), id: None });
        blocks.extend(listed(Table {
            class: "not-counted",
            columns: vec![
                Column::text(label::DATE, 14),
                Column::text(label::PLACE, 26),
                Column::text(label::REASON, 46),
                Column::text(label::SOURCE, 10),
            ],
            rows: not_counted
                .iter()
                .map(|(a, why)| {
                    vec![
                        a.date.to_string(),
                        crate::text::quoted(&a.place).into_owned(),
                        why.clone(),
                        keys.cite(a),
                    ]
                })
                .collect(),
        }));
    }
    if later > 0 {
        blocks.push(Block::Paragraph(vec![Span::emphasis(words::dated_later(later, input.as_of))]));
    }
    blocks
}

/// The most rows a table of the follow-up lists (row errors, refused files); the rest are counted
/// below it. A log of a hundred thousand bad rows must not make a follow-up of ten thousand pages.
pub(super) const ROWS_LISTED: usize = 200;

/// A table cut to [`ROWS_LISTED`] rows, and the sentence that counts the rest.
pub(super) fn listed(table: Table) -> Vec<Block> {
    listed_as(table, crate::messages::report::not_listed)
}

/// As [`listed`], the rest counted in `rest`'s words.
fn listed_as(mut table: Table, rest: fn(usize) -> String) -> Vec<Block> {
    let more = table.rows.len().saturating_sub(ROWS_LISTED);
    table.rows.truncate(ROWS_LISTED);
    let mut blocks = vec![Block::Table(table)];
    if more > 0 {
        blocks.push(Block::Paragraph(vec![Span::plain(rest(more))]));
    }
    blocks
}

/// The table of row errors, by file, sheet and row (at most [`ROWS_LISTED`]).
pub(super) fn row_error_table(errors: &[&crate::model::RowError]) -> Vec<Block> {
    let mut errors = errors.to_vec();
    errors.sort_by(|a, b| {
        (&a.source.file, &a.source.sheet, a.source.row).cmp(&(&b.source.file, &b.source.sheet, b.source.row))
    });
    listed(Table {
        class: "row-errors",
        columns: vec![
            Column::text(label::FILE, 34),
            Column::text(label::SHEET, 14),
            Column::number(label::ROW, 6),
            Column::text(label::ERROR, 46),
        ],
        rows: errors
            .iter()
            .map(|r| {
                vec![
                    crate::text::printable(&r.source.file).into_owned(),
                    crate::text::quoted(&r.source.sheet).into_owned(),
                    r.source.row.map(|n| n.to_string()).unwrap_or_default(),
                    crate::messages::problem(&r.reason),
                ]
            })
            .collect(),
    })
}

/// The chart of a pledge: cumulative against the pace (total, rate, qualitative without pace), or its
/// months, quarters or terms (ongoing).
fn pledge_chart(input: &Input<'_>, e: &Entry<'_>, by_id: &HashMap<i64, &Activity>) -> Option<chart::Chart> {
    let s = &e.standing;
    if let Rule::Ongoing { each, at_least } = e.pledge.rule {
        let plural =
            crate::messages::standing::sub_period_noun(each, &e.pledge.days, s.sub_periods.len() as u32);
        return (!s.sub_periods.is_empty())
            .then(|| chart::sub_periods(&e.pledge.title, &plural, &s.sub_periods, s.measure, at_least));
    }
    if let Rule::Share { .. } | Rule::Indicator(_) = e.pledge.rule {
        // A share is its figure (how many of all met the conditions); an indicator, its values.
        return None;
    }
    let window = Window::new(input.period, e.pledge.days, &e.pledge.occasions.windows);
    let pace = match s.target {
        Some(target) => pace_line(&window, target),
        None => Vec::new(),
    };
    Some(chart::cumulative(&Cumulative {
        title: &e.pledge.title,
        start: input.period.start,
        end: input.period.end,
        until: input.as_of.min(input.period.end),
        done: if s.parts.is_empty() {
            let amount = |a: &Activity| crate::rules::amount(s.measure, a);
            s.counted.iter().filter_map(|id| by_id.get(id)).map(|a| (a.date, amount(a))).collect()
        } else {
            toward_target(s, by_id)
        },
        pace,
        target: s.target,
        capped: !s.parts.is_empty(),
        measure: s.measure,
    }))
}

/// What a pledge in parts did toward its target, day by day: each part's rows in date order, taken
/// until the part's target is reached (Metro's third visit adds nothing while Kåken has none), so the
/// line ends at the whole's count.
fn toward_target(s: &crate::rules::PledgeStanding, by_id: &HashMap<i64, &Activity>) -> Vec<(NaiveDate, u32)> {
    let mut out = Vec::new();
    for part in &s.parts {
        let mut rows: Vec<&Activity> =
            part.standing.counted.iter().filter_map(|id| by_id.get(id).copied()).collect();
        rows.sort_by_key(|a| a.date);
        let mut left = part.standing.target.unwrap_or(u32::MAX);
        for a in rows {
            let n = crate::rules::amount(s.measure, a).min(left);
            left -= n;
            if n > 0 {
                out.push((a.date, n));
            }
        }
    }
    out
}

/// The expected count by each day of the window, kept only where the slope changes.
fn pace_line(window: &Window, target: u32) -> Vec<(NaiveDate, f64)> {
    let days = window.active_days();
    let all: Vec<(NaiveDate, f64)> = window
        .start
        .iter_days()
        .take_while(|d| *d <= window.end)
        .map(|d| (d, pace::expected(target, window.elapsed_days(d), days)))
        .collect();
    let mut out: Vec<(NaiveDate, f64)> = Vec::new();
    for (i, p) in all.iter().enumerate() {
        let keep = i == 0 || i + 1 == all.len() || {
            let (a, b) = (all[i - 1].1, all[i + 1].1);
            ((p.1 - a) - (b - p.1)).abs() > 1e-9
        };
        if keep {
            out.push(*p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;
    use crate::rules::parts::PartStanding;
    use crate::rules::{PledgeStanding, Status};

    #[test]
    fn a_pledge_in_parts_is_drawn_toward_its_target_each_part_up_to_its_own() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let a = |id: i64, date: &str, count: u32| Activity {
            id,
            source: Provenance { file: "logg.xlsx".into(), sheet: "Logg".into(), row: Some(id as u32) },
            date: d(date),
            kind: "besok".into(),
            count,
            hours: None,
            place: "".into(),
            partners: "".into(),
            tags: "".into(),
        };
        let rows =
            [a(1, "2019-05-01", 1), a(2, "2019-02-01", 2), a(3, "2019-03-01", 1), a(4, "2019-04-01", 3)];
        let by_id: HashMap<i64, &Activity> = rows.iter().map(|r| (r.id, r)).collect();
        let part = |name: &str, counted: Vec<i64>, count| PartStanding {
            name: name.into(),
            standing: PledgeStanding {
                counted,
                ..PledgeStanding::fixture("p", Status::OnTrack, count, Some(2), d("2019-06-30"))
            },
        };
        let mut s = PledgeStanding::fixture("p", Status::Met, 4, Some(4), d("2019-06-30"));
        // Metro: 2 on 1 February reach its 2; 1 March and 1 May add nothing. Kåken: 3 on 1 April, 2 of them.
        s.parts = vec![part("Metro", vec![1, 2, 3], 2), part("Kåken", vec![4], 2)];
        assert_eq!(toward_target(&s, &by_id), [(d("2019-02-01"), 2), (d("2019-04-01"), 2)]);
    }
}
