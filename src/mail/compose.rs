//! A notice and its template data → a complete MIME message: subject, plain text (format=flowed,
//! [`super::flowed`]) and HTML in `multipart/alternative`, a Message-ID derived from the idempotency
//! key.
//!
//! Pure: the templates are compiled into the program, the date is passed in. lettre builds the message
//! (RFC 2047 for å, ä, ö in the subject and names; quoted-printable or base64 bodies).

use std::str::FromStr;
use std::time::SystemTime;

use handlebars::Handlebars;
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart, SinglePart};
use serde_json::Value;

use crate::config::Config;
use crate::notices::Kind;
use crate::store::Queued;

/// Every template file: (name, text). Names are `mail/KIND.PART`, partials `_NAME`.
const TEMPLATES: &[(&str, &str)] = &[
    ("_top", include_str!("../../templates/mail/_top.html.hbs")),
    ("_bottom", include_str!("../../templates/mail/_bottom.html.hbs")),
    ("_status", include_str!("../../templates/mail/_status.html.hbs")),
    ("_bar", include_str!("../../templates/mail/_bar.html.hbs")),
    ("_section", include_str!("../../templates/mail/_section.html.hbs")),
    ("reminder.subject", include_str!("../../templates/mail/reminder.subject.hbs")),
    ("reminder.txt", include_str!("../../templates/mail/reminder.txt.hbs")),
    ("reminder.html", include_str!("../../templates/mail/reminder.html.hbs")),
    ("met.subject", include_str!("../../templates/mail/met.subject.hbs")),
    ("met.txt", include_str!("../../templates/mail/met.txt.hbs")),
    ("met.html", include_str!("../../templates/mail/met.html.hbs")),
    ("missed.subject", include_str!("../../templates/mail/missed.subject.hbs")),
    ("missed.txt", include_str!("../../templates/mail/missed.txt.hbs")),
    ("missed.html", include_str!("../../templates/mail/missed.html.hbs")),
    ("digest.subject", include_str!("../../templates/mail/digest.subject.hbs")),
    ("digest.txt", include_str!("../../templates/mail/digest.txt.hbs")),
    ("digest.html", include_str!("../../templates/mail/digest.html.hbs")),
    ("data_quality.subject", include_str!("../../templates/mail/data_quality.subject.hbs")),
    ("data_quality.txt", include_str!("../../templates/mail/data_quality.txt.hbs")),
    ("data_quality.html", include_str!("../../templates/mail/data_quality.html.hbs")),
    ("report.subject", include_str!("../../templates/mail/report.subject.hbs")),
    ("report.txt", include_str!("../../templates/mail/report.txt.hbs")),
    ("report.html", include_str!("../../templates/mail/report.html.hbs")),
    ("report_blocked.subject", include_str!("../../templates/mail/report_blocked.subject.hbs")),
    ("report_blocked.txt", include_str!("../../templates/mail/report_blocked.txt.hbs")),
    ("report_blocked.html", include_str!("../../templates/mail/report_blocked.html.hbs")),
    ("logs_awaited.subject", include_str!("../../templates/mail/logs_awaited.subject.hbs")),
    ("logs_awaited.txt", include_str!("../../templates/mail/logs_awaited.txt.hbs")),
    ("logs_awaited.html", include_str!("../../templates/mail/logs_awaited.html.hbs")),
    ("no_period.subject", include_str!("../../templates/mail/no_period.subject.hbs")),
    ("no_period.txt", include_str!("../../templates/mail/no_period.txt.hbs")),
    ("no_period.html", include_str!("../../templates/mail/no_period.html.hbs")),
    ("correction.subject", include_str!("../../templates/mail/correction.subject.hbs")),
    ("correction.txt", include_str!("../../templates/mail/correction.txt.hbs")),
    ("correction.html", include_str!("../../templates/mail/correction.html.hbs")),
    ("pledges.subject", include_str!("../../templates/mail/pledges.subject.hbs")),
    ("pledges.txt", include_str!("../../templates/mail/pledges.txt.hbs")),
    ("pledges.html", include_str!("../../templates/mail/pledges.html.hbs")),
    ("planned.subject", include_str!("../../templates/mail/planned.subject.hbs")),
    ("planned.txt", include_str!("../../templates/mail/planned.txt.hbs")),
    ("planned.html", include_str!("../../templates/mail/planned.html.hbs")),
    ("test.subject", include_str!("../../templates/mail/test.subject.hbs")),
    ("test.txt", include_str!("../../templates/mail/test.txt.hbs")),
    ("test.html", include_str!("../../templates/mail/test.html.hbs")),
];

/// Why a message could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ComposeError {
    /// A template failed to render (a bug in a template).
    #[error("template {name}: {source}")]
    Template { name: String, source: Box<handlebars::RenderError> },
    /// An address in the config could not be used.
    #[error("address {address:?}: {detail}")]
    Address { address: String, detail: String },
    /// lettre refused to build the message.
    #[error("message: {0}")]
    Build(String),
    /// The notice names a person the config does not have (a bug, or a config changed meanwhile).
    #[error("no person {0:?}")]
    UnknownPerson(String),
    /// What the message is about is not in the config.
    #[error("{0} is not in the config")]
    NotInConfig(&'static str),
    /// The report mail is made without its PDF (a bug: the PDF is always made for it).
    #[error("the report mail needs the PDF")]
    NoPdf,
    /// The store could not give what the message tells.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The merged mail this decision was part of could not be made (each part says why).
    #[error("the merged mail it is part of: {0}")]
    Merged(std::sync::Arc<ComposeError>),
}

/// The compiled templates: HTML with every value escaped, plain text and subjects without.
pub(crate) struct Templates {
    html: Handlebars<'static>,
    text: Handlebars<'static>,
}

impl Templates {
    /// Compiles the templates. They are part of the program, so a failure is a bug: it panics in
    /// tests (`templates_compile`) long before a release.
    pub(crate) fn new() -> Templates {
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);
        for (name, source) in TEMPLATES {
            let registry =
                if name.ends_with(".html") || name.starts_with('_') { &mut html } else { &mut text };
            let source = if name.ends_with(".subject") { source.trim() } else { source };
            if let Err(e) = registry.register_template_string(name, source) {
                panic!("template {name} does not compile: {e}");
            }
        }
        Templates { html, text }
    }

    /// Renders template `name` (`reminder.txt`, `met.html`, …) with `data`.
    pub(crate) fn render(&self, name: &str, data: &Value) -> Result<String, ComposeError> {
        let registry = if name.ends_with(".html") { &self.html } else { &self.text };
        registry
            .render(name, data)
            .map_err(|source| ComposeError::Template { name: name.to_owned(), source: Box::new(source) })
    }
}

impl Default for Templates {
    fn default() -> Self {
        Templates::new()
    }
}

/// The hidden line a mail client shows after the subject: the text's first line after the
/// greeting, so it says something the subject does not.
fn preheader(text: &str) -> String {
    let greeting = |l: &str| l.starts_with("Hej ") && l.ends_with('!');
    let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !greeting(l)).unwrap_or("");
    crate::text::shortened(line, 140).into_owned()
}

/// The Message-ID of the mail under `key`: the same key always gives the same id, so a message
/// sent twice (after a crash between the server's acceptance and its record) can be recognised.
pub(crate) fn message_id(key: &str, from: &str) -> String {
    let domain = from.rsplit_once('@').map_or("pledgewatch.invalid", |(_, d)| d);
    format!("{}@{domain}", &blake3::hash(key.as_bytes()).to_hex()[..32])
}

/// A file attached to a message.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// The file name the recipient sees.
    pub(crate) file_name: String,
    /// Its MIME type, e.g. `application/pdf`.
    pub(crate) content_type: &'static str,
    /// Its content.
    pub(crate) bytes: Vec<u8>,
}

/// Renders and builds one message to `to` (name, address) under `key`.
pub(crate) fn compose(
    templates: &Templates,
    config: &Config,
    kind: Kind,
    key: &str,
    to: (&str, &str),
    data: &Value,
    date: SystemTime,
) -> Result<Queued, ComposeError> {
    compose_to(templates, config, kind, key, &[to], &[], data, date, &[])
}

/// An address header (`To`, `Cc`) with one mailbox per line and each display name as one quoted
/// string or one encoded word. lettre folds long address lists inside a name ("Per Ö" "hman" as two
/// encoded words), which some readers show with a space in the middle of the name.
fn address_header(name: &'static str, mailboxes: &[(&str, &str)]) -> Result<HeaderValue, ComposeError> {
    use base64::Engine;
    let mut raw = Vec::new();
    let mut encoded = Vec::new();
    for (display, addr) in mailboxes {
        let addr = lettre::Address::from_str(addr)
            .map_err(|e| ComposeError::Address { address: (*addr).to_owned(), detail: e.to_string() })?;
        let display: String = display.chars().filter(|c| !c.is_control()).collect();
        raw.push(format!("{display} <{addr}>"));
        let phrase = if display.is_empty() {
            String::new()
        } else if display.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
            format!("\"{}\" ", display.replace('\\', "\\\\").replace('"', "\\\""))
        } else {
            // Encoded words of at most 45 bytes (75 characters encoded), split between characters.
            let mut words = Vec::new();
            let mut chunk = String::new();
            for c in display.chars() {
                if chunk.len() + c.len_utf8() > 45 {
                    words.push(std::mem::take(&mut chunk));
                }
                chunk.push(c);
            }
            words.push(chunk);
            let words: Vec<String> = words
                .iter()
                .map(|w| format!("=?utf-8?b?{}?=", base64::engine::general_purpose::STANDARD.encode(w)))
                .collect();
            format!("{} ", words.join("\r\n "))
        };
        encoded.push(format!("{phrase}<{addr}>"));
    }
    let header = HeaderName::new_from_ascii_str(name);
    Ok(HeaderValue::dangerous_new_pre_encoded(header, raw.join(", "), encoded.join(",\r\n ")))
}

/// The headers that say the mail is a robot's (RFC 3834, and Exchange's own: no out-of-office or other
/// automatic answer to it) and send a reply, or an out-of-office answer that ignores them, to a
/// person: `mail.reply_to`, else the coordinator.
fn robot_headers(
    config: &Config,
    builder: lettre::message::MessageBuilder,
) -> Result<lettre::message::MessageBuilder, ComposeError> {
    let header = |name: &'static str, value: &str| {
        HeaderValue::new(HeaderName::new_from_ascii_str(name), value.into())
    };
    let mut builder = builder
        .raw_header(header("Auto-Submitted", "auto-generated"))
        .raw_header(header("X-Auto-Response-Suppress", "All"));
    let reply_to = config
        .mail
        .reply_to
        .as_deref()
        .or(config.mail.coordinator.as_deref())
        .and_then(|id| config.person(id));
    if let Some(p) = reply_to {
        builder = builder.raw_header(address_header("Reply-To", &[(p.name.as_str(), p.email.as_str())])?);
    }
    Ok(builder)
}

/// Renders and builds one message to several people (`to`, and `cc` in copy), with attachments.
/// Every address is a recipient of the envelope (`Queued::recipient` lists them, comma-separated).
#[allow(clippy::too_many_arguments)]
pub(crate) fn compose_to(
    templates: &Templates,
    config: &Config,
    kind: Kind,
    key: &str,
    to: &[(&str, &str)],
    cc: &[(&str, &str)],
    data: &Value,
    date: SystemTime,
    attachments: &[Attachment],
) -> Result<Queued, ComposeError> {
    let k = kind.as_str();
    let mut subject = templates.render(&format!("{k}.subject"), data)?.trim().replace(['\r', '\n'], " ");
    // In a police area a mail of one municipality says whose it is, to those who work for several.
    if config.scope.is_some() && !config.municipality.is_empty() && !subject.contains(&config.municipality) {
        subject = format!("{subject} – {}", config.municipality);
    }
    let mut with_subject = data.clone();
    if let Value::Object(o) = &mut with_subject {
        o.insert("subject".into(), Value::String(subject.clone()));
    }
    let text = templates.render(&format!("{k}.txt"), &with_subject)?;
    if let Value::Object(o) = &mut with_subject {
        o.insert("preheader".into(), Value::String(preheader(&text)));
    }
    let html = templates.render(&format!("{k}.html"), &with_subject)?;
    let address = |a: &str| {
        lettre::Address::from_str(a)
            .map_err(|e| ComposeError::Address { address: a.to_owned(), detail: e.to_string() })
    };
    // `check` refuses a name with a line break; lettre would panic on one.
    let from_name: String = config.mail.from_name.chars().filter(|c| !c.is_control()).collect();
    let from = Mailbox::new(Some(from_name), address(&config.mail.from)?);
    let id = message_id(key, &config.mail.from);
    let recipients: Vec<lettre::Address> =
        to.iter().chain(cc).map(|(_, a)| address(a)).collect::<Result<_, _>>()?;
    let envelope = lettre::address::Envelope::new(Some(from.email.clone()), recipients)
        .map_err(|e| ComposeError::Build(e.to_string()))?;
    let mut builder = Message::builder()
        .from(from)
        .subject(subject.clone())
        .message_id(Some(format!("<{id}>")))
        .date(date)
        .envelope(envelope)
        .raw_header(address_header("To", to)?);
    builder = robot_headers(config, builder)?;
    if !cc.is_empty() {
        builder = builder.raw_header(address_header("Cc", cc)?);
    }
    let body = alternative(&text, html)?;
    let message = if attachments.is_empty() {
        builder.multipart(body)
    } else {
        let mut mixed = MultiPart::mixed().multipart(body);
        for a in attachments {
            let content_type = ContentType::parse(a.content_type)
                .map_err(|e| ComposeError::Build(format!("{}: {e}", a.content_type)))?;
            mixed = mixed
                .singlepart(LettreAttachment::new(a.file_name.clone()).body(a.bytes.clone(), content_type));
        }
        builder.multipart(mixed)
    }
    .map_err(|e| ComposeError::Build(e.to_string()))?;
    let recipients: Vec<&str> = to.iter().chain(cc).map(|(_, a)| *a).collect();
    Ok(Queued {
        key: key.to_owned(),
        kind,
        recipient: recipients.join(", "),
        sender: config.mail.from.clone(),
        subject,
        message_id: id,
        message: message.formatted(),
        covers: Vec::new(),
    })
}

/// The plain text (format=flowed) and the HTML as `multipart/alternative`. The text is always
/// quoted-printable: the spaces that end a flowed line's soft breaks must survive relays that strip
/// trailing white space from 7-bit lines.
fn alternative(text: &str, html: String) -> Result<MultiPart, ComposeError> {
    let plain =
        ContentType::parse(super::flowed::CONTENT_TYPE).map_err(|e| ComposeError::Build(e.to_string()))?;
    let flowed = lettre::message::Body::new_with_encoding(
        super::flowed::flowed(text),
        lettre::message::header::ContentTransferEncoding::QuotedPrintable,
    )
    .map_err(|_| ComposeError::Build("the plain text could not be encoded".into()))?;
    Ok(MultiPart::alternative()
        .singlepart(SinglePart::builder().header(plain).body(flowed))
        .singlepart(SinglePart::html(html)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preheader_is_the_first_line_after_the_greeting() {
        let text = "Hej Lena!\n\nLöftet \"Medborgarkontakter\" (2019) ligger efter sin takt per 2019-07-15.\n\nVad vi lovade:";
        assert_eq!(
            preheader(text),
            "Löftet \"Medborgarkontakter\" (2019) ligger efter sin takt per 2019-07-15."
        );
        assert_eq!(preheader("Här är 9 besked om medborgarlöftena"), "Här är 9 besked om medborgarlöftena");
        let long = "x".repeat(300);
        assert_eq!(preheader(&long).chars().count(), 141, "140 characters and …");
    }

    #[test]
    fn templates_compile() {
        let _ = Templates::new();
    }

    #[test]
    fn every_value_is_escaped_in_html_and_kept_in_text() {
        let config =
            Config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap();
        let data = serde_json::json!({
            "municipality": "<b>Kalix & Co</b>", "police_area": "LPO", "as_of": "2019-10-14",
            "sent_on": "2019-10-14",
        });
        let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_571_000_000);
        let q = compose(
            &Templates::new(),
            &config,
            Kind::Test,
            "test/1",
            ("Åsa Öhman", "asa@kalix.example"),
            &data,
            when,
        )
        .unwrap();
        let m = mail_parser::MessageParser::default().parse(&q.message).unwrap();
        let html = m.body_html(0).unwrap();
        assert!(html.contains("&lt;b&gt;Kalix &amp; Co&lt;/b&gt;") && !html.contains("<b>Kalix"), "{html}");
        assert!(m.body_text(0).unwrap().contains("<b>Kalix & Co</b>"));
        assert_eq!(m.subject(), Some("Testmeddelande från pledgewatch – <b>Kalix & Co</b>"));
        assert_eq!(m.to().unwrap().first().unwrap().name(), Some("Åsa Öhman"));
        assert_eq!(m.message_id(), Some(q.message_id.as_str()));
    }

    #[test]
    fn each_name_in_to_and_cc_is_one_word_and_every_address_is_a_recipient() {
        let config =
            Config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap();
        let data = serde_json::json!({
            "municipality": "Kalix kommun", "police_area": "LPO", "as_of": "2020-02-03", "sent_on": "2020-02-03",
        });
        let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_580_000_000);
        let long = "Anna-Karin Öhman-Lindqvist af Ångermanälven, ordförande";
        let q = compose_to(
            &Templates::new(),
            &config,
            Kind::Test,
            "test/2",
            &[("Åsa Lindqvist", "asa@kalix.example")],
            &[
                ("Lena \"LPO\" Holmgren", "lena@polisen.example"),
                ("Per Öhman", "per@kalix.example"),
                (long, "ak@kalix.example"),
            ],
            &data,
            when,
            &[Attachment {
                file_name: "rapport.pdf".into(),
                content_type: "application/pdf",
                bytes: b"%PDF-1.7".to_vec(),
            }],
        )
        .unwrap();
        let raw = String::from_utf8_lossy(&q.message);
        assert!(raw.contains("Cc: \"Lena \\\"LPO\\\" Holmgren\" <lena@polisen.example>,\r\n =?utf-8?b?UGVyIMOWaG1hbg==?= <per@kalix.example>,\r\n"), "{raw}");
        assert!(raw.lines().all(|l| l.len() <= 78), "no header line over 78 characters:\n{raw}");
        assert_eq!(
            q.recipient,
            "asa@kalix.example, lena@polisen.example, per@kalix.example, ak@kalix.example"
        );
        let m = mail_parser::MessageParser::default().parse(&q.message).unwrap();
        let names: Vec<&str> = m.cc().unwrap().iter().filter_map(|a| a.name()).collect();
        assert_eq!(names, ["Lena \"LPO\" Holmgren", "Per Öhman", long]);
        assert_eq!(m.to().unwrap().first().unwrap().name(), Some("Åsa Lindqvist"));
        assert_eq!(
            mail_parser::MimeHeaders::attachment_name(m.attachments().next().unwrap()),
            Some("rapport.pdf")
        );
    }

    #[test]
    fn message_ids_follow_the_key() {
        let a = message_id("reminder/x/2019/lapse-1/lpo", "pw@kalix.example");
        assert_eq!(a, message_id("reminder/x/2019/lapse-1/lpo", "pw@kalix.example"));
        assert_ne!(a, message_id("reminder/x/2019/lapse-2/lpo", "pw@kalix.example"));
        assert!(a.ends_with("@kalix.example"));
    }
}
