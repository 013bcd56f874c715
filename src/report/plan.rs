//! A pledge's plan in the follow-up: what was planned beside what was done (När, Vad, Part, Utfall)
//! and how many were done. Pure.

use super::content::{Entry, Input};
use super::doc::{Block, Column, Span, Table};
use crate::messages::plan::{self as words, label};
use crate::rules::plan::PlanState;

/// The heading, the sentence and the table of the pledge's plan in the period; nothing without one.
pub(super) fn table(input: &Input<'_>, e: &Entry<'_>) -> Vec<Block> {
    let plan = &e.standing.planned;
    if plan.is_empty() {
        return Vec::new();
    }
    let name = |id: &String| input.config.party(id).map_or(id.clone(), |p| p.name.clone());
    // Without a party, the owners do it together.
    let party = |id: &Option<String>| match id {
        Some(id) => name(id),
        None => e.pledge.owners.iter().map(name).collect::<Vec<_>>().join(" och "),
    };
    let done = plan.iter().filter(|p| p.state == PlanState::Done).count();
    let table = Table {
        class: "plan",
        columns: vec![
            Column::text(label::WHEN, 14),
            Column::text(label::WHAT, 40),
            Column::text(label::PARTY, 24),
            Column::text(label::OUTCOME, 20),
        ],
        rows: plan
            .iter()
            .map(|p| {
                vec![
                    words::when(p.planned.when),
                    crate::text::quoted(&p.planned.what).into_owned(),
                    party(&p.planned.party),
                    words::state(p),
                ]
            })
            .collect(),
    }
    .without_empty_columns();
    vec![
        Block::Heading { level: 3, text: label::HEADING.into(), id: None },
        Block::Paragraph(vec![Span::plain(words::done_of(done, plan.len(), input.is_final()))]),
        Block::Table(table),
    ]
}
