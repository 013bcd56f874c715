//! Checks of a pledge's plan (`[[pledge.plan]]`): each planned activity's day or week, in one of the
//! pledge's periods; what it is; the party, one of the pledge's owners. Pure.

use toml::Spanned;

use super::super::raw::{RawConfig, RawPledge};
use super::Validator;
use super::periods::self_periods;
use crate::pledge::{PlanDate, Planned, Rule};

impl Validator<'_> {
    /// The pledge's planned activities, in order of their dates.
    pub(super) fn plan(
        &mut self,
        raw: &RawConfig,
        p: &RawPledge,
        periods: &[String],
        rule: &Rule,
    ) -> Vec<Planned> {
        if let (Some(first), Rule::Indicator(_)) = (p.plan.first(), rule) {
            self.at(
                first,
                "a pledge measured by an indicator has no planned activities; leave `[[pledge.plan]]` out"
                    .into(),
            );
            return Vec::new();
        }
        let own = self_periods(raw);
        let mut out: Vec<Planned> = Vec::new();
        for item in &p.plan {
            let r = item.get_ref();
            self.one_line(&r.what, "what");
            let when = match (&r.date, &r.week) {
                (Some(d), None) => self.date(d, "date").map(PlanDate::Day),
                (None, Some(w)) => PlanDate::parse_week(w.get_ref()).or_else(|| {
                    let msg =
                        format!("`week` {:?} is not an ISO week; write it as \"2019-W20\"", w.get_ref());
                    self.at(w, msg);
                    None
                }),
                (Some(_), Some(w)) => {
                    self.at(w, "a planned activity has a `date` or a `week`, not both".into());
                    None
                }
                (None, None) => {
                    self.at(
                        item,
                        "a planned activity needs a `date` (2019-05-14) or a `week` (\"2019-W20\")".into(),
                    );
                    None
                }
            };
            let party = r.party.as_ref().map(|party| {
                if !p.owners.get_ref().iter().any(|o| o.get_ref() == party.get_ref()) {
                    let owners: Vec<&str> = p.owners.get_ref().iter().map(|o| o.get_ref().as_str()).collect();
                    self.at(
                        party,
                        format!(
                            "party {:?} does not own the pledge; a planned activity is done by one of its owners: {}",
                            party.get_ref(),
                            owners.join(", ")
                        ),
                    );
                }
                party.get_ref().clone()
            });
            let Some(when) = when else { continue };
            let in_periods = own.iter().filter(|x| periods.contains(&x.id));
            if !in_periods.clone().any(|x| x.contains(when.first()) || x.contains(when.last())) {
                let span = r.date.as_ref().map(Spanned::span).or_else(|| r.week.as_ref().map(Spanned::span));
                self.error(
                    span,
                    format!("the planned {:?} is in none of the pledge's periods", r.what.get_ref().trim()),
                );
            }
            out.push(Planned { when, what: r.what.get_ref().trim().to_owned(), party });
        }
        out.sort_by_key(|x| x.when.first());
        out
    }
}
