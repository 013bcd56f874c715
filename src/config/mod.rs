//! The configuration: `config.toml` read in two stages, what the user typed (`raw`) and what the
//! program uses (`Config`), joined by `validate`.
//!
//! Pure apart from [`Config::load`], which only reads the file. Every error names the file, line and
//! column and says what was expected; all errors are collected, not just the first.

mod install;
pub mod mail;
mod raw;
pub mod report;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Column;
use crate::pledge::{ActivityKind, Party, Period, Pledge};

pub use install::Install;

/// The version of what the reader stores for a file. Raise it when a new pledgewatch stores more about
/// a file (2: a row problem keeps its date and activity kind), so files read before are read again.
/// Not for a change of wording: problems are stored as data and their sentences made when read.
const READER_VERSION: &str = "reader 3\x1f";

/// The configuration the program runs on.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from: `config.toml` (in a police area too, where it names the others).
    pub(crate) path: PathBuf,
    /// The file the municipality's own sections were read from: `path`, or in a police area the
    /// municipality's file.
    pub(crate) file: PathBuf,
    /// The directory all relative paths are resolved against: the config file's own directory.
    pub(crate) base_dir: PathBuf,
    /// In a police area, the municipality's id (`[[municipality]] id`): it starts each idempotency
    /// key, report file name and job name, and is stored with each activity. `None`: a municipality
    /// alone, whose keys and names are as they have always been.
    pub(crate) scope: Option<String>,
    /// The municipality, e.g. `Kalix kommun`.
    pub(crate) municipality: String,
    /// In a police area, the names of all its municipalities, in order (empty for a municipality
    /// alone): what a `Kommun` cell may say.
    pub(crate) area_names: Vec<String>,
    /// The local police area, e.g. `Lokalpolisområde Östra Norrbotten`.
    pub(crate) police_area: String,
    /// The time zone all dates and schedules are in.
    pub(crate) timezone: chrono_tz::Tz,
    /// Where the store and other state live.
    pub(crate) state_dir: PathBuf,
    /// Limits and words for reading the logs.
    pub(crate) ingest: IngestSettings,
    /// Header names per column: the Swedish name first, then the configured aliases.
    pub(crate) columns: Vec<(Column, Vec<String>)>,
    /// The parties that sign the pledges.
    pub(crate) parties: Vec<Party>,
    /// The folders the logs are dropped in.
    pub(crate) sources: Vec<Source>,
    /// The pledge periods.
    pub periods: Vec<Period>,
    /// The activity kinds a log may name.
    pub activities: Vec<ActivityKind>,
    /// The pledges.
    pub pledges: Vec<Pledge>,
    /// The people who receive mail.
    pub(crate) people: Vec<mail::Person>,
    /// How mail leaves, and the digest's recipients.
    pub(crate) mail: mail::MailSettings,
    /// When the daemon's jobs run.
    pub(crate) jobs: Vec<JobSchedule>,
    /// A slot missed by more than this while the daemon was down is skipped, not run.
    pub(crate) catch_up: chrono::Duration,
    /// The written follow-ups: folder, comments file, dates and recipients.
    pub report: report::ReportSettings,
    /// The daemon reads a new or re-saved log within a minute, once its folder has been quiet this
    /// long (a save in progress is not read half written); `None`: only at the `ingest` slots.
    pub(crate) watch_inbox: Option<std::time::Duration>,
}

/// What a job of the daemon does.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Read the inbox, then send what the outbox holds (retries included).
    Ingest,
    /// Read the inbox, decide reminders, outcomes and data-quality notices, send.
    Reminders,
    /// Decide the weekly digest, send.
    Digest,
    /// Read the inbox, write the follow-up of the period, mail it, send.
    Report {
        /// The municipality's id in a police area (see [`Config::scope`]).
        scope: Option<String>,
        /// The period's id.
        period: String,
        /// An interim follow-up's configured date (`[[period.interim]]`); `None`: the follow-up.
        interim: Option<chrono::NaiveDate>,
    },
}

impl Job {
    /// The job's name in the config, the store and the logs.
    pub fn name(&self) -> String {
        match self {
            Job::Ingest => "ingest".into(),
            Job::Reminders => "reminders".into(),
            Job::Digest => "digest".into(),
            Job::Report { scope, period, interim } => {
                let scope = scope.as_ref().map_or_else(String::new, |s| format!("{s}/"));
                let interim = interim.map_or_else(String::new, |d| format!("/interim-{d}"));
                format!("report:{scope}{period}{interim}")
            }
        }
    }
}

/// A job and when it runs.
#[derive(Debug, Clone)]
pub struct JobSchedule {
    /// The job.
    pub(crate) job: Job,
    /// When, in the configured time zone.
    pub(crate) schedule: crate::schedule::Schedule,
}

/// A folder of activity logs kept by one party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The municipality whose logs the folder holds, in a police area; `None`: a source of the
    /// area's `config.toml` (the police's), whose rows say their municipality (`Kommun`), or the
    /// source of a municipality alone.
    pub(crate) municipality: Option<String>,
    /// Short name, e.g. `polisen`; also how its files are named in messages.
    pub(crate) name: String,
    /// The folder, resolved against the config file's directory.
    pub(crate) dir: PathBuf,
    /// The folder as written in the config, for messages.
    pub(crate) dir_as_written: String,
    /// The id of the party that keeps the logs.
    pub(crate) party: String,
    /// The id of the person who keeps its logs and receives its data-quality notices.
    pub(crate) log_keeper: Option<String>,
}

/// Limits that protect the server from damaged or hostile files, and the words of totals rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestSettings {
    /// Largest total unpacked size of a zip-based workbook, in bytes.
    pub(crate) max_unpacked_bytes: u64,
    /// Most rows a sheet may have.
    pub(crate) max_rows: u64,
    /// Most cells the sheets of a workbook that must be loaded whole (xls, ods) may span together
    /// (summed over its sheets, since calamine loads them all).
    pub(crate) max_cells: u64,
    /// The most memory a reader process may use, in MB (the file is refused when it needs more).
    pub(crate) reader_memory_mb: u64,
    /// The most processor time a reader process may use on one file, in seconds.
    pub(crate) reader_cpu_seconds: u64,
    /// Longest text kept from one cell, in characters; a longer one is shortened (ending in "…").
    pub(crate) max_cell_chars: u64,
    /// Words that start a totals row (`Summa`, `Totalt`), normalized.
    pub(crate) total_labels: Vec<String>,
}

impl Default for IngestSettings {
    fn default() -> Self {
        IngestSettings {
            max_unpacked_bytes: 1024 * 1024 * 1024,
            max_rows: 1_048_576,
            max_cells: 4_000_000,
            reader_memory_mb: 2048,
            reader_cpu_seconds: 300,
            max_cell_chars: 1000,
            total_labels: vec!["summa".into(), "totalt".into()],
        }
    }
}

/// One thing wrong with the config, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file.
    pub(crate) path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub(crate) location: Option<(usize, usize)>,
    /// What is wrong and what is expected.
    pub(crate) message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// All that is wrong with a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

impl Config {
    /// Reads and validates the config file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigErrors(vec![ConfigError {
                path: path.to_owned(),
                location: None,
                message: format!("cannot read the config file: {e}"),
            }])
        })?;
        Config::parse(&text, path)
    }

    /// Validates config text as if read from `path` (used for messages and to resolve relative paths).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
        validate::parse(text, path, None).map(|(config, _)| config)
    }

    /// The municipality's id: in a police area as `[[municipality]]` names it; alone, its name in
    /// lower case without "kommun" or "stad", in a-z, digits and '-' (`Kalix kommun`: `kalix`).
    pub fn id(&self) -> String {
        match &self.scope {
            Some(id) => id.clone(),
            None => slug(&self.municipality),
        }
    }

    /// An idempotency key (or a name in the store) of this municipality: `key` itself for a
    /// municipality alone, `ID/key` in a police area, so no two municipalities share one.
    pub(crate) fn scoped(&self, key: &str) -> String {
        match &self.scope {
            Some(id) => format!("{id}/{key}"),
            None => key.to_owned(),
        }
    }

    /// What names a period's files (the follow-up's): the period's id, in a police area after the
    /// municipality's (`kalix-2024`), so the municipalities' follow-ups lie side by side.
    pub(crate) fn file_label(&self, period: &str) -> String {
        match &self.scope {
            Some(id) => format!("{id}-{period}"),
            None => period.to_owned(),
        }
    }

    /// The name its mails are signed with: the municipality's, or for the notices of a police area's
    /// own (about the rows of the police's log that name no municipality) the area's.
    pub(crate) fn name(&self) -> &str {
        if self.municipality.is_empty() { &self.police_area } else { &self.municipality }
    }

    /// The name its rows have in the store: the municipality's id in a police area, empty for a
    /// municipality alone (every row of a store made before police areas is so).
    pub(crate) fn store_scope(&self) -> &str {
        self.scope.as_deref().unwrap_or("")
    }

    /// Of the store's file records, those of this municipality's sources (a municipality alone:
    /// all, also of a source since removed from the config, as before).
    pub(crate) fn own_files(&self, files: Vec<crate::store::FileRecord>) -> Vec<crate::store::FileRecord> {
        if self.scope.is_none() {
            return files;
        }
        files.into_iter().filter(|f| self.source(&f.source).is_some()).collect()
    }

    /// Of the refused files, those of this municipality's sources (`files`: its own, as
    /// [`own_files`](Self::own_files) gives them).
    pub(crate) fn own_refusals(
        &self,
        refusals: Vec<crate::store::ProblemDetail>,
        files: &[crate::store::FileRecord],
    ) -> Vec<crate::store::ProblemDetail> {
        if self.scope.is_none() {
            return refusals;
        }
        refusals.into_iter().filter(|r| files.iter().any(|f| f.path == r.file)).collect()
    }

    /// The day `now` falls on in the configured time zone: the one answer to "what day is it".
    pub(crate) fn today(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        now.with_timezone(&self.timezone).date_naive()
    }

    /// When the reminders are decided on `day`: the reminders job's first slot that day, else the
    /// day's first minute. `preview --as-of` writes a past day's mails as of this moment, so they say
    /// what the daemon's mails said that day.
    pub(crate) fn reminders_at(&self, day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
        let start = crate::schedule::local_instant(self.timezone, day, chrono::NaiveTime::MIN);
        let end =
            crate::schedule::local_instant(self.timezone, day + chrono::Days::new(1), chrono::NaiveTime::MIN);
        self.jobs
            .iter()
            .filter(|j| j.job == Job::Reminders)
            .flat_map(|j| j.schedule.slots(self.timezone, start - chrono::Duration::minutes(1), end))
            .filter(|t| *t < end)
            .min()
            .unwrap_or(start)
    }

    /// The path of the SQLite store.
    pub fn store_path(&self) -> PathBuf {
        self.state_dir.join("pledgewatch.sqlite")
    }

    /// The person with this id.
    pub(crate) fn person(&self, id: &str) -> Option<&mail::Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The party with this id.
    pub(crate) fn party(&self, id: &str) -> Option<&crate::pledge::Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// The period with this id.
    pub fn period(&self, id: &str) -> Option<&crate::pledge::Period> {
        self.periods.iter().find(|p| p.id == id)
    }

    /// The log keepers of all sources, each once, in the order of the sources.
    pub(crate) fn log_keepers(&self) -> Vec<&mail::Person> {
        let mut out: Vec<&mail::Person> = Vec::new();
        for person in
            self.sources.iter().filter_map(|s| s.log_keeper.as_deref()).filter_map(|id| self.person(id))
        {
            if !out.iter().any(|p| p.id == person.id) {
                out.push(person);
            }
        }
        out
    }

    /// The people told that the comments file stops a follow-up: the log keepers, who keep the data
    /// folder; in a police area those of the municipality's own logs (the police's keeper works for
    /// every municipality and keeps none of their comments), or all when it has none of its own.
    pub(crate) fn comments_keepers(&self) -> Vec<&mail::Person> {
        let keepers = self.log_keepers();
        let own: Vec<&mail::Person> = keepers
            .iter()
            .copied()
            .filter(|p| {
                self.sources
                    .iter()
                    .any(|s| s.municipality.is_some() && s.log_keeper.as_deref() == Some(&p.id))
            })
            .collect();
        if own.is_empty() { keepers } else { own }
    }

    /// The people who are told that a source's logs are awaited: its log keeper and the
    /// coordinator (`mail.coordinator`), each once.
    pub(crate) fn told_of_logs<'a>(&'a self, source: &'a Source) -> Vec<&'a str> {
        let mut to: Vec<&str> = source.log_keeper.iter().map(String::as_str).collect();
        to.extend(self.mail.coordinator.as_deref().filter(|c| !to.contains(c)));
        to
    }

    /// The source with this name.
    pub fn source(&self, name: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.name == name)
    }

    /// A fingerprint of everything that changes how a log is read: the reader's version, activity
    /// and indicator names, the pledges' names and owners (a plan sheet's), header names, limits. A file read under another fingerprint is read again.
    pub fn reading_fingerprint(&self) -> String {
        let mut h = blake3::Hasher::new();
        h.update(READER_VERSION.as_bytes());
        let mut feed = |s: &str| {
            h.update(s.as_bytes());
            h.update(b"\x1f");
        };
        for a in &self.activities {
            feed(&a.id);
            feed(&a.name);
            a.aliases.iter().for_each(|x| feed(x));
            feed("\x1e");
        }
        // A plan sheet's rows are read against the pledges' ids and titles and their owners' names;
        // an indicator sheet's against the indicators' names, units and per cent scale.
        for p in &self.pledges {
            feed(&p.id);
            feed(&p.title);
            for o in &p.owners {
                feed(self.party(o).map_or(o.as_str(), |x| x.name.as_str()));
            }
            if let crate::pledge::Rule::Indicator(i) = &p.rule {
                feed(&i.indicator);
                feed(&i.unit);
                feed(if i.per_cent_scale() { "%" } else { "" });
            }
        }
        // A municipality alone reads no Kommun column (a police area adds its names, see
        // `Install::reading_fingerprint`).
        for (col, names) in self.columns.iter().filter(|(c, _)| *c != Column::Municipality) {
            feed(col.config_key());
            names.iter().for_each(|x| feed(x));
        }
        let i = &self.ingest;
        feed(&format!("{} {} {}", i.max_unpacked_bytes, i.max_rows, i.max_cells));
        i.total_labels.iter().for_each(|x| feed(x));
        h.finalize().to_hex()[..16].to_owned()
    }
}

/// A name as an id: `Kalix kommun` → `kalix`, `Malmö stad` → `malmo`.
fn slug(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let base = ["kommun", "stad"]
        .iter()
        .find_map(|w| lower.strip_suffix(w).filter(|b| b.ends_with(' ')))
        .unwrap_or(&lower);
    let mut out = String::new();
    for c in base.chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests;
