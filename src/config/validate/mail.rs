//! Checks of the people and of `[mail]`: ids, addresses, references from parties, sources and the
//! digest, and an SMTP setup that never sends a password in the clear to another host.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use toml::Spanned;

use super::super::mail::{MailSettings, PasswordSource, Person, Security, SmtpSettings, Transport};
use super::super::raw::{RawConfig, RawMail, RawSmtp};
use super::area::Shared;
use super::{Validator, join};

impl Validator<'_> {
    pub(super) fn people(&mut self, raw: &RawConfig) -> Vec<Person> {
        let mut seen = HashMap::new();
        raw.people
            .iter()
            .map(|p| {
                self.id(&p.id, "person", &mut seen);
                self.one_line(&p.name, "name");
                if let Some(title) = &p.title {
                    self.no_control(title, "title");
                }
                self.address(&p.email);
                Person {
                    id: p.id.get_ref().clone(),
                    name: p.name.get_ref().trim().to_owned(),
                    title: p.title.as_ref().map(|t| t.get_ref().trim().to_owned()).unwrap_or_default(),
                    email: p.email.get_ref().trim().to_owned(),
                }
            })
            .collect()
    }

    /// A reference to a `[[person]]` by id.
    pub(super) fn check_person(&mut self, raw: &RawConfig, id: &Spanned<String>) {
        let shared = self.member.iter().flat_map(|m| m.shared.people.iter().map(|p| p.id.as_str()));
        if !raw.people.iter().any(|p| p.id.get_ref() == id.get_ref())
            && !self.member.is_some_and(|m| m.shares(Shared::Person, id.get_ref()))
        {
            let known = join(raw.people.iter().map(|p| p.id.get_ref().as_str()).chain(shared));
            self.at(
                id,
                format!("unknown person {:?}; expected one of the [[person]] ids: {known}", id.get_ref()),
            );
        }
    }

    fn address(&mut self, value: &Spanned<String>) {
        // A comma is valid inside a quoted local part, but the outbox lists recipients comma-separated.
        if lettre::Address::from_str(value.get_ref().trim()).is_err() || value.get_ref().contains(',') {
            self.at(
                value,
                format!("{:?} is not a mail address; expected e.g. \"anna.lind@kalix.se\"", value.get_ref()),
            );
        }
    }

    pub(super) fn mail(&mut self, raw: &RawConfig, base_dir: &Path, state_dir: &Path) -> MailSettings {
        let defaults =
            MailSettings { transport: Transport::Dir(state_dir.join("outbox")), ..MailSettings::default() };
        let Some(mail) = &raw.mail else { return defaults };
        let m: &RawMail = mail.get_ref();
        let (Some(from), Some(written_transport)) = (&m.from, &m.transport) else {
            let missing = if m.from.is_none() { "from" } else { "transport" };
            self.at(mail, format!("missing field `{missing}`"));
            return defaults;
        };
        self.address(from);
        if let Some(name) = &m.from_name {
            self.one_line(name, "mail.from_name");
        }
        for id in m.digest_to.iter().chain(&m.coordinator).chain(&m.reply_to) {
            self.check_person(raw, id);
        }
        let transport = match written_transport.get_ref().as_str() {
            "dir" => {
                if m.smtp.is_some() {
                    self.at(written_transport, "transport \"dir\" sends nothing over SMTP; remove [mail.smtp] or use transport = \"smtp\"".into());
                }
                Transport::Dir(
                    m.dir.as_ref().map_or_else(|| state_dir.join("outbox"), |d| base_dir.join(d.get_ref())),
                )
            }
            "smtp" => match &m.smtp {
                Some(smtp) => Transport::Smtp(self.smtp(smtp, base_dir, from.get_ref())),
                None => {
                    self.at(
                        written_transport,
                        "transport \"smtp\" needs a [mail.smtp] section with at least `host`".into(),
                    );
                    defaults.transport.clone()
                }
            },
            other => {
                self.at(
                    written_transport,
                    format!("unknown transport {other:?}; expected \"dir\" or \"smtp\""),
                );
                defaults.transport.clone()
            }
        };
        // Each at most a year (a time-out, at most an hour).
        let repeat = self.in_range(&m.reminder_repeat_weeks, "mail.reminder_repeat_weeks", 0, 0..=52);
        let stale = self.in_range(&m.stale_after_weeks, "mail.stale_after_weeks", 4, 1..=52);
        let timeout = self.in_range(&m.send_timeout_seconds, "mail.send_timeout_seconds", 60, 1..=3_600);
        let retry_hours = self.in_range(&m.retry_for_hours, "mail.retry_for_hours", 72, 1..=8_760);
        let news = self.in_range(&m.news_for_days, "mail.news_for_days", 60, 0..=366);
        let plan = self.in_range(&m.plan_reminder_days, "mail.plan_reminder_days", 7, 0..=60);
        MailSettings {
            from: from.get_ref().trim().to_owned(),
            from_name: m
                .from_name
                .as_ref()
                .map_or_else(|| "pledgewatch".to_owned(), |n| n.get_ref().trim().to_owned()),
            transport,
            digest_to: m.digest_to.iter().map(|x| x.get_ref().clone()).collect(),
            coordinator: m.coordinator.as_ref().map(|x| x.get_ref().clone()),
            reply_to: m.reply_to.as_ref().map(|x| x.get_ref().clone()),
            reminder_repeat_weeks: (repeat > 0).then_some(repeat as u32),
            stale_after_weeks: stale as u32,
            send_timeout: Duration::from_secs(timeout),
            retry_for: Duration::from_secs(3600 * retry_hours),
            news_for_days: news as u32,
            plan_reminder_days: plan as u32,
        }
    }

    /// `mail.smtp.helo_name`: a fully qualified name; default the domain of `mail.from`.
    fn helo_name(&mut self, s: &RawSmtp, from: &str) -> String {
        let Some(name) = &s.helo_name else {
            return from.trim().rsplit_once('@').map_or_else(String::new, |(_, d)| d.to_owned());
        };
        let n = name.get_ref().trim();
        let label_ok = |l: &str| {
            !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if !n.contains('.') || !n.split('.').all(label_ok) {
            self.at(
                name,
                format!("{n:?} is not a fully qualified domain name; expected e.g. \"mail.kalix.se\""),
            );
        }
        n.to_owned()
    }

    fn smtp(&mut self, raw: &Spanned<RawSmtp>, base_dir: &Path, from: &str) -> SmtpSettings {
        let s = raw.get_ref();
        self.one_line(&s.host, "mail.smtp.host");
        let helo_name = self.helo_name(s, from);
        let security = match s.security.as_ref().map(|x| (x, x.get_ref().as_str())) {
            None | Some((_, "starttls")) => Security::StartTls,
            Some((_, "tls")) => Security::Tls,
            Some((_, "none")) => Security::None,
            Some((x, other)) => {
                self.at(x, format!("unknown security {other:?}; expected \"starttls\", \"tls\" or \"none\""));
                Security::StartTls
            }
        };
        let default_port = match security {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        };
        let port = match &s.port {
            None => default_port,
            Some(p) => match u16::try_from(*p.get_ref()) {
                Ok(n) if n > 0 => n,
                _ => {
                    self.at(p, "`mail.smtp.port` must be a port number, 1 to 65535".into());
                    default_port
                }
            },
        };
        let password = match (&s.password_env, &s.password_file) {
            (Some(env), None) => {
                self.non_empty(env, "mail.smtp.password_env");
                Some(PasswordSource::Env(env.get_ref().clone()))
            }
            (None, Some(file)) => {
                self.non_empty(file, "mail.smtp.password_file");
                Some(PasswordSource::File(base_dir.join(file.get_ref())))
            }
            (Some(_), Some(file)) => {
                self.at(file, "give either `password_env` or `password_file`, not both".into());
                None
            }
            (None, None) => None,
        };
        match (&s.user, &password) {
            (Some(user), None) => self.at(
                user,
                "`mail.smtp.user` needs a password: `password_env = \"NAME\"` (an environment variable) or \
                 `password_file = \"/etc/pledgewatch/smtp-password\"`; the password itself never goes in config.toml"
                    .into(),
            ),
            (None, Some(_)) => self.at(raw, "a password is set but no `user` to log in as".into()),
            _ => {}
        }
        let host = s.host.get_ref().trim().to_owned();
        if security == Security::None && s.user.is_some() && !is_local(&host) {
            self.at(
                &s.host,
                format!(
                    "refusing to log in to {host:?} without encryption: the password would cross the network in \
                     plain text; use security = \"starttls\" or \"tls\" (plain AUTH is allowed only to localhost)"
                ),
            );
        }
        SmtpSettings {
            host,
            helo_name,
            port,
            security,
            user: s.user.as_ref().map(|u| u.get_ref().clone()),
            password,
        }
    }
}

/// Whether `host` is this machine: `localhost` or a loopback address (127.0.0.0/8, ::1).
fn is_local(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_loopback_is_local() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"] {
            assert!(super::is_local(host), "{host}");
        }
        for host in ["127.mail.attacker.example", "localhost.example", "10.0.0.1", "smtp.kalix.se"] {
            assert!(!super::is_local(host), "{host}");
        }
    }
}
