//! Corrections: once a period's follow-up is mailed, the figures it stated are remembered; a figure
//! that changes afterwards (a log re-saved late) is one correction to the follow-up's recipients and
//! the coordinator, not an outcome mail. Pure, like the rest of [`super`].

use super::{Decisions, Kind, Memory, Notice};
use crate::config::Config;
use crate::rules::PledgeStanding;

/// A pledge's figure as a mailed follow-up stated it (or as the last correction told it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportedFigure {
    /// The period.
    pub(crate) period: String,
    /// The pledge.
    pub(crate) pledge: String,
    /// Its count; of a pledge measured by an indicator, its latest value in thousandths
    /// ([`NO_VALUE`] without one).
    pub(crate) count: i64,
    /// Its verdict's name (`Verdict::as_str`), empty when it had none.
    pub(crate) verdict: String,
}

impl ReportedFigure {
    /// The figure of a standing in a period that is over.
    pub(crate) fn of(s: &PledgeStanding) -> ReportedFigure {
        ReportedFigure {
            period: s.period.clone(),
            pledge: s.pledge.clone(),
            count: match &s.indicator {
                Some(i) => i.latest.as_ref().map_or(NO_VALUE, |r| r.value),
                None => i64::from(s.count),
            },
            verdict: crate::rules::verdict::final_verdict(s).map_or("", |v| v.as_str()).to_owned(),
        }
    }
}

/// The figure stated of an indicator without a value.
pub(crate) const NO_VALUE: i64 = i64::MIN;

/// A pledge whose figure changed after its follow-up was mailed: as stated then, and now.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Correction<'a> {
    /// As the follow-up (or the last correction) stated it.
    pub(crate) was: &'a ReportedFigure,
    /// Where it stands now.
    pub(crate) now: &'a PledgeStanding,
}

/// The corrections of the mailed follow-up of `period`: its pledges (in `finished`, the standings
/// of the periods whose follow-up was mailed) whose count or verdict is no longer what was stated.
pub(crate) fn corrections<'a>(
    memory: &'a Memory,
    finished: &'a [PledgeStanding],
    period: &str,
) -> Vec<Correction<'a>> {
    finished
        .iter()
        .filter(|s| s.period == period)
        .filter_map(|s| {
            let was = memory.reported.iter().find(|r| r.period == s.period && r.pledge == s.pledge)?;
            (*was != ReportedFigure::of(s)).then_some(Correction { was, now: s })
        })
        .collect()
}

/// For each mailed follow-up whose figures changed, one correction to each of its recipients and the
/// coordinator,
/// under a key naming the changes (a later change is told again), and the new figures remembered.
pub(super) fn correct(config: &Config, memory: &Memory, finished: &[PledgeStanding], d: &mut Decisions) {
    for period in memory.reports_mailed.keys() {
        let changes = corrections(memory, finished, period);
        let Some(plan) = config.report.plan(period).filter(|_| !changes.is_empty()) else { continue };
        let said: Vec<String> = changes
            .iter()
            .map(|c| {
                let now = ReportedFigure::of(c.now);
                format!("{}:{}:{}>{}:{}", now.pledge, c.was.count, c.was.verdict, now.count, now.verdict)
            })
            .collect();
        let hash = blake3::hash(said.join("\n").as_bytes()).to_hex()[..16].to_owned();
        // The coordinator too: the one who makes the corrected version.
        let mut to = plan.recipients();
        to.extend(config.mail.coordinator.as_deref().filter(|c| !to.contains(c)));
        for person in to {
            d.notices.push(Notice {
                key: format!("{}/{period}/{hash}/{person}", Kind::Correction.as_str()),
                kind: Kind::Correction,
                to: person.to_owned(),
                pledge: None,
                period: None,
                source: Some(period.clone()),
                problems: Vec::new(),
            });
        }
        d.reported.extend(changes.iter().map(|c| ReportedFigure::of(c.now)));
    }
}
