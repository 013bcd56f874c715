//! The one-page summary for citizens, ready for the municipality's website: what was promised, the
//! target and the result in plain words, the verdict and what it means. No names, no files, no
//! internal detail (tags, sources, comments).
//!
//! Pure, like [`super::content`], whose standings and verdicts it shares.

use super::content::{Entry, Input, section_data, summary_sentence, verdict_word};
use super::doc::{Block, Document, Span};
use crate::messages::report as words;
use crate::messages::standing::sub_period_noun;
use crate::pledge::{RateUnit, Rule};
use crate::rules::verdict::Verdict;

/// The public summary of the period.
pub(crate) fn public(input: &Input<'_>) -> Document {
    let config = input.config;
    let entries = input.entries();
    let period = input.period_name();
    let phrase = words::period_phrase(input.period.start, input.period.end);
    let signatories = words::signatories(&config.municipality, &config.police_area);
    let mut blocks = vec![
        Block::Cover {
            title: words::public_title(&period, &config.municipality, !input.is_final()),
            subtitle: signatories.clone(),
            facts: Vec::new(),
        },
        Block::Paragraph(vec![Span::plain(words::public_intro(
            &signatories,
            &phrase,
            entries.len(),
            !input.is_final(),
        ))]),
        Block::Paragraph(vec![Span::strong(summary_sentence(input))]),
    ];
    let has = |v: Verdict| entries.iter().any(|e| e.verdict == Some(v));
    // Of the pledges counted in activities; an indicator's verdicts are said apart.
    let counted = |v: Verdict| entries.iter().any(|e| e.verdict == Some(v) && e.standing.indicator.is_none());
    if let Some(meaning) = words::public_verdicts(counted(Verdict::PartlyMet), counted(Verdict::NotMet)) {
        blocks.push(Block::Paragraph(vec![Span::plain(meaning)]));
    }
    let measured =
        |v: Verdict| entries.iter().any(|e| e.verdict == Some(v) && e.standing.indicator.is_some());
    if measured(Verdict::PartlyMet) || measured(Verdict::NotMet) || has(Verdict::NotMeasured) {
        blocks.push(Block::Paragraph(vec![Span::plain(crate::messages::indicator::public_verdicts())]));
    }
    for e in entries {
        let (word, tone) = verdict_word(e);
        blocks.push(Block::Section {
            id: e.pledge.id.clone(),
            class: "pledge",
            data: section_data(e),
            blocks: vec![
                Block::Heading { level: 1, text: e.pledge.title.clone(), id: None },
                Block::Paragraph(vec![
                    Span::strong(words::public_promised()),
                    Span::plain(&e.pledge.promise),
                ]),
                Block::Paragraph(vec![
                    Span::badge(word, tone),
                    Span::plain(". "),
                    Span::plain(words::public_pledge(
                        &words::public_target(e.pledge, &phrase),
                        &result(e, input.is_final()),
                    )),
                ]),
            ]
            .into_iter()
            .chain(previous(e))
            .collect(),
        });
    }
    blocks.push(Block::Paragraph(vec![Span::emphasis(words::public_closing(input.date()))]));
    Document {
        title: input.titled(&words::public_title(&period, &config.municipality, !input.is_final())),
        date: input.date(),
        authors: vec![config.municipality.clone(), config.police_area.clone()],
        draft: input.draft(),
        footer: input
            .footer(&words::footer(&period, &words::signatories(&config.municipality, &config.police_area))),
        leaflet: true,
        blocks,
    }
}

/// Last period's verdict and result, when the pledge had one and its logs are in the store.
fn previous(e: &Entry<'_>) -> Option<Block> {
    let (before, Some(known)) = e.previous.as_ref()? else { return None };
    let name = words::period_name(before.start, before.end);
    let text = words::public_previous(&name, verdict_word(known).0, &result(known, true));
    Some(Block::Paragraph(vec![Span::plain(text)]))
}

/// What was done, in plain words: `172 genomförda, i snitt 3,3 i veckan`, `12 genomförda, alla månader utom
/// juli 2019`. Tags are left out.
fn result(e: &Entry<'_>, is_final: bool) -> String {
    let s = &e.standing;
    let times = words::result_count(s.activities, s.measure);
    if !s.parts.is_empty() {
        return format!("{times}: {}", crate::messages::parts::public_result(s, e.pledge));
    }
    match &e.pledge.rule {
        Rule::Rate { per, at_least } => match s.average {
            Some(avg) => {
                let week = *per == RateUnit::Week;
                format!("{times}, {}", words::public_average(avg, *at_least, week, s.measure))
            }
            None => times,
        },
        Rule::Ongoing { each, at_least } => {
            let missing = crate::messages::standing::missed_labels(s, *at_least);
            let of = s.sub_periods.len() as u32;
            format!(
                "{times}, {}",
                words::public_covered(
                    s.count,
                    of,
                    &sub_period_noun(*each, &e.pledge.days, of),
                    &missing,
                    is_final
                )
            )
        }
        Rule::Share { .. } => words::public_share(s.count, s.of_all.unwrap_or(0)),
        Rule::Indicator(_) => {
            s.indicator.as_ref().map(crate::messages::indicator::result).unwrap_or_default()
        }
        Rule::Total { .. } | Rule::Qualitative => times,
    }
}
