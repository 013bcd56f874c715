//! Who a pledge's mails name: the log keepers of its owners, and who writes a missed pledge's
//! comment for the follow-up. Pure.

use serde_json::{Value, json};

use super::MailInput;
use crate::config::Config;
use crate::messages::mail as mv;
use crate::rules::PledgeStanding;

/// Where a missed pledge's owners write why, for the follow-up: whether a comment is there already,
/// whether to ask for one (not once the follow-up is due: it goes out that day), the comments file,
/// the day the follow-up is sent (if the period has one), and the log keepers (other than the
/// reader `to`) who can write it in for them.
pub(super) fn comment_hint(input: &MailInput<'_>, s: &PledgeStanding, to: &str) -> Value {
    let config = input.config;
    let plan = config.report.plan(&s.period);
    let given = input.commented.contains(&(s.period.clone(), s.pledge.clone()));
    // Those who keep the comments file (in a police area, the keepers of the municipality's own
    // logs, not the police's).
    let writers = config.comments_keepers();
    let not_to = |email: &str| config.person(to).is_none_or(|p| email != p.email.as_str());
    let mut keepers: Vec<String> = log_keepers(config, &s.pledge)
        .iter()
        .filter(|k| writers.iter().any(|w| k["email"] == w.email.as_str()))
        .filter(|k| k["email"].as_str().is_some_and(not_to))
        .filter_map(|k| Some(mv::person_with_title(k["name"].as_str()?, k["title"].as_str()?)))
        .collect();
    if keepers.is_empty() && config.scope.is_some() {
        // A pledge of the police's alone: its comment goes to who keeps the municipality's file.
        keepers = writers
            .iter()
            .filter(|w| not_to(&w.email))
            .map(|w| mv::person_with_title(&w.name, &w.title))
            .collect();
    }
    // The comments file is on the server: those who keep the logs (and the coordinator) write in
    // it; the others send their comment to a log keeper.
    let keeps_files = writers.iter().any(|k| k.id == to) || config.mail.coordinator.as_deref() == Some(to);
    json!({
        "given": given,
        "ask": !given && plan.is_none_or(|p| input.sent_on < p.send_on),
        "writes_file": keeps_files || keepers.is_empty(),
        "file": config.report.comments.display().to_string(),
        "report_date": plan.map(|p| crate::messages::report::long_date(p.send_on)),
        "keepers": (!keepers.is_empty()).then(|| keepers.join(" eller ")),
    })
}

/// The people who keep the logs of the pledge's owners.
pub(super) fn log_keepers(config: &Config, pledge: &str) -> Vec<Value> {
    let Some(p) = config.pledges.iter().find(|p| p.id == pledge) else { return Vec::new() };
    let mut out = Vec::new();
    for source in config.sources.iter().filter(|s| p.owners.contains(&s.party)) {
        if let Some(person) = source.log_keeper.as_deref().and_then(|k| config.person(k)) {
            out.push(json!({
                "name": person.name,
                "title": person.title,
                "email": person.email,
                "source": mv::source_label(config, &source.name),
            }));
        }
    }
    out
}
