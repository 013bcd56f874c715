//! What the reminder of a planned activity says: what, when and by whom, in how many days, the
//! activity to log it as, and (when its logs are in) where the pledge stands. Pure.

use serde_json::{Value, json};

use super::MailInput;
use crate::messages::plan as words;
use crate::notices::Notice;
use crate::notices::plan::plan_ref;

/// The template data of a planned activity's reminder; `None` when the config no longer has it.
pub(super) fn planned(input: &MailInput<'_>, notice: &Notice) -> Option<Value> {
    let config = input.config;
    let id = notice.pledge.as_deref()?;
    let s = input.standings.iter().find(|s| s.pledge == id)?;
    let p = config.pledges.iter().find(|p| p.id == id)?;
    let reference = notice.source.as_deref()?;
    let planned = s.planned.iter().find(|x| plan_ref(&x.planned) == reference)?;
    let party = planned.planned.party.as_deref().and_then(|x| config.party(x)).map(|x| x.name.clone());
    let activities: Vec<String> = p
        .activities
        .iter()
        .filter_map(|a| config.activities.iter().find(|k| &k.id == a).map(|k| k.name.clone()))
        .collect();
    let ready = input.supply.is_ready(config, id);
    Some(json!({
        "period": s.period,
        "what": planned.planned.what,
        "when": words::when_long(planned.planned.when),
        "in_days": words::in_days(planned.planned.when, input.sent_on),
        "party": party,
        "activities": crate::messages::standing::either(&activities),
        "pledge": {
            "title": p.title,
            "promise": p.promise,
            "rule_text": crate::messages::report::target(p, s.target),
            "figure": ready.then(|| crate::messages::mail::figure(s, p)).flatten(),
            "status_label": ready.then(|| crate::messages::standing::label(s)),
        },
    }))
}
