//! The report mail: the follow-up's summary in the body, the PDF and the public summary attached, to
//! the period's recipients (`[period.report]`: the BRÅ chair, others in copy), under the key
//! `report/{period}` so it is sent once.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::compose::{self, Attachment, ComposeError, Templates};
use crate::config::Config;
use crate::config::report::ReportPlan;
use crate::messages::mail::{first_name, person_with_title};
use crate::messages::report as words;
use crate::notices::Kind;
use crate::report::comments::CommentError;
use crate::report::{Format, Made};
use crate::store::Queued;

/// The idempotency key of a period's report mail.
pub(crate) fn key(config: &Config, period: &str) -> String {
    config.scoped(&format!("report/{period}"))
}

/// The idempotency key of the interim follow-up of `period` with figures of `as_of`.
pub(crate) fn interim_key(config: &Config, period: &str, as_of: chrono::NaiveDate) -> String {
    format!("{}/interim-{as_of}", key(config, period))
}

/// The key of the mail of `made`: the follow-up's own, an interim one's, or for a draft (which only
/// `preview` writes) one naming its day, so a draft never shares the Message-ID of the follow-up.
fn key_of(config: &Config, made: &Made) -> String {
    let key = key(config, &made.period);
    match (made.is_final, made.interim) {
        (true, _) => key,
        (false, true) => interim_key(config, &made.period, made.as_of),
        (false, false) => format!("{key}/draft-{}", made.as_of),
    }
}

/// Composes the report mail of `made` (which must hold the PDF; the public summary is attached when
/// it holds that too).
pub(crate) fn compose(
    templates: &Templates,
    config: &Config,
    plan: &ReportPlan,
    made: &Made,
    now: DateTime<Utc>,
) -> Result<Queued, ComposeError> {
    let people = |ids: &[String]| -> Result<Vec<(&str, &str)>, ComposeError> {
        ids.iter()
            .map(|id| {
                config
                    .person(id)
                    .map(|p| (p.name.as_str(), p.email.as_str()))
                    .ok_or_else(|| ComposeError::UnknownPerson(id.clone()))
            })
            .collect()
    };
    let (to, cc) = (people(&plan.to)?, people(&plan.cc)?);
    let file = |format: Format| made.files.iter().find(|f| f.format == format);
    let pdf = file(Format::Pdf).ok_or(ComposeError::NoPdf)?;
    let public = file(Format::Public);
    let public_pdf = file(Format::PublicPdf);
    let mut attachments = vec![Attachment {
        file_name: pdf.file_name.clone(),
        content_type: "application/pdf",
        bytes: pdf.bytes.clone(),
    }];
    // The public summary as PDF too: many municipal and police mail gateways strip or quarantine an
    // attached HTML file.
    for (p, content_type) in [(public_pdf, "application/pdf"), (public, "text/html; charset=utf-8")] {
        if let Some(p) = p {
            attachments.push(Attachment {
                file_name: p.file_name.clone(),
                content_type,
                bytes: p.bytes.clone(),
            });
        }
    }
    let period = config.period(&made.period).ok_or(ComposeError::NotInConfig("the period"))?;
    let greeting: Vec<String> = to.iter().map(|(name, _)| first_name(name).to_owned()).collect();
    // The log keepers answer questions: they keep the logs and the comments.
    let contacts: Vec<String> =
        config.log_keepers().iter().map(|p| person_with_title(&p.name, &p.title)).collect();
    let sent_on = config.today(now);
    let data = json!({
        "municipality": config.municipality,
        "police_area": config.police_area,
        "signatories": words::signatories(&config.municipality, &config.police_area),
        "greeting": words::and_list(&greeting),
        "contacts": (!contacts.is_empty()).then(|| words::and_list(&contacts)),
        "period": words::period_name(period.start, period.end),
        "period_phrase": words::period_phrase(period.start, period.end),
        "draft": !made.is_final,
        "interim": made.interim,
        "as_of_long": words::long_date(made.as_of),
        "summary": made.summary,
        "basis": made.basis,
        "lines": made.lines.iter().map(|l| json!({
            "title": l.title, "verdict": l.verdict, "result": l.result, "color": l.tone.color().hex(),
        })).collect::<Vec<_>>(),
        "pdf": pdf.file_name,
        "public": public.map(|p| p.file_name.clone()),
        "public_pdf": public_pdf.map(|p| p.file_name.clone()),
        "sent_on": sent_on.to_string(),
        "as_of": made.as_of.to_string(),
        "as_of_differs": made.as_of != sent_on,
    });
    compose::compose_to(
        templates,
        config,
        Kind::Report,
        &key_of(config, made),
        &to,
        &cc,
        &data,
        SystemTime::from(now),
        &attachments,
    )
}

/// What every mail about the follow-up to one person starts from: whose, to whom, written when (the
/// figures are of that day).
fn base(
    config: &Config,
    person: &crate::config::mail::Person,
    sent_on: chrono::NaiveDate,
) -> serde_json::Value {
    json!({
        "municipality": config.municipality,
        "police_area": config.police_area,
        "sent_on": sent_on.to_string(),
        "as_of": sent_on.to_string(),
        "as_of_differs": false,
        "person": { "name": person.name, "first_name": first_name(&person.name) },
    })
}

/// The mails telling that the report of `plan` is due but stopped by the comments file at `path`:
/// one to each of its keepers (`Config::comments_keepers`), under a key naming the mistake, so each
/// mistake is told once and a new one is told again. Empty when no source has a log keeper.
pub(crate) fn compose_blocked(
    templates: &Templates,
    config: &Config,
    plan: &ReportPlan,
    path: &std::path::Path,
    error: &CommentError,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, ComposeError> {
    let period = config.period(&plan.period).ok_or(ComposeError::NotInConfig("the period"))?;
    let chair: Vec<String> =
        plan.to.iter().filter_map(|id| config.person(id)).map(|p| p.name.clone()).collect();
    // The mistake without its line: moving it (a line added above) does not tell it again.
    let said = error.problem.to_string();
    let sent_on = config.today(now);
    let hash = blake3::hash(said.as_bytes()).to_hex()[..16].to_owned();
    let mut out = Vec::new();
    for person in config.comments_keepers() {
        let id = person.id.as_str();
        let mut data = base(config, person, sent_on);
        let about = json!({
            "period": words::period_name(period.start, period.end),
            "Follow_up": words::follow_up_name(period.start, period.end, true),
            "period_id": plan.period,
            "chair": words::and_list(&chair),
            "send_on": words::long_date(plan.send_on),
            "file": path.display().to_string(),
            "error": words::comment_error(error),
        });
        if let (serde_json::Value::Object(d), serde_json::Value::Object(a)) = (&mut data, about) {
            d.extend(a);
        }
        let key = config.scoped(&format!("{}/{}/{hash}/{id}", Kind::ReportBlocked.as_str(), plan.period));
        let to = [(person.name.as_str(), person.email.as_str())];
        out.push(compose::compose_to(
            templates,
            config,
            Kind::ReportBlocked,
            &key,
            &to,
            &[],
            &data,
            SystemTime::from(now),
            &[],
        )?);
    }
    Ok(out)
}

/// The mails telling that the follow-up of `plan` is held because sources have delivered no log:
/// per awaited source, one to its log keeper and one to the coordinator, under a key naming the
/// source and the period, so each is told once.
pub(crate) fn compose_awaited(
    templates: &Templates,
    config: &Config,
    plan: &ReportPlan,
    supply: &crate::supply::Supply,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, ComposeError> {
    let period = config.period(&plan.period).ok_or(ComposeError::NotInConfig("the period"))?;
    let chair: Vec<String> =
        plan.to.iter().filter_map(|id| config.person(id)).map(|p| p.name.clone()).collect();
    let sent_on = config.today(now);
    let mut out = Vec::new();
    for awaited in &supply.awaited {
        let source = config.source(&awaited.source).ok_or(ComposeError::NotInConfig("the source"))?;
        for id in config.told_of_logs(source) {
            let person = config.person(id).ok_or(ComposeError::NotInConfig("the person"))?;
            let mut data = base(config, person, sent_on);
            data["report"] = json!({
                "period": words::period_name(period.start, period.end),
                "Follow_up": words::follow_up_name(period.start, period.end, true),
                "period_id": plan.period,
                "chair": words::and_list(&chair),
                "send_on": words::long_date(plan.send_on),
            });
            let about = super::context::logs_awaited(config, awaited, id)
                .ok_or(ComposeError::NotInConfig("the source's party"))?;
            if let (serde_json::Value::Object(d), serde_json::Value::Object(a)) = (&mut data, about) {
                d.extend(a);
            }
            let key = config.scoped(&format!(
                "{}/report-{}/{id}",
                crate::notices::awaited_key(awaited),
                plan.period
            ));
            let to = (person.name.as_str(), person.email.as_str());
            out.push(compose::compose(
                templates,
                config,
                Kind::LogsAwaited,
                &key,
                to,
                &data,
                SystemTime::from(now),
            )?);
        }
    }
    Ok(out)
}
