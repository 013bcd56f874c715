//! As few mails per person per pass as can be read: the reminders and outcomes decided for a person
//! in one round are merged into one message ("Uppfyllt (6), Påminnelse (1)"), and so are the notices
//! about the logs (awaited logs, rows to mend: "Väntar på loggar (2)"), each part the mail it would
//! have been alone, without its greeting and signature. The digest, the follow-up and the rest stay
//! mails of their own. A merged mail is queued under a key of its own and carries the keys of its
//! decisions (`Queued::covers`), so each is still known as sent.
//!
//! It composes every mail of a round (`compose_all`): a part, or a mail alone, about rows that were
//! mended since it was decided is left out.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::compose::{self, ComposeError, Templates};
use super::context::{self, MailInput};
use crate::config::Config;
use crate::notices::{Kind, Notice};
use crate::store::{ProblemDetail, Queued, Store};

/// What is composed of a round's notices: a notice alone, or a person's pledge mails together.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unit<'a> {
    /// One mail.
    One(&'a Notice),
    /// Two or more reminders and outcomes to the same person, in the order decided.
    Merged(Vec<&'a Notice>),
}

/// Which notices merge with which: a person's pledge mails, and a person's notices about the logs.
fn group(kind: Kind) -> Option<u8> {
    match kind {
        Kind::Reminder | Kind::Met | Kind::Missed | Kind::Planned => Some(0),
        Kind::LogsAwaited | Kind::DataQuality => Some(1),
        // A person gets one digest a week from each municipality they follow: in a police area,
        // those of a week are one mail.
        Kind::Digest => Some(2),
        _ => None,
    }
}

/// The label a part's kind gives the merged subject: the part's own subject up to its colon, or for
/// the notices about the logs (whose subjects name their source) one label each.
fn label(kind: Kind, subject: &str) -> String {
    match kind {
        Kind::LogsAwaited => "Väntar på loggar".into(),
        Kind::DataQuality => "Att rätta i loggarna".into(),
        Kind::Digest => "Veckoöversikt".into(),
        _ => subject.split_once(':').map_or(subject, |(l, _)| l).to_owned(),
    }
}

/// The units of a round, in the order decided (a merged mail where its person's first part was).
/// `who` says who a notice goes to: in a police area a person id is a municipality's own, so two
/// municipalities' `kommunalrad` are two people, and the area's `lpo-chef` is one.
pub(crate) fn units<'a>(notices: &'a [Notice], who: &dyn Fn(&Notice) -> String) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit<'a>> = Vec::new();
    for n in notices {
        let Some(g) = group(n.kind) else {
            out.push(Unit::One(n));
            continue;
        };
        let to = who(n);
        let same = |u: &Unit<'_>| match u {
            Unit::One(m) => group(m.kind) == Some(g) && who(m) == to,
            Unit::Merged(ms) => group(ms[0].kind) == Some(g) && who(ms[0]) == to,
        };
        match out.iter().position(same) {
            Some(i) => {
                if let Unit::One(first) = out[i] {
                    out[i] = Unit::Merged(vec![first]);
                }
                if let Unit::Merged(ms) = &mut out[i] {
                    ms.push(n);
                }
            }
            None => out.push(Unit::One(n)),
        }
    }
    out
}

/// A part of a merged mail: the input of its municipality, its notice and the problems it tells of.
pub(crate) type MergedPart<'i, 'n> = (&'i MailInput<'i>, &'n Notice, Vec<ProblemDetail>);

/// One part of a merged mail as its own mail would be, without greeting and signature: its data,
/// subject, text and HTML.
fn render_part(
    templates: &Templates,
    input: &MailInput<'_>,
    notice: &Notice,
    details: &[ProblemDetail],
    several: bool,
) -> Result<(Value, String, String, String), ComposeError> {
    let mut data = context::context(input, notice, details)
        .ok_or(ComposeError::NotInConfig("a pledge or person it names"))?;
    if let Value::Object(o) = &mut data {
        o.insert("in_bundle".into(), Value::Bool(true));
        o.insert("in_area_bundle".into(), Value::Bool(several));
    }
    let k = notice.kind.as_str();
    let subject = templates.render(&format!("{k}.subject"), &data)?.trim().to_owned();
    let text = templates.render(&format!("{k}.txt"), &data)?.trim().to_owned();
    let html = templates.render(&format!("{k}.html"), &data)?;
    Ok((data, subject, text, html))
}

/// Of a police area's week of digests: how many rows of its shared log name no municipality, which
/// count for none (the log's keeper is told which); 0 for other merged mails.
fn unassigned(store: &Store, parts: &[MergedPart<'_, '_>]) -> Result<usize, ComposeError> {
    let first = &parts[0].0.config.scope;
    let area_digest = parts.iter().all(|(_, n, _)| n.kind == Kind::Digest)
        && parts.iter().any(|(i, _, _)| i.config.scope != *first);
    if !area_digest {
        return Ok(0);
    }
    Ok(store.totals_of("")?.1)
}

/// The merged mail of `parts` (all to one person), each with the input of its municipality: each
/// part rendered as its own mail would be, without greeting and signature, under its own subject.
/// Parts of several municipalities (a police area) name their municipality, and `area` (the area's
/// `config.toml`) signs and sends the mail; the pledges needing attention in the digests come first,
/// across the municipalities.
pub(crate) fn compose_merged(
    templates: &Templates,
    parts: &[MergedPart<'_, '_>],
    area: Option<&Config>,
    unassigned: usize,
    now: DateTime<Utc>,
) -> Result<Queued, ComposeError> {
    let (first, notice, _) = &parts[0];
    let several = parts.iter().any(|(i, _, _)| i.config.scope != first.config.scope);
    let config = area.filter(|_| several).unwrap_or(first.config);
    let to = &notice.to;
    let person = first.config.person(to).ok_or(ComposeError::NotInConfig("the person"))?;
    let mut items = Vec::new();
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut attention = Vec::new();
    let mut week_label = String::new();
    for (input, notice, details) in parts {
        let (data, subject, text, html) = render_part(templates, input, notice, details, several)?;
        let label = label(notice.kind, &subject);
        match labels.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => labels.push((label, 1)),
        }
        if let Some(w) = data.get("week_label").and_then(Value::as_str) {
            week_label = w.to_owned();
        }
        if several && let Some(list) = data.get("attention").and_then(Value::as_array) {
            let municipality = input.config.name();
            attention.extend(list.iter().map(|p| json!({ "municipality": municipality, "pledge": p })));
        }
        let subject = match notice.kind {
            // The digest's subject names its municipality.
            Kind::Digest => subject,
            _ if several => format!("{} – {subject}", input.config.name()),
            _ => subject,
        };
        items.push(json!({ "subject": subject, "text": text, "html": html }));
    }
    let mut summary: Vec<String> = labels.iter().map(|(l, n)| format!("{l} ({n})")).collect();
    let name = if several { &config.police_area } else { config.name() };
    let has_digest = parts.iter().any(|(_, n, _)| n.kind == Kind::Digest);
    if several && parts.iter().all(|(_, n, _)| n.kind == Kind::Digest) {
        summary = vec![crate::messages::mail::area_digest(week_label, parts.len())];
    }
    let data = json!({
        "municipality": name,
        "police_area": config.police_area,
        "as_of": first.as_of,
        "sent_on": first.sent_on,
        "as_of_differs": first.as_of != first.sent_on,
        "person": { "name": person.name, "first_name": crate::messages::mail::first_name(&person.name) },
        "count": items.len(),
        "summary": summary.join(", "),
        "items": items,
        "area_digest": several && has_digest,
        "unassigned": (unassigned > 0).then(|| crate::messages::mail::unassigned_rows(unassigned)),
        "attention": attention,
    });
    let mut keys: Vec<&str> = parts.iter().map(|(_, n, _)| n.key.as_str()).collect();
    keys.sort_unstable();
    let hash = blake3::hash(keys.join("\n").as_bytes()).to_hex()[..16].to_owned();
    let key = format!("{}/{}/{hash}/{to}", Kind::Pledges.as_str(), first.as_of);
    let mut q = compose::compose(
        templates,
        config,
        Kind::Pledges,
        &key,
        (&person.name, &person.email),
        &data,
        SystemTime::from(now),
    )?;
    q.covers = parts.iter().map(|(_, n, _)| n.key.clone()).collect();
    Ok(q)
}

/// The messages of a round's units, and the notices that could not be composed with why. A
/// notice's input is its municipality's (`input_of`); `area` signs a mail of several.
pub(crate) fn compose_all<'i>(
    units: Vec<Unit<'_>>,
    input_of: &dyn Fn(&Notice) -> &'i MailInput<'i>,
    store: &Store,
    templates: &Templates,
    area: &Config,
    now: DateTime<Utc>,
) -> (Vec<Queued>, Vec<(Notice, ComposeError)>) {
    let mut messages = Vec::new();
    let mut failed: Vec<(Notice, ComposeError)> = Vec::new();
    for unit in units {
        let ns = match unit {
            Unit::One(n) => vec![n],
            Unit::Merged(ns) => ns,
        };
        // A part about rows that were mended since is left out, as its mail alone would be.
        let mut parts: Vec<MergedPart<'_, '_>> = Vec::new();
        for n in ns {
            match told(store, n) {
                Ok(Some(details)) => parts.push((input_of(n), n, details)),
                Ok(None) => {}
                Err(reason) => failed.push((n.clone(), reason)),
            }
        }
        let composed = match parts.as_slice() {
            [] => continue,
            [(input, notice, details)] => compose_one(templates, input, notice, details, now),
            _ => {
                unassigned(store, &parts).and_then(|n| compose_merged(templates, &parts, Some(area), n, now))
            }
        };
        match composed {
            Ok(q) => messages.push(q),
            Err(reason) if parts.len() == 1 => failed.push((parts[0].1.clone(), reason)),
            Err(reason) => {
                let reason = std::sync::Arc::new(reason);
                failed.extend(
                    parts.iter().map(|(_, n, _)| ((*n).clone(), ComposeError::Merged(reason.clone()))),
                );
            }
        }
    }
    (messages, failed)
}

/// The problems a notice tells of, read from the store; `None` when there is nothing to tell (a
/// data-quality notice whose problems are gone).
fn told(store: &Store, notice: &Notice) -> Result<Option<Vec<ProblemDetail>>, ComposeError> {
    let details = store.problem_details(&notice.problems)?;
    Ok((notice.kind != Kind::DataQuality || !details.is_empty()).then_some(details))
}

/// One message, or why it cannot be made.
fn compose_one(
    templates: &Templates,
    input: &MailInput<'_>,
    notice: &Notice,
    details: &[ProblemDetail],
    now: DateTime<Utc>,
) -> Result<Queued, ComposeError> {
    let config = input.config;
    let person = config.person(&notice.to).ok_or(ComposeError::NotInConfig("the person"))?;
    let data = context::context(input, notice, details)
        .ok_or(ComposeError::NotInConfig("a pledge or person it names"))?;
    compose::compose(
        templates,
        config,
        notice.kind,
        &notice.key,
        (&person.name, &person.email),
        &data,
        SystemTime::from(now),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(kind: Kind, to: &str, pledge: &str) -> Notice {
        Notice {
            key: format!("{}/{pledge}/{to}", kind.as_str()),
            kind,
            to: to.into(),
            pledge: Some(pledge.into()),
            period: None,
            source: None,
            problems: Vec::new(),
        }
    }

    #[test]
    fn a_persons_pledge_mails_of_a_round_are_one_the_rest_stay_apart() {
        let digest = Notice { pledge: None, ..notice(Kind::Digest, "lpo", "-") };
        let ns = [
            notice(Kind::Met, "lpo", "a"),
            notice(Kind::Met, "samordnare", "a"),
            digest.clone(),
            notice(Kind::Reminder, "lpo", "b"),
            notice(Kind::Missed, "lpo", "c"),
        ];
        assert_eq!(
            units(&ns, &|n| n.to.clone()),
            [Unit::Merged(vec![&ns[0], &ns[3], &ns[4]]), Unit::One(&ns[1]), Unit::One(&ns[2])]
        );
    }

    #[test]
    fn a_persons_notices_about_the_logs_are_one_apart_from_the_pledge_mails() {
        let ns = [
            notice(Kind::LogsAwaited, "samordnare", "polisen"),
            notice(Kind::Reminder, "samordnare", "a"),
            notice(Kind::LogsAwaited, "kommunpolis", "polisen"),
            notice(Kind::LogsAwaited, "samordnare", "kommun"),
            notice(Kind::DataQuality, "samordnare", "kommun"),
        ];
        assert_eq!(
            units(&ns, &|n| n.to.clone()),
            [Unit::Merged(vec![&ns[0], &ns[3], &ns[4]]), Unit::One(&ns[1]), Unit::One(&ns[2])]
        );
    }
}
