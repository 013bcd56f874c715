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
use crate::pledge::{ActivityKind, Party};
use area::{dir_of, lexical, report_jobs, with_shared};

mod area;
mod indicator;
mod ingest;
mod mail;
mod occasions;
mod parts;
mod periods;
mod plan;
mod pledge;
mod report;
mod rule;
mod values;

/// Validates a config file: a municipality's alone, a police area's `config.toml` (with its
/// `[[municipality]]` files, still to be read), or, given `member`, a municipality's file of an area.
pub(super) fn parse(
    text: &str,
    path: &Path,
    member: Option<Member<'_>>,
) -> Result<(Config, Vec<MemberFile>), ConfigErrors> {
    let mut v = Validator { text, path, errors: Vec::new(), member };
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            v.error(e.span(), e.message().trim_end().to_owned());
            return Err(ConfigErrors(v.errors));
        }
    };
    let members = v.members(&raw);
    let config = v.config(raw);
    if v.errors.is_empty() { Ok((config, members)) } else { Err(ConfigErrors(v.errors)) }
}

struct Validator<'a> {
    text: &'a str,
    path: &'a Path,
    errors: Vec<ConfigError>,
    /// In a municipality's file of a police area: its id and the area's shared config, where what
    /// the file does not define (the police, the kommunpoliser, the schedule, the mail server) is.
    member: Option<Member<'a>>,
}

/// A `[[municipality]]` of a police area's `config.toml`: its id and file, not yet read.
#[derive(Debug, Clone)]
pub(super) struct MemberFile {
    pub(super) id: String,
    /// Resolved against the `config.toml`'s folder.
    pub(super) path: PathBuf,
    /// Where `config = ...` is written, for an error reading the file.
    pub(super) location: (usize, usize),
}

/// A municipality of a police area, as its file is validated.
#[derive(Clone, Copy)]
pub(super) struct Member<'a> {
    /// Its id in the area's `[[municipality]]`.
    pub(super) id: &'a str,
    /// The area's `config.toml`, validated.
    pub(super) shared: &'a Config,
    /// The municipalities validated before this one: a folder holds one municipality's logs.
    pub(super) earlier: &'a [Config],
}

impl Validator<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: String) {
        let location = span.map(|s| line_col(self.text, s.start));
        self.errors.push(ConfigError { path: self.path.to_owned(), location, message });
    }

    fn at<T>(&mut self, value: &Spanned<T>, message: String) {
        self.error(Some(value.span()), message);
    }

    fn config(&mut self, raw: RawConfig) -> Config {
        let base_dir = dir_of(self.path);
        let municipality = self.municipality(&raw);
        let Some(Member { id, shared, earlier }) = self.member else {
            return self.own_config(raw, base_dir, municipality);
        };
        self.not_shared(&raw);
        let mut config = shared.clone();
        config.municipality = municipality;
        config.scope = Some(id.to_owned());
        config.file = self.path.to_owned();
        config.parties = self.parties(&raw);
        config.sources = self.sources(&raw, &base_dir);
        self.apart_from_shared(&raw, &config.sources, shared, earlier);
        config.sources.iter_mut().for_each(|s| s.municipality = Some(id.to_owned()));
        config.periods = self.periods(&raw);
        config.activities = self.activities(&raw);
        config.pledges = self.pledges(&raw);
        config.people = self.people(&raw);
        config.mail = self.member_mail(&raw, shared);
        config.report = self.member_report(&raw, &base_dir, id, shared, &config.periods);
        config.jobs = report_jobs(&shared.jobs, id, &config.report);
        self.folders_apart(&raw, &config.sources, &shared.state_dir, &shared.mail, &config.report);
        with_shared(config, shared)
    }

    /// The config of a municipality alone, or of a police area's shared part.
    fn own_config(&mut self, raw: RawConfig, base_dir: PathBuf, municipality: String) -> Config {
        let timezone = self.timezone(&raw);
        let police_area = match &raw.police_area {
            Some(area) => {
                self.one_line(area, "police_area");
                area.get_ref().clone()
            }
            None => {
                self.error(None, "missing field `police_area`".into());
                String::new()
            }
        };
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
        // A police area's pledges and periods are its municipalities' (refused here, and not read
        // further: what would follow from them is no mistake of its own).
        let (periods, pledges) =
            if is_area(&raw) { (Vec::new(), Vec::new()) } else { (self.periods(&raw), self.pledges(&raw)) };
        let activities = self.activities(&raw);
        let people = self.people(&raw);
        let mail = self.mail(&raw, &base_dir, &state_dir);
        let report = self.report(&raw, &base_dir, &state_dir, &periods);
        let (jobs, catch_up) = self.schedule(&raw, &report);
        self.folders_apart(&raw, &sources, &state_dir, &mail, &report);
        let watch_inbox = self.watch(&raw);

        Config {
            path: self.path.to_owned(),
            file: self.path.to_owned(),
            base_dir,
            scope: None,
            area_names: Vec::new(),
            municipality,
            police_area,
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

    fn timezone(&mut self, raw: &RawConfig) -> chrono_tz::Tz {
        let Some(written) = &raw.timezone else {
            self.error(None, "missing field `timezone`".into());
            return chrono_tz::Europe::Stockholm;
        };
        match chrono_tz::Tz::from_str(written.get_ref().trim()) {
            Ok(tz) => tz,
            Err(_) => {
                self.at(
                    written,
                    format!(
                        "unknown time zone {:?}; expected an IANA name such as \"Europe/Stockholm\"",
                        written.get_ref()
                    ),
                );
                chrono_tz::Europe::Stockholm
            }
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
                Job::Report { .. } => None,
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
        jobs.extend(report.jobs(None));
        // At most a year: a daemon down longer than that has nothing left to catch up.
        let hours = match r {
            Some(r) => self.in_range(&r.catch_up_hours, "schedule.catch_up_hours", 72, 1..=8_760),
            None => 72,
        };
        (jobs, chrono::Duration::hours(hours as i64))
    }

    fn parties(&mut self, raw: &RawConfig) -> Vec<Party> {
        let shared = self.member.is_some_and(|m| !m.shared.parties.is_empty());
        if raw.parties.is_empty() && !shared && !is_area(raw) {
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
        let shared = self.member.iter().flat_map(|m| m.shared.parties.iter().map(|p| p.id.as_str()));
        if !raw.parties.iter().any(|p| p.id.get_ref() == party.get_ref())
            && !self.member.is_some_and(|m| m.shares(area::Shared::Party, party.get_ref()))
        {
            let known = join(raw.parties.iter().map(|p| p.id.get_ref().as_str()).chain(shared));
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
                // In a police area a municipality's folder is often beside its file (`../data/…`);
                // said without the `..`, it compares with the area's folders (a municipality alone
                // keeps its folders as written, and its stored paths with them).
                let dir = if self.member.is_some() { lexical(&dir) } else { dir };
                if let Some(first) = dirs.insert(dir.clone(), s.dir.span()) {
                    let (line, _) = line_col(self.text, first.start);
                    self.at(
                        &s.dir,
                        format!("folder {:?} is already a source (line {line})", s.dir.get_ref()),
                    );
                }
                // A municipality's folder is told as seen from the area's config.toml, as the
                // area's own are: `data/inbox/kalix`, not `../data/inbox/kalix`.
                let dir_as_written = match self.member {
                    Some(m) => dir.strip_prefix(&m.shared.base_dir).ok().map(|d| d.display().to_string()),
                    None => None,
                };
                Source {
                    municipality: None,
                    name: s.name.get_ref().clone(),
                    dir_as_written: dir_as_written.unwrap_or_else(|| s.dir.get_ref().clone()),
                    dir,
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

/// Whether this is the `config.toml` of a police area (it names `[[municipality]]` files).
fn is_area(raw: &RawConfig) -> bool {
    matches!(raw.municipality.get_ref(), super::raw::RawMunicipality::Area(_))
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
