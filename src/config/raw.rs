//! What the user typed: `config.toml` deserialized as is, with the source span of every value that a
//! later check may need to point at. No defaults are resolved and nothing is checked here beyond
//! TOML's own types and unknown keys.

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    /// The municipality's name, or (in a police area's `config.toml`) its `[[municipality]]` files.
    pub(crate) municipality: Spanned<RawMunicipality>,
    /// Required in a `config.toml`; not in a municipality's file (it is the police area's).
    pub(crate) police_area: Option<Spanned<String>>,
    /// Required in a `config.toml`; not in a municipality's file.
    pub(crate) timezone: Option<Spanned<String>>,
    pub(crate) state_dir: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) ingest: RawIngest,
    #[serde(default)]
    pub(crate) columns: RawColumns,
    #[serde(default, rename = "party")]
    pub(crate) parties: Vec<RawParty>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<RawSource>,
    #[serde(default, rename = "period")]
    pub periods: Vec<RawPeriod>,
    #[serde(default, rename = "activity")]
    pub activities: Vec<RawActivity>,
    #[serde(default, rename = "pledge")]
    pub pledges: Vec<RawPledge>,
    /// `[[occasion]]`: the municipality's own occasions (skolavslutning, studenten), by their dates.
    #[serde(default, rename = "occasion")]
    pub(crate) occasions: Vec<RawOccasion>,
    #[serde(default, rename = "person")]
    pub(crate) people: Vec<RawPerson>,
    pub(crate) mail: Option<Spanned<RawMail>>,
    pub(crate) schedule: Option<Spanned<RawSchedule>>,
    #[serde(default)]
    pub report: RawReport,
}

/// `municipality`: a name (`"Kalix kommun"`), or the `[[municipality]]` tables of a police area.
#[derive(Debug)]
pub(super) enum RawMunicipality {
    /// The municipality this file is about.
    Name(String),
    /// A police area: each municipality's id and file.
    Area(Vec<Spanned<RawMember>>),
}

/// `[[municipality]]` in a police area's `config.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMember {
    pub(crate) id: Spanned<String>,
    /// The municipality's file, relative to the `config.toml` that names it.
    pub(crate) config: Spanned<String>,
}

impl<'de> Deserialize<'de> for RawMunicipality {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = RawMunicipality;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a name such as \"Kalix kommun\", or [[municipality]] tables with `id` and `config`",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawMunicipality::Name(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(m) = seq.next_element()? {
                    members.push(m);
                }
                Ok(RawMunicipality::Area(members))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// `[schedule]`: when the daemon's jobs run, in the configured time zone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSchedule {
    pub(crate) ingest: Option<Spanned<String>>,
    pub(crate) reminders: Option<Spanned<String>>,
    pub(crate) digest: Option<Spanned<String>>,
    pub report: Option<Spanned<String>>,
    pub(crate) catch_up_hours: Option<Spanned<i64>>,
    pub(crate) watch_inbox: Option<Spanned<bool>>,
    pub(crate) watch_quiet_seconds: Option<Spanned<i64>>,
}

/// `[ingest]`: limits and words for reading the logs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIngest {
    pub(crate) max_unpacked_mb: Option<Spanned<i64>>,
    pub(crate) max_rows: Option<Spanned<i64>>,
    pub(crate) max_cells: Option<Spanned<i64>>,
    pub(crate) reader_memory_mb: Option<Spanned<i64>>,
    pub(crate) reader_cpu_seconds: Option<Spanned<i64>>,
    pub(crate) max_cell_chars: Option<Spanned<i64>>,
    pub(crate) total_labels: Option<Vec<Spanned<String>>>,
}

/// `[columns]`: extra header names per column.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumns {
    #[serde(default)]
    pub(crate) date: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) activity: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) count: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) hours: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) place: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) partners: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) responsible: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) comment: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) municipality: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) indicator: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) year: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) value: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) origin: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) pledge: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) week: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) planned: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) party: Vec<Spanned<String>>,
}

impl RawColumns {
    /// Whether any column is given another name.
    pub(crate) fn any(&self) -> bool {
        let all =
            [&self.date, &self.activity, &self.count, &self.hours, &self.place, &self.partners, &self.tags];
        all.iter().any(|v| !v.is_empty())
            || !self.responsible.is_empty()
            || !self.comment.is_empty()
            || !self.municipality.is_empty()
            || [&self.indicator, &self.year, &self.value, &self.origin].iter().any(|v| !v.is_empty())
            || [&self.pledge, &self.week, &self.planned, &self.party].iter().any(|v| !v.is_empty())
    }
}

/// `[[party]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParty {
    pub id: Spanned<String>,
    pub(crate) name: Spanned<String>,
    #[serde(default)]
    pub(crate) contacts: Vec<Spanned<String>>,
}

/// `[[source]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(crate) name: Spanned<String>,
    pub(crate) dir: Spanned<String>,
    pub(crate) party: Spanned<String>,
    pub(crate) log_keeper: Option<Spanned<String>>,
}

/// `[[person]]`: someone who receives mail.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPerson {
    pub id: Spanned<String>,
    pub(crate) name: Spanned<String>,
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) email: Spanned<String>,
}

/// `[mail]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMail {
    /// Required in a `config.toml`; a municipality's file may give only who gets what.
    pub(crate) from: Option<Spanned<String>>,
    pub(crate) from_name: Option<Spanned<String>>,
    /// Required in a `config.toml`.
    pub(crate) transport: Option<Spanned<String>>,
    pub(crate) dir: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) digest_to: Vec<Spanned<String>>,
    pub(crate) coordinator: Option<Spanned<String>>,
    pub(crate) reply_to: Option<Spanned<String>>,
    pub(crate) reminder_repeat_weeks: Option<Spanned<i64>>,
    pub(crate) stale_after_weeks: Option<Spanned<i64>>,
    pub(crate) send_timeout_seconds: Option<Spanned<i64>>,
    pub(crate) retry_for_hours: Option<Spanned<i64>>,
    pub(crate) news_for_days: Option<Spanned<i64>>,
    pub(crate) plan_reminder_days: Option<Spanned<i64>>,
    pub(crate) smtp: Option<Spanned<RawSmtp>>,
}

/// `[mail.smtp]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSmtp {
    pub(crate) host: Spanned<String>,
    pub(crate) port: Option<Spanned<i64>>,
    pub(crate) security: Option<Spanned<String>>,
    pub(crate) user: Option<Spanned<String>>,
    pub(crate) password_env: Option<Spanned<String>>,
    pub(crate) password_file: Option<Spanned<String>>,
    pub(crate) helo_name: Option<Spanned<String>>,
}

/// `[[period]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriod {
    pub id: Spanned<String>,
    pub(crate) start: Spanned<toml::value::Datetime>,
    pub(crate) end: Spanned<toml::value::Datetime>,
    pub report: Option<Spanned<RawPeriodReport>>,
    /// `terms = [{ start = 2020-01-07, end = 2020-06-12 }, ...]`: the school's terms.
    #[serde(default)]
    pub(crate) terms: Vec<Spanned<RawTerm>>,
    /// `[[period.interim]]`: the days a "Delrapport" of the period so far is mailed.
    #[serde(default)]
    pub(crate) interim: Vec<Spanned<RawInterim>>,
}

/// `[[period.interim]] date = 2019-04-01`: an interim follow-up's day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInterim {
    pub(crate) date: Spanned<toml::value::Datetime>,
}

/// One school term of a period, or the days of an occasion: first and last day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerm {
    pub(crate) start: Spanned<toml::value::Datetime>,
    pub(crate) end: Spanned<toml::value::Datetime>,
}

/// `[period.report]`: when the written follow-up of a period is sent, and to whom.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPeriodReport {
    pub(crate) date: Spanned<toml::value::Datetime>,
    pub(crate) to: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) cc: Vec<Spanned<String>>,
}

/// `[report]`: where the written follow-ups are kept and where the coordinators' comments are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    pub(crate) dir: Option<Spanned<String>>,
    pub comments: Option<Spanned<String>>,
}

/// `[[activity]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActivity {
    pub id: Spanned<String>,
    pub(crate) name: Spanned<String>,
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
}

/// `[[pledge]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPledge {
    pub id: Spanned<String>,
    pub(crate) title: Spanned<String>,
    pub(crate) promise: Spanned<String>,
    pub(crate) owners: Spanned<Vec<Spanned<String>>>,
    pub periods: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub activities: Vec<Spanned<String>>,
    pub(crate) rule: Spanned<RawRule>,
    pub(crate) partners: Option<Spanned<RawPartners>>,
    pub(crate) places: Option<Spanned<RawPlaces>>,
    #[serde(default)]
    pub(crate) report_tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) require_tags: Vec<Spanned<String>>,
    pub(crate) season: Option<Spanned<RawSeason>>,
    /// `weekdays = ["thursday"]`: only these weekdays count.
    #[serde(default)]
    pub(crate) weekdays: Option<Spanned<Vec<Spanned<String>>>>,
    /// `except_holidays = true`: public holidays do not count.
    #[serde(default)]
    pub(crate) except_holidays: bool,
    /// `[[pledge.part]]`: the pledge's parts.
    #[serde(default)]
    pub(crate) part: Vec<RawPart>,
    /// `[[pledge.plan]]`: the activities planned.
    #[serde(default)]
    pub(crate) plan: Vec<Spanned<RawPlanned>>,
    /// `occasions = { names = ["valborg", "midsommar"], days_before = 3, days_after = 1 }`.
    pub(crate) occasions: Option<Spanned<RawOccasions>>,
}

/// `occasions = { names = [...], days_before = N, days_after = N }`: a pledge kept around occasions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOccasions {
    pub(crate) names: Spanned<Vec<Spanned<String>>>,
    pub(crate) days_before: Option<Spanned<i64>>,
    pub(crate) days_after: Option<Spanned<i64>>,
}

/// `[[occasion]]`: an occasion of the municipality's own, with its day each year (`dates`) or its
/// days (`spans = [{ start, end }]`, a sportlov week).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOccasion {
    pub(crate) name: Spanned<String>,
    #[serde(default)]
    pub(crate) dates: Vec<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    pub(crate) spans: Vec<Spanned<RawTerm>>,
}

/// `rule = { kind = ..., at_least = ..., per = ..., each = ... }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(crate) kind: Spanned<String>,
    pub(crate) at_least: Option<Spanned<f64>>,
    pub(crate) per: Option<Spanned<String>>,
    pub(crate) each: Option<Spanned<String>>,
    /// `"activities"` (the default: the sum of Antal) or `"hours"` (the sum of Timmar).
    pub(crate) measure: Option<Spanned<String>>,
    /// An indicator rule: the indicator's name in an indicator sheet.
    pub(crate) indicator: Option<Spanned<String>>,
    /// An indicator rule's target when the value is to stay under it.
    pub(crate) at_most: Option<Spanned<f64>>,
    /// An indicator rule's starting value.
    pub(crate) baseline: Option<Spanned<f64>>,
    /// The year of an indicator rule's starting value (read from the sheet when `baseline` is not given).
    pub(crate) baseline_year: Option<Spanned<i64>>,
    /// What an indicator's values are written in: `%`, a word, or nothing.
    pub(crate) unit: Option<Spanned<String>>,
}

/// `partners = { non_empty = true, all_of = [[...], ...], any_of = [...] }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPartners {
    #[serde(default)]
    pub(crate) non_empty: bool,
    #[serde(default)]
    pub(crate) all_of: Vec<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(crate) any_of: Vec<Spanned<String>>,
}

/// `places = { any_of = ["Metro", "Kåken"] }`, or one part per place: `places = { at_each =
/// ["Metro", "Kåken"], called = "fritidsgård" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlaces {
    pub(crate) any_of: Option<Vec<Spanned<String>>>,
    pub(crate) at_each: Option<Vec<Spanned<String>>>,
    pub(crate) called: Option<Spanned<String>>,
}

/// `[[pledge.part]]`: a part with its name and, where it differs from the pledge's, its activities,
/// places and `at_least`.
/// `[[pledge.plan]]`: `date = 2019-05-14` or `week = "2019-W20"`, `what = "..."`, `party = "kommunen"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlanned {
    pub(crate) date: Option<Spanned<toml::value::Datetime>>,
    pub(crate) week: Option<Spanned<String>>,
    pub(crate) what: Spanned<String>,
    pub(crate) party: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPart {
    pub(crate) name: Spanned<String>,
    pub(crate) activities: Option<Vec<Spanned<String>>>,
    pub(crate) places: Option<Spanned<RawPlaces>>,
    pub(crate) at_least: Option<Spanned<f64>>,
}

/// `season = { from = "11-01", to = "04-30" }`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSeason {
    pub(crate) from: Spanned<String>,
    pub(crate) to: Spanned<String>,
}
