//! The reminder of a planned activity (`[[pledge.plan]]`): to the party that does it (or the
//! pledge's owners), `mail.plan_reminder_days` before its day or week, once (its key), while it is
//! not done and the period's follow-up has not gone.

use chrono::NaiveDate;

use super::{Decisions, Kind, Memory, Notice, pledge_recipients};
use crate::config::Config;
use crate::pledge::{PlanDate, Planned};
use crate::rules::PledgeStanding;
use crate::rules::plan::PlanState;

/// What names a planned activity in its notice (`source`) and its key: its day or week and a hash
/// of what it is (`2019-05-14/3f2a9c1b`), so that reordering the plan changes no key.
pub(crate) fn plan_ref(p: &Planned) -> String {
    let when = match p.when {
        PlanDate::Day(d) => d.to_string(),
        PlanDate::Week { year, week } => format!("{year}-W{week:02}"),
    };
    let hash = blake3::hash(p.what.as_bytes()).to_hex();
    format!("{when}/{}", &hash[..8])
}

/// The planned activities of `standings` whose reminder is due on `as_of`, one notice per person.
pub(super) fn planned(
    config: &Config,
    standings: &[PledgeStanding],
    memory: &Memory,
    as_of: NaiveDate,
    d: &mut Decisions,
) {
    let lead = u64::from(config.mail.plan_reminder_days);
    if lead == 0 {
        return;
    }
    for s in standings.iter().filter(|s| !memory.reports_mailed.contains_key(&s.period)) {
        for p in &s.planned {
            let due = matches!(p.state, PlanState::Upcoming | PlanState::Due)
                && p.planned
                    .when
                    .first()
                    .checked_sub_days(chrono::Days::new(lead))
                    .is_some_and(|from| from <= as_of);
            if !due {
                continue;
            }
            let by = match &p.planned.party {
                Some(party) => config
                    .parties
                    .iter()
                    .filter(|x| &x.id == party)
                    .flat_map(|x| &x.contacts)
                    .map(String::as_str)
                    .collect(),
                None => pledge_recipients(config, &s.pledge),
            };
            let reference = plan_ref(&p.planned);
            for to in by {
                d.notices.push(Notice {
                    key: format!("{}/{}/{}/{reference}/{to}", Kind::Planned.as_str(), s.pledge, s.period),
                    kind: Kind::Planned,
                    to: to.to_owned(),
                    pledge: Some(s.pledge.clone()),
                    period: None,
                    source: Some(reference.clone()),
                    problems: Vec::new(),
                });
            }
        }
    }
}
