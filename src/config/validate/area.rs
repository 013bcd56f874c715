//! The checks that a police area adds: what a municipality's file may hold (its own pledges, people,
//! sources, periods and follow-up; never what the area shares), and what it takes from the area's
//! `config.toml`. Pure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::super::mail::MailSettings;
use super::super::raw::{RawConfig, RawMunicipality};
use super::super::report::ReportSettings;
use super::super::{Config, Job, JobSchedule, Source};
use super::{Member, MemberFile, Validator, line_col};
use crate::pledge::Period;

impl Validator<'_> {
    /// The `[[municipality]]` files of a police area's `config.toml`, ids checked.
    pub(super) fn members(&mut self, raw: &RawConfig) -> Vec<MemberFile> {
        let RawMunicipality::Area(members) = raw.municipality.get_ref() else { return Vec::new() };
        if self.member.is_some() {
            return Vec::new();
        }
        let base_dir = dir_of(self.path);
        let mut seen = HashMap::new();
        let mut files: Vec<(std::path::PathBuf, String)> = Vec::new();
        members
            .iter()
            .map(|m| {
                let m = m.get_ref();
                self.id(&m.id, "municipality", &mut seen);
                self.non_empty(&m.config, "config");
                let file = lexical(&base_dir.join(m.config.get_ref()));
                if let Some((_, first)) = files.iter().find(|(f, _)| *f == file) {
                    let message = format!(
                        "municipality {:?} names the file of municipality {first:?}; each municipality has a file of its own",
                        m.id.get_ref()
                    );
                    self.at(&m.config, message);
                }
                files.push((file, m.id.get_ref().clone()));
                MemberFile {
                    id: m.id.get_ref().clone(),
                    path: base_dir.join(m.config.get_ref()),
                    location: line_col(self.text, m.config.span().start),
                }
            })
            .collect()
    }

    /// The municipality's name: a municipality's own file names it; the `config.toml` of a police
    /// area names its `[[municipality]]` files instead (its name is then empty).
    pub(super) fn municipality(&mut self, raw: &RawConfig) -> String {
        let span = raw.municipality.span();
        match raw.municipality.get_ref() {
            RawMunicipality::Name(name) => {
                self.one_line(&Spanned::new(span, name.clone()), "municipality");
                name.clone()
            }
            RawMunicipality::Area(_) if self.member.is_some() => {
                self.error(
                    Some(span),
                    "a municipality's file names the municipality (municipality = \"Kalix kommun\"); \
                     [[municipality]] tables belong in the police area's config.toml"
                        .into(),
                );
                String::new()
            }
            RawMunicipality::Area(members) => {
                if members.is_empty() {
                    self.error(
                        Some(span.clone()),
                        "a police area needs at least one [[municipality]]".into(),
                    );
                }
                let firsts = [
                    raw.periods.first().map(|p| (p.id.span(), "[[period]]")),
                    raw.pledges.first().map(|p| (p.id.span(), "[[pledge]]")),
                    raw.occasions.first().map(|o| (o.name.span(), "[[occasion]]")),
                ];
                for (at, what) in firsts.into_iter().flatten() {
                    self.error(
                        Some(at),
                        format!(
                            "in a police area, each municipality's file holds its own {what}; \
                             this config.toml holds only what the municipalities share"
                        ),
                    );
                }
                if let Some(comments) = &raw.report.comments {
                    self.at(
                        comments,
                        "in a police area, each municipality's file names its own comments file \
                         ([report] comments = ...)"
                            .into(),
                    );
                }
                String::new()
            }
        }
    }

    /// A municipality's file holds none of what the police area shares.
    pub(super) fn not_shared(&mut self, raw: &RawConfig) {
        let mut shared: Vec<(&str, Option<std::ops::Range<usize>>)> = Vec::new();
        let mut key = |name: &'static str, span: Option<std::ops::Range<usize>>| shared.push((name, span));
        if let Some(v) = &raw.police_area {
            key("police_area", Some(v.span()));
        }
        if let Some(v) = &raw.timezone {
            key("timezone", Some(v.span()));
        }
        if let Some(v) = &raw.state_dir {
            key("state_dir", Some(v.span()));
        }
        if let Some(v) = &raw.schedule {
            key("[schedule]", Some(v.span()));
        }
        let i = &raw.ingest;
        let ingest =
            [&i.max_unpacked_mb, &i.max_rows, &i.max_cells, &i.reader_memory_mb, &i.reader_cpu_seconds];
        if ingest.iter().any(|v| v.is_some()) || i.max_cell_chars.is_some() || i.total_labels.is_some() {
            key("[ingest]", None);
        }
        if raw.columns.any() {
            key("[columns]", None);
        }
        if let Some(mail) = &raw.mail {
            let m = mail.get_ref();
            let own = [&m.from, &m.from_name, &m.transport, &m.dir];
            let numbers = [
                &m.reminder_repeat_weeks,
                &m.stale_after_weeks,
                &m.send_timeout_seconds,
                &m.retry_for_hours,
                &m.news_for_days,
                &m.plan_reminder_days,
            ];
            if own.iter().any(|v| v.is_some()) || numbers.iter().any(|v| v.is_some()) || m.smtp.is_some() {
                key(
                    "the mail server and sender ([mail] other than digest_to, coordinator and reply_to)",
                    Some(mail.span()),
                );
            }
        }
        for (name, span) in shared {
            self.error(
                span,
                format!(
                    "{name} is shared by the police area: set it in the area's config.toml, not in a \
                     municipality's file"
                ),
            );
        }
    }

    /// A municipality's own source is not one of the area's or of an earlier municipality's: another
    /// name (the store knows a file by its source's name), another folder (a folder holds one
    /// municipality's logs).
    pub(super) fn apart_from_shared(
        &mut self,
        raw: &RawConfig,
        own: &[Source],
        shared: &Config,
        earlier: &[Config],
    ) {
        let mut others: Vec<(&Source, String)> =
            shared.sources.iter().map(|s| (s, "the police area (config.toml)".to_owned())).collect();
        for m in earlier {
            let whose = format!("municipality {:?} ({})", m.id(), m.file.display());
            others.extend(m.sources.iter().filter(|s| s.municipality.is_some()).map(|s| (s, whose.clone())));
        }
        for (source, written) in own.iter().zip(&raw.sources) {
            if let Some((s, whose)) = others.iter().find(|(s, _)| s.name == source.name) {
                let message = format!(
                    "source name {:?} is already a source of {whose}; give this one another name",
                    s.name
                );
                self.at(&written.name, message);
            }
            if let Some((s, whose)) = others.iter().find(|(s, _)| s.dir == source.dir) {
                let message = format!(
                    "folder {:?} is already the folder of source {:?} of {whose}; a folder holds one municipality's logs",
                    written.dir.get_ref(),
                    s.name
                );
                self.at(&written.dir, message);
            }
        }
    }

    /// A municipality's mail: the area's, with its own digest recipients added and its own
    /// coordinator and reply-to person, when it names them.
    pub(super) fn member_mail(&mut self, raw: &RawConfig, shared: &Config) -> MailSettings {
        let mut mail = shared.mail.clone();
        let Some(own) = &raw.mail else { return mail };
        let m = own.get_ref();
        for id in m.digest_to.iter().chain(&m.coordinator).chain(&m.reply_to) {
            self.check_person(raw, id);
        }
        for id in &m.digest_to {
            if !mail.digest_to.contains(id.get_ref()) {
                mail.digest_to.push(id.get_ref().clone());
            }
        }
        if let Some(c) = &m.coordinator {
            mail.coordinator = Some(c.get_ref().clone());
        }
        if let Some(r) = &m.reply_to {
            mail.reply_to = Some(r.get_ref().clone());
        }
        mail
    }

    /// A municipality's `[report]` and `[period.report]`: the area's folder unless it names its own,
    /// its own comments file (default `kommentarer-ID.toml` in the state folder).
    pub(super) fn member_report(
        &mut self,
        raw: &RawConfig,
        base_dir: &Path,
        id: &str,
        shared: &Config,
        periods: &[Period],
    ) -> ReportSettings {
        let mut report = self.report(raw, base_dir, &shared.state_dir, periods);
        if raw.report.dir.is_none() {
            report.dir = shared.report.dir.clone();
        }
        if raw.report.comments.is_none() {
            report.comments = shared.state_dir.join(format!("kommentarer-{id}.toml"));
        }
        report.time = shared.report.time;
        report
    }
}

/// A municipality's jobs: the area's shared ones, and the follow-up of each of its own periods.
pub(super) fn report_jobs(shared: &[JobSchedule], id: &str, report: &ReportSettings) -> Vec<JobSchedule> {
    let mut jobs: Vec<JobSchedule> =
        shared.iter().filter(|j| !matches!(j.job, Job::Report { .. })).cloned().collect();
    jobs.extend(report.jobs(Some(id)));
    jobs
}

impl Member<'_> {
    /// Whether the area's shared config defines this person, party or activity.
    pub(super) fn shares(&self, what: Shared, id: &str) -> bool {
        let s = self.shared;
        match what {
            Shared::Person => s.people.iter().any(|p| p.id == id),
            Shared::Party => s.parties.iter().any(|p| p.id == id),
            Shared::Activity => s.activities.iter().any(|a| a.id == id),
        }
    }
}

/// What a municipality's file may take from the area's.
#[derive(Clone, Copy)]
pub(super) enum Shared {
    Person,
    Party,
    Activity,
}

/// A municipality's config, whole: what its file defines, then what the area's `config.toml` shares
/// and the file does not define again (an id is looked up in the municipality first).
pub(crate) fn with_shared(mut own: Config, shared: &Config) -> Config {
    fn add<T: Clone>(own: &mut Vec<T>, shared: &[T], id: impl Fn(&T) -> &str) {
        let fresh: Vec<T> = shared.iter().filter(|s| !own.iter().any(|o| id(o) == id(s))).cloned().collect();
        own.extend(fresh);
    }
    add(&mut own.parties, &shared.parties, |p| &p.id);
    add(&mut own.people, &shared.people, |p| &p.id);
    add(&mut own.activities, &shared.activities, |a| &a.id);
    // The police's folders first, as a municipality alone lists them.
    let mut sources = shared.sources.clone();
    sources.append(&mut own.sources);
    own.sources = sources;
    own
}

/// A path without `..` after a folder name (`kommuner/../data` is `data`); nothing is looked up.
pub(super) fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The folder a config file's relative paths are resolved against: its own.
pub(super) fn dir_of(path: &Path) -> PathBuf {
    let dir = path.parent().map(Path::to_owned).unwrap_or_default();
    if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir }
}
