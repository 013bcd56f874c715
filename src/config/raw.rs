//! What the user typed: `config.toml` deserialized as is, with the source span of every value that a
//! later check may need to point at. No defaults are resolved and nothing is checked here beyond
//! TOML's own types and unknown keys.

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub municipality: Spanned<String>,
    pub police_area: Spanned<String>,
    pub timezone: Spanned<String>,
    pub state_dir: Option<Spanned<String>>,
    #[serde(default)]
    pub ingest: RawIngest,
    #[serde(default)]
    pub columns: RawColumns,
    #[serde(default, rename = "party")]
    pub parties: Vec<RawParty>,
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
    #[serde(default, rename = "period")]
    pub periods: Vec<RawPeriod>,
    #[serde(default, rename = "activity")]
    pub activities: Vec<RawActivity>,
    #[serde(default, rename = "pledge")]
    pub pledges: Vec<RawPledge>,
    #[serde(default, rename = "person")]
    pub people: Vec<RawPerson>,
    pub mail: Option<Spanned<RawMail>>,
    pub schedule: Option<Spanned<RawSchedule>>,
    #[serde(default)]
    pub report: RawReport,
}

/// `[schedule]`: when the daemon's jobs run, in the configured time zone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchedule {
    pub ingest: Option<Spanned<String>>,
    pub reminders: Option<Spanned<String>>,
    pub digest: Option<Spanned<String>>,
    pub report: Option<Spanned<String>>,
    pub catch_up_hours: Option<Spanned<i64>>,
    pub watch_inbox: Option<Spanned<bool>>,
    pub watch_quiet_seconds: Option<Spanned<i64>>,
}

/// `[ingest]`: limits and words for reading the logs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIngest {
    pub max_unpacked_mb: Option<Spanned<i64>>,
    pub max_rows: Option<Spanned<i64>>,
    pub max_cells: Option<Spanned<i64>>,
    pub total_labels: Option<Vec<Spanned<String>>>,
}

/// `[columns]`: extra header names per column.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumns {
    #[serde(default)]
    pub date: Vec<Spanned<String>>,
    #[serde(default)]
    pub activity: Vec<Spanned<String>>,
    #[serde(default)]
    pub count: Vec<Spanned<String>>,
    #[serde(default)]
    pub place: Vec<Spanned<String>>,
    #[serde(default)]
    pub partners: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub responsible: Vec<Spanned<String>>,
    #[serde(default)]
    pub comment: Vec<Spanned<String>>,
}

/// `[[party]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParty {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub contacts: Vec<Spanned<String>>,
}

/// `[[source]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub name: Spanned<String>,
    pub dir: Spanned<String>,
    pub party: Spanned<String>,
    pub log_keeper: Option<Spanned<String>>,
}

/// `[[person]]`: someone who receives mail.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPerson {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub title: Option<Spanned<String>>,
    pub email: Spanned<String>,
}

/// `[mail]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMail {
    pub from: Spanned<String>,
    pub from_name: Option<Spanned<String>>,
    pub transport: Spanned<String>,
    pub dir: Option<Spanned<String>>,
    #[serde(default)]
    pub digest_to: Vec<Spanned<String>>,
    pub reminder_repeat_weeks: Option<Spanned<i64>>,
    pub stale_after_weeks: Option<Spanned<i64>>,
    pub send_timeout_seconds: Option<Spanned<i64>>,
    pub retry_for_hours: Option<Spanned<i64>>,
    pub news_for_days: Option<Spanned<i64>>,
    pub smtp: Option<Spanned<RawSmtp>>,
}

/// `[mail.smtp]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSmtp {
    pub host: Spanned<String>,
    pub port: Option<Spanned<i64>>,
    pub security: Option<Spanned<String>>,
    pub user: Option<Spanned<String>>,
    pub password_env: Option<Spanned<String>>,
    pub password_file: Option<Spanned<String>>,
}

/// `[[period]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriod {
    pub id: Spanned<String>,
    pub start: Spanned<toml::value::Datetime>,
    pub end: Spanned<toml::value::Datetime>,
    pub report: Option<Spanned<RawPeriodReport>>,
}

/// `[period.report]`: when the written follow-up of a period is sent, and to whom.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriodReport {
    pub date: Spanned<toml::value::Datetime>,
    pub to: Vec<Spanned<String>>,
    #[serde(default)]
    pub cc: Vec<Spanned<String>>,
}

/// `[report]`: where the written follow-ups are kept and where the coordinators' comments are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    pub dir: Option<Spanned<String>>,
    pub comments: Option<Spanned<String>>,
}

/// `[[activity]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActivity {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

/// `[[pledge]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPledge {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub promise: Spanned<String>,
    pub owners: Spanned<Vec<Spanned<String>>>,
    pub periods: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub activities: Vec<Spanned<String>>,
    pub rule: Spanned<RawRule>,
    pub partners: Option<Spanned<RawPartners>>,
    #[serde(default)]
    pub report_tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub require_tags: Vec<Spanned<String>>,
    pub season: Option<Spanned<RawSeason>>,
}

/// `rule = { kind = ..., at_least = ..., per = ..., each = ... }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub kind: Spanned<String>,
    pub at_least: Option<Spanned<f64>>,
    pub per: Option<Spanned<String>>,
    pub each: Option<Spanned<String>>,
}

/// `partners = { non_empty = true, all_of = [[...], ...], any_of = [...] }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPartners {
    #[serde(default)]
    pub non_empty: bool,
    #[serde(default)]
    pub all_of: Vec<Vec<Spanned<String>>>,
    #[serde(default)]
    pub any_of: Vec<Spanned<String>>,
}

/// `season = { from = "11-01", to = "04-30" }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeason {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
}
