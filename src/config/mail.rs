//! The people who receive mail and how mail leaves: `[[person]]`, `contacts` of a party, `log_keeper`
//! of a source, and `[mail]` with its transport. Pure data, as validated.

use std::path::PathBuf;
use std::time::Duration;

/// Someone who receives mail: an LPO-chef, a coordinator, a BRÅ chair, a log keeper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The id used in the config, e.g. `lpo-chef`.
    pub id: String,
    /// Full name, as it appears in the To header.
    pub(crate) name: String,
    /// What they are, in Swedish, e.g. `LPO-chef`; may be empty.
    pub(crate) title: String,
    /// Mail address.
    pub(crate) email: String,
}

/// How mail leaves and to whom the shared mails go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// The sender address.
    pub(crate) from: String,
    /// The sender's display name.
    pub(crate) from_name: String,
    /// Where messages go.
    pub(crate) transport: Transport,
    /// Ids of the people who receive the weekly digest.
    pub(crate) digest_to: Vec<String>,
    /// The id of the person who coordinates the pledges (the municipality's safety coordinator):
    /// told, with the log keepers, when logs are awaited, and when no period is current.
    pub(crate) coordinator: Option<String>,
    /// The id of the person replies go to (`Reply-To`); default: the coordinator.
    pub(crate) reply_to: Option<String>,
    /// Repeat a reminder after this many weeks while the pledge stays behind; `None`: once per lapse.
    pub(crate) reminder_repeat_weeks: Option<u32>,
    /// A source whose files have not changed for this many weeks is called out in the digest.
    pub(crate) stale_after_weeks: u32,
    /// The longest one send may take, connection and all.
    pub(crate) send_timeout: Duration,
    /// How long a message that cannot be delivered is retried before it is marked failed.
    pub(crate) retry_for: Duration,
    /// A pledge met or missed is told about if the news is at most this many days old (a new install
    /// does not mail the outcome of long-past periods).
    pub(crate) news_for_days: u32,
    /// The owners of a planned activity (`[[pledge.plan]]`) are reminded this many days before it;
    /// 0: they are not.
    pub(crate) plan_reminder_days: u32,
}

/// Where messages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// Each message as an `.eml` file in a folder (nothing leaves the machine).
    Dir(PathBuf),
    /// An SMTP server.
    Smtp(SmtpSettings),
}

/// An SMTP server and how to log in to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// Host name.
    pub(crate) host: String,
    /// The name this machine greets the server with (EHLO): a fully qualified domain name, as
    /// relays that reject a bare host name require; default: the domain of `mail.from`.
    pub(crate) helo_name: String,
    /// Port (587 for STARTTLS, 465 for implicit TLS, 25 without).
    pub(crate) port: u16,
    /// How the connection is protected.
    pub(crate) security: Security,
    /// Login name; `None`: no AUTH.
    pub(crate) user: Option<String>,
    /// Where the password is read from when sending; never the config itself.
    pub(crate) password: Option<PasswordSource>,
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Security {
    /// Plain connection upgraded with STARTTLS (required).
    StartTls,
    /// TLS from the first byte.
    Tls,
    /// No encryption: only to localhost when logging in.
    None,
}

/// Where the SMTP password comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    /// An environment variable.
    Env(String),
    /// A file readable only by the service's user.
    File(PathBuf),
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            from: "pledgewatch@localhost".into(),
            from_name: "pledgewatch".into(),
            transport: Transport::Dir(PathBuf::from("data/outbox")),
            digest_to: Vec::new(),
            coordinator: None,
            reply_to: None,
            reminder_repeat_weeks: None,
            stale_after_weeks: 4,
            send_timeout: Duration::from_secs(60),
            retry_for: Duration::from_secs(72 * 3600),
            news_for_days: 60,
            plan_reminder_days: 7,
        }
    }
}
