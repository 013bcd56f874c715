//! From what the user typed to what the program uses: defaults, references between sections, and
//! every check that TOML's types cannot make. Pure.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use toml::Spanned;

use super::raw::RawConfig;
use super::{Config, ConfigError, ConfigErrors, Source};
use crate::names::normalize;
use crate::pledge::{ActivityKind, Party, Period};

mod ingest;
mod mail;
mod pledge;
mod report;
mod rule;

pub(super) fn parse(text: &str, path: &Path) -> Result<Config, ConfigErrors> {
    let mut v = Validator { text, path, errors: Vec::new() };
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            v.error(e.span(), e.message().trim_end().to_owned());
            return Err(ConfigErrors(v.errors));
        }
    };
    let config = v.config(raw);
    if v.errors.is_empty() { Ok(config) } else { Err(ConfigErrors(v.errors)) }
}

struct Validator<'a> {
    text: &'a str,
    path: &'a Path,
    errors: Vec<ConfigError>,
}

/// The longest name or title the config may give (municipality, person, pledge, activity, …).
const MAX_NAME_CHARS: usize = 200;

impl Validator<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: String) {
        let location = span.map(|s| line_col(self.text, s.start));
        self.errors.push(ConfigError { path: self.path.to_owned(), location, message });
    }

    fn at<T>(&mut self, value: &Spanned<T>, message: String) {
        self.error(Some(value.span()), message);
    }

    fn config(&mut self, raw: RawConfig) -> Config {
        let base_dir = self.path.parent().map(Path::to_owned).unwrap_or_default();
        let base_dir = if base_dir.as_os_str().is_empty() { PathBuf::from(".") } else { base_dir };

        let timezone = match chrono_tz::Tz::from_str(raw.timezone.get_ref().trim()) {
            Ok(tz) => tz,
            Err(_) => {
                self.at(
                    &raw.timezone,
                    format!(
                        "unknown time zone {:?}; expected an IANA name such as \"Europe/Stockholm\"",
                        raw.timezone.get_ref()
                    ),
                );
                chrono_tz::Europe::Stockholm
            }
        };
        self.one_line(&raw.municipality, "municipality");
        self.one_line(&raw.police_area, "police_area");
        let state_dir = match &raw.state_dir {
            Some(dir) => {
                self.non_empty(dir, "state_dir");
                base_dir.join(dir.get_ref())
            }
            None => base_dir.join("data"),
        };

        let ingest = self.ingest(&raw.ingest);
        let columns = self.columns(&raw.columns);
        let parties = self.parties(&raw);
        let sources = self.sources(&raw, &base_dir);
        let periods = self.periods(&raw);
        let activities = self.activities(&raw);
        let pledges = self.pledges(&raw);
        let people = self.people(&raw);
        let mail = self.mail(&raw, &base_dir, &state_dir);
        let report = self.report(&raw, &base_dir, &state_dir, &periods);
        let (jobs, catch_up) = self.schedule(&raw, &report);
        self.folders_apart(&raw, &sources, &state_dir, &mail, &report);
        let watch_inbox = self.watch(&raw);

        Config {
            path: self.path.to_owned(),
            base_dir,
            municipality: raw.municipality.into_inner(),
            police_area: raw.police_area.into_inner(),
            timezone,
            state_dir,
            ingest,
            columns,
            parties,
            sources,
            periods,
            activities,
            pledges,
            people,
            mail,
            jobs,
            catch_up,
            report,
            watch_inbox,
        }
    }

    /// The store and the mail folder must not lie inside a source folder: they would be scanned as
    /// logs, and each write would look like a change to the inbox.
    fn folders_apart(
        &mut self,
        raw: &RawConfig,
        sources: &[Source],
        state_dir: &Path,
        mail: &super::mail::MailSettings,
        report: &super::report::ReportSettings,
    ) {
        let mut own = vec![("state_dir", state_dir.to_path_buf()), ("report.dir", report.dir.clone())];
        if let super::mail::Transport::Dir(d) = &mail.transport {
            own.push(("mail.dir", d.clone()));
        }
        for (source, raw_source) in sources.iter().zip(&raw.sources) {
            for (key, dir) in &own {
                if dir.starts_with(&source.dir) {
                    self.at(
                        &raw_source.dir,
                        format!(
                            "source folder {:?} contains `{key}` ({}); keep the store and the mail folder outside the inbox",
                            raw_source.dir.get_ref(),
                            dir.display()
                        ),
                    );
                }
            }
        }
    }

    /// `schedule.watch_inbox` and `schedule.watch_quiet_seconds`.
    fn watch(&mut self, raw: &RawConfig) -> Option<std::time::Duration> {
        let r = raw.schedule.as_ref().map(|s| s.get_ref())?;
        let quiet = self.in_range(&r.watch_quiet_seconds, "schedule.watch_quiet_seconds", 10, 1..=600);
        r.watch_inbox.as_ref().is_some_and(|w| *w.get_ref()).then(|| std::time::Duration::from_secs(quiet))
    }

    /// `[schedule]`: each job's schedule (defaults when the section or a key is missing).
    fn schedule(
        &mut self,
        raw: &RawConfig,
        report: &super::report::ReportSettings,
    ) -> (Vec<super::JobSchedule>, chrono::Duration) {
        use super::{Job, JobSchedule};
        let defaults = [(Job::Ingest, "*/15 * * * *"), (Job::Reminders, "07:00"), (Job::Digest, "mon 07:00")];
        let r = raw.schedule.as_ref().map(|s| s.get_ref());
        let mut jobs = Vec::new();
        for (job, default) in defaults {
            let written = r.and_then(|r| match job {
                Job::Ingest => r.ingest.as_ref(),
                Job::Reminders => r.reminders.as_ref(),
                Job::Digest => r.digest.as_ref(),
                Job::Report(_) => None,
            });
            let text = written.map_or(default, |w| w.get_ref().as_str());
            match crate::schedule::Schedule::parse(text) {
                Ok(schedule) => jobs.push(JobSchedule { job, schedule }),
                Err(e) => match written {
                    Some(w) => self.at(w, format!("`schedule.{}`: {e}", job.name())),
                    None => self.error(None, e.to_string()),
                },
            }
        }
        // Each period's follow-up, once, on its day (never skipped, however late the daemon starts).
        for plan in &report.plans {
            jobs.push(JobSchedule {
                job: Job::Report(plan.period.clone()),
                schedule: crate::schedule::Schedule::Once(plan.send_on.and_time(report.time)),
            });
        }
        // At most a year: a daemon down longer than that has nothing left to catch up.
        let hours = match r {
            Some(r) => self.in_range(&r.catch_up_hours, "schedule.catch_up_hours", 72, 1..=8_760),
            None => 72,
        };
        (jobs, chrono::Duration::hours(hours as i64))
    }

    fn non_empty(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().trim().is_empty() {
            self.at(value, format!("`{key}` must not be empty"));
        }
    }

    /// A name or title: not empty, and on one line (it goes into mail headers and table cells, where a
    /// line break or another control character would break them).
    fn one_line(&mut self, value: &Spanned<String>, key: &str) {
        self.non_empty(value, key);
        self.no_control(value, key);
        // A mail header line may hold 998 characters; a name is a few dozen.
        if value.get_ref().chars().count() > MAX_NAME_CHARS {
            self.at(value, format!("`{key}` must be at most {MAX_NAME_CHARS} characters"));
        }
    }

    /// A text of several lines (a pledge's promise): a line break is allowed, no other control
    /// character (a NUL or an escape would reach every mail and the follow-up).
    fn lines(&mut self, value: &Spanned<String>, key: &str) {
        self.non_empty(value, key);
        if value.get_ref().chars().any(|c| c.is_control() && c != '\n') {
            self.at(value, format!("`{key}` must not contain control characters other than line breaks"));
        }
    }

    /// As [`one_line`](Self::one_line), where the text may be empty.
    fn no_control(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().chars().any(char::is_control) {
            self.at(
                value,
                format!("`{key}` must be one line, without line breaks, tabs or other control characters"),
            );
        }
    }

    /// An id: letters a–z, digits, `-` and `_`, unique among `seen`.
    fn id(&mut self, id: &Spanned<String>, what: &str, seen: &mut HashMap<String, Range<usize>>) {
        let s = id.get_ref();
        if s.is_empty()
            || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            self.at(id, format!("{what} id {s:?} must be lower-case letters a-z, digits, '-' or '_'"));
        }
        if let Some(first) = seen.insert(s.clone(), id.span()) {
            let (line, _) = line_col(self.text, first.start);
            self.at(id, format!("duplicate {what} id {s:?} (first defined on line {line})"));
        }
    }

    /// A number of the config (`key` as written, e.g. `mail.retry_for_hours`), which must lie in
    /// `range`: every number has one, so that no value `check` accepts can overflow what is computed
    /// from it (a date, a time-out, a size).
    fn in_range(
        &mut self,
        value: &Option<Spanned<i64>>,
        key: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> u64 {
        match value {
            None => default,
            Some(v) => match u64::try_from(*v.get_ref()) {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    let (low, high) = (range.start(), range.end());
                    self.at(v, format!("`{key}` must be a whole number from {low} to {high}"));
                    default
                }
            },
        }
    }

    fn parties(&mut self, raw: &RawConfig) -> Vec<Party> {
        if raw.parties.is_empty() {
            self.error(None, "no [[party]] defined; expected at least one, e.g. the police area".into());
        }
        let mut seen = HashMap::new();
        raw.parties
            .iter()
            .map(|p| {
                self.id(&p.id, "party", &mut seen);
                self.one_line(&p.name, "name");
                for c in &p.contacts {
                    self.check_person(raw, c);
                }
                Party {
                    id: p.id.get_ref().clone(),
                    name: p.name.get_ref().clone(),
                    contacts: p.contacts.iter().map(|c| c.get_ref().clone()).collect(),
                }
            })
            .collect()
    }

    fn check_party(&mut self, raw: &RawConfig, party: &Spanned<String>) {
        if !raw.parties.iter().any(|p| p.id.get_ref() == party.get_ref()) {
            let known = join(raw.parties.iter().map(|p| p.id.get_ref().as_str()));
            self.at(party, format!("unknown party {:?}; expected one of: {known}", party.get_ref()));
        }
    }

    fn sources(&mut self, raw: &RawConfig, base_dir: &Path) -> Vec<Source> {
        let mut seen = HashMap::new();
        let mut dirs: HashMap<PathBuf, Range<usize>> = HashMap::new();
        raw.sources
            .iter()
            .map(|s| {
                self.id(&s.name, "source", &mut seen);
                self.non_empty(&s.dir, "dir");
                self.check_party(raw, &s.party);
                if let Some(k) = &s.log_keeper {
                    self.check_person(raw, k);
                }
                let dir = base_dir.join(s.dir.get_ref());
                if let Some(first) = dirs.insert(dir.clone(), s.dir.span()) {
                    let (line, _) = line_col(self.text, first.start);
                    self.at(
                        &s.dir,
                        format!("folder {:?} is already a source (line {line})", s.dir.get_ref()),
                    );
                }
                Source {
                    name: s.name.get_ref().clone(),
                    dir,
                    dir_as_written: s.dir.get_ref().clone(),
                    party: s.party.get_ref().clone(),
                    log_keeper: s.log_keeper.as_ref().map(|k| k.get_ref().clone()),
                }
            })
            .collect()
    }

    fn date(&mut self, value: &Spanned<toml::value::Datetime>, key: &str) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32),
            _ => None,
        };
        if date.is_none() {
            self.at(value, format!("`{key}` must be a date such as 2019-01-01 (no time, no quotes)"));
        }
        date
    }

    fn periods(&mut self, raw: &RawConfig) -> Vec<Period> {
        if raw.periods.is_empty() {
            self.error(None, "no [[period]] defined; expected at least one, e.g. id = \"2019\"".into());
        }
        let mut seen = HashMap::new();
        raw.periods
            .iter()
            .filter_map(|p| {
                self.id(&p.id, "period", &mut seen);
                let (start, end) = (self.date(&p.start, "start")?, self.date(&p.end, "end")?);
                if end < start {
                    self.at(&p.end, format!("period {:?} ends before it starts", p.id.get_ref()));
                    return None;
                }
                Some(Period { id: p.id.get_ref().clone(), start, end })
            })
            .collect()
    }

    fn activities(&mut self, raw: &RawConfig) -> Vec<ActivityKind> {
        let mut seen = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        raw.activities
            .iter()
            .map(|a| {
                self.id(&a.id, "activity", &mut seen);
                self.one_line(&a.name, "name");
                for name in std::iter::once(&a.name).chain(&a.aliases) {
                    let key = normalize(name.get_ref());
                    if key.is_empty() {
                        continue;
                    }
                    if let Some(other) = names.insert(key, a.id.get_ref().clone()) {
                        self.at(
                            name,
                            format!(
                                "activity name {:?} is already a name of activity {other:?}; \
                                 a name must mean one activity (case and spaces do not count)",
                                name.get_ref()
                            ),
                        );
                    }
                }
                ActivityKind {
                    id: a.id.get_ref().clone(),
                    name: a.name.get_ref().trim().to_owned(),
                    aliases: a.aliases.iter().map(|x| x.get_ref().trim().to_owned()).collect(),
                }
            })
            .collect()
    }
}

/// The periods that parse, without reporting errors (they are reported once, by `periods`).
fn self_periods(raw: &RawConfig) -> Vec<Period> {
    let date = |v: &Spanned<toml::value::Datetime>| {
        let d = v.get_ref().date?;
        NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
    };
    raw.periods
        .iter()
        .filter_map(|p| {
            Some(Period { id: p.id.get_ref().clone(), start: date(&p.start)?, end: date(&p.end)? })
        })
        .collect()
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() { "(none defined)".into() } else { v.join(", ") }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
