//! The parts of a pledge in the follow-up: a table of each part's target, result and verdict (in a
//! draft, its status), under the pledge's facts.
//!
//! Pure, like `pledge.rs`, whose words for one pledge it uses for each part.

use super::content::Entry;
use super::doc::{Block, Column, Table};
use super::pledge::{result, verdict_word};
use crate::messages::report::{self as words, heading, label};
use crate::pledge::Pledge;
use crate::rules::verdict::final_verdict;

/// The heading and table of a pledge's parts; nothing for a pledge that has none.
pub(super) fn table(e: &Entry<'_>) -> Vec<Block> {
    let s = &e.standing;
    if s.parts.is_empty() {
        return Vec::new();
    }
    let rows = s
        .parts
        .iter()
        .zip(&e.pledge.parts.list)
        .map(|(part, config)| {
            let pledge = config.pledge(e.pledge);
            let verdict = e.verdict.and(final_verdict(&part.standing));
            let entry = Entry::of(&pledge, part.standing.clone(), verdict);
            // A part per place is named by its place: its target need not say it again.
            let target = match e.pledge.parts.by_place {
                true => words::target(
                    &Pledge { places: e.pledge.places.clone(), ..pledge.clone() },
                    part.standing.target,
                ),
                false => words::target(&pledge, part.standing.target),
            };
            vec![part.name.clone(), target, result(&entry), verdict_word(&entry).0.to_owned()]
        })
        .collect();
    let state = if e.verdict.is_some() { label::VERDICT } else { label::STATUS_NOW };
    vec![
        Block::Heading { level: 3, text: heading::PARTS.into(), id: None },
        Block::Table(Table {
            class: "parts",
            columns: vec![
                Column::text(label::PART, 20),
                Column::text(label::TARGET, 30),
                Column::text(label::RESULT, 32),
                Column::text(state, 18),
            ],
            rows,
        }),
    ]
}
