//! From what the user typed to what the program uses: defaults, references between sections, and
//! every check that TOML's types cannot make. Pure.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use toml::Spanned;

use super::raw::{RawConfig, RawPledge, RawRule, RawSeason};
use super::{Config, ConfigError, ConfigErrors, IngestSettings, Source};
use crate::model::Column;
use crate::names::normalize;
use crate::pledge::{
    ActivityKind, MonthDay, PartnerCondition, Party, Period, Pledge, RateUnit, Rule, Season, SubPeriod,
};
use crate::rules::calendar::{self, Window};

mod mail;
mod report;

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
        self.non_empty(&raw.municipality, "municipality");
        self.non_empty(&raw.police_area, "police_area");
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
        let mail = self.mail(&raw, &base_dir);
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
        let quiet = match &r.watch_quiet_seconds {
            None => 10,
            Some(q) if (1..=600).contains(q.get_ref()) => *q.get_ref() as u64,
            Some(q) => {
                self.at(q, "`schedule.watch_quiet_seconds` must be from 1 to 600".into());
                10
            }
        };
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
        let hours = match r.and_then(|r| r.catch_up_hours.as_ref()) {
            None => 72,
            Some(h) if *h.get_ref() >= 1 => *h.get_ref(),
            Some(h) => {
                self.at(h, "`schedule.catch_up_hours` must be a whole number of at least 1".into());
                72
            }
        };
        (jobs, chrono::Duration::hours(hours))
    }

    fn non_empty(&mut self, value: &Spanned<String>, key: &str) {
        if value.get_ref().trim().is_empty() {
            self.at(value, format!("`{key}` must not be empty"));
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

    fn positive(&mut self, value: &Option<Spanned<i64>>, key: &str, default: u64) -> u64 {
        match value {
            None => default,
            Some(v) if *v.get_ref() > 0 => *v.get_ref() as u64,
            Some(v) => {
                self.at(v, format!("`ingest.{key}` must be a whole number greater than 0"));
                default
            }
        }
    }

    fn ingest(&mut self, raw: &super::raw::RawIngest) -> IngestSettings {
        let d = IngestSettings::default();
        let total_labels = match &raw.total_labels {
            None => d.total_labels.clone(),
            Some(labels) => labels
                .iter()
                .filter_map(|l| {
                    let n = normalize(l.get_ref());
                    if n.is_empty() {
                        self.at(l, "a totals label must not be empty".into());
                        None
                    } else {
                        Some(n)
                    }
                })
                .collect(),
        };
        IngestSettings {
            max_unpacked_bytes: self.positive(
                &raw.max_unpacked_mb,
                "max_unpacked_mb",
                d.max_unpacked_bytes >> 20,
            ) << 20,
            max_rows: self.positive(&raw.max_rows, "max_rows", d.max_rows),
            max_cells: self.positive(&raw.max_cells, "max_cells", d.max_cells),
            total_labels,
        }
    }

    fn columns(&mut self, raw: &super::raw::RawColumns) -> Vec<(Column, Vec<String>)> {
        let aliases = |c: Column| match c {
            Column::Date => &raw.date,
            Column::Activity => &raw.activity,
            Column::Count => &raw.count,
            Column::Place => &raw.place,
            Column::Partners => &raw.partners,
            Column::Tags => &raw.tags,
            Column::Responsible => &raw.responsible,
            Column::Comment => &raw.comment,
        };
        let mut seen: HashMap<String, Column> = HashMap::new();
        let mut out = Vec::new();
        for column in Column::ALL {
            let mut names = vec![column.header().to_owned()];
            seen.insert(normalize(column.header()), column);
            for alias in aliases(column) {
                let key = normalize(alias.get_ref());
                if key.is_empty() {
                    self.at(alias, "a column name must not be empty".into());
                    continue;
                }
                match seen.insert(key, column) {
                    Some(other) if other != column => self.at(
                        alias,
                        format!(
                            "column name {:?} is already used for `{}`",
                            alias.get_ref(),
                            other.config_key()
                        ),
                    ),
                    _ => names.push(alias.get_ref().clone()),
                }
            }
            out.push((column, names));
        }
        out
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
                self.non_empty(&p.name, "name");
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
                self.non_empty(&a.name, "name");
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

    fn pledges(&mut self, raw: &RawConfig) -> Vec<Pledge> {
        let mut seen = HashMap::new();
        raw.pledges
            .iter()
            .map(|p| {
                self.id(&p.id, "pledge", &mut seen);
                self.pledge(raw, p)
            })
            .collect()
    }

    fn pledge(&mut self, raw: &RawConfig, p: &RawPledge) -> Pledge {
        self.non_empty(&p.title, "title");
        self.non_empty(&p.promise, "promise");
        if p.owners.get_ref().is_empty() {
            self.at(&p.owners, "`owners` must name at least one party".into());
        }
        for owner in p.owners.get_ref() {
            self.check_party(raw, owner);
        }
        let periods = match &p.periods {
            None => raw.periods.iter().map(|x| x.id.get_ref().clone()).collect(),
            Some(ids) => {
                for id in ids {
                    if !raw.periods.iter().any(|x| x.id.get_ref() == id.get_ref()) {
                        let known = join(raw.periods.iter().map(|x| x.id.get_ref().as_str()));
                        self.at(id, format!("unknown period {:?}; expected one of: {known}", id.get_ref()));
                    }
                }
                ids.iter().map(|x| x.get_ref().clone()).collect::<Vec<_>>()
            }
        };
        self.pledge_periods_disjoint(raw, p, &periods);

        let rule = self.rule(&p.rule);
        if p.activities.is_empty() {
            self.at(&p.id, format!("pledge {:?} counts no activities; set `activities`", p.id.get_ref()));
        }
        for a in &p.activities {
            if !raw.activities.iter().any(|x| x.id.get_ref() == a.get_ref()) {
                let known = join(raw.activities.iter().map(|x| x.id.get_ref().as_str()));
                self.at(
                    a,
                    format!(
                        "pledge counts activity {:?}, which is not defined; expected one of: {known}",
                        a.get_ref()
                    ),
                );
            }
        }
        let partners = p.partners.as_ref().map(|x| self.partners(x)).unwrap_or_default();
        let season = p.season.as_ref().and_then(|s| self.season(s));
        self.pledge_calendar(raw, p, &periods, &rule, season);
        let words =
            |v: &[Spanned<String>]| v.iter().map(|x| x.get_ref().trim().to_owned()).collect::<Vec<_>>();
        Pledge {
            id: p.id.get_ref().clone(),
            title: p.title.get_ref().trim().to_owned(),
            promise: p.promise.get_ref().trim().to_owned(),
            owners: p.owners.get_ref().iter().map(|x| x.get_ref().clone()).collect(),
            periods,
            activities: p.activities.iter().map(|x| x.get_ref().clone()).collect(),
            rule,
            partners,
            report_tags: words(&p.report_tags),
            require_tags: words(&p.require_tags),
            season,
        }
    }

    /// Each of the pledge's periods must give its rule something to measure: some day in its season,
    /// a week (or month) for a rate, whole months, quarters or terms for an ongoing rule.
    fn pledge_calendar(
        &mut self,
        raw: &RawConfig,
        p: &RawPledge,
        ids: &[String],
        rule: &Rule,
        season: Option<Season>,
    ) {
        if ids.is_empty() {
            self.at(
                &p.id,
                format!("pledge {:?} has `periods = []`; name at least one period", p.id.get_ref()),
            );
        }
        for period in self_periods(raw).iter().filter(|x| ids.contains(&x.id)) {
            let window = Window::new(period, season);
            let at_pledge = format!("pledge {:?}, period {:?}", p.id.get_ref(), period.id);
            if window.active_days() == 0 {
                if let Some(s) = &p.season {
                    self.at(s, format!("{at_pledge}: the season has no day in the period"));
                }
                continue;
            }
            match rule {
                Rule::Rate { per, .. } if window.units(*per) == 0 => {
                    let unit = match per {
                        RateUnit::Week => "week (a week belongs to the period that holds its Thursday)",
                        RateUnit::Month => "month (a month belongs to the period that holds its 15th)",
                    };
                    self.at(&p.rule, format!("{at_pledge}: the period holds no whole {unit}; use `total`"));
                }
                Rule::Ongoing { each, .. } if !calendar::is_aligned(period, *each) => {
                    let unit = match each {
                        SubPeriod::Month => "month",
                        SubPeriod::Quarter => "quarter (January, April, July, October)",
                        SubPeriod::Term => "term (January or July)",
                    };
                    self.at(
                        &p.rule,
                        format!(
                            "{at_pledge}: an ongoing rule needs a period of whole sub-periods; \
                             {} – {} must start on the first day of a {unit} and end on the last day of one",
                            period.start, period.end
                        ),
                    );
                }
                _ => {}
            }
        }
    }

    /// An activity must fall in at most one of a pledge's periods, so a pledge's periods may not overlap.
    fn pledge_periods_disjoint(&mut self, raw: &RawConfig, p: &RawPledge, ids: &[String]) {
        let periods: Vec<Period> = self_periods(raw).into_iter().filter(|x| ids.contains(&x.id)).collect();
        for (i, a) in periods.iter().enumerate() {
            for b in &periods[i + 1..] {
                if a.overlaps(b) {
                    self.at(
                        &p.id,
                        format!(
                            "pledge {:?} applies to periods {:?} and {:?}, which overlap; \
                             list only periods that do not share a day (`periods = [...]`)",
                            p.id.get_ref(),
                            a.id,
                            b.id
                        ),
                    );
                }
            }
        }
    }

    fn rule(&mut self, rule: &Spanned<RawRule>) -> Rule {
        let r = rule.get_ref();
        let kind = r.kind.get_ref().as_str();
        let allowed: &[&str] = match kind {
            "total" => &["at_least"],
            "rate" => &["at_least", "per"],
            "ongoing" => &["at_least", "each"],
            "qualitative" => &[],
            other => {
                self.at(
                    &r.kind,
                    format!(
                        "unknown rule kind {other:?}; expected one of: total, rate, ongoing, qualitative"
                    ),
                );
                return Rule::Qualitative;
            }
        };
        let given = [
            ("at_least", r.at_least.as_ref().map(|x| x.span())),
            ("per", r.per.as_ref().map(|x| x.span())),
            ("each", r.each.as_ref().map(|x| x.span())),
        ];
        for (key, span) in given {
            if let Some(span) = span.filter(|_| !allowed.contains(&key)) {
                self.error(Some(span), format!("`{key}` does not apply to a rule of kind {kind:?}"));
            }
        }
        let whole = |v: &mut Self, x: &Spanned<f64>| -> u32 {
            let n = *x.get_ref();
            if n.fract() != 0.0 || !(1.0..=1_000_000.0).contains(&n) {
                v.at(
                    x,
                    format!("`at_least` must be a whole number of at least 1 for a rule of kind {kind:?}"),
                );
                return 1;
            }
            n as u32
        };
        let at_least = match (&r.at_least, kind) {
            (_, "qualitative") => None,
            (Some(x), _) => Some(x),
            (None, _) => {
                self.at(rule, format!("a rule of kind {kind:?} needs `at_least`"));
                None
            }
        };
        match kind {
            "total" => Rule::Total { at_least: at_least.map(|x| whole(self, x)).unwrap_or(1) },
            "rate" => {
                let n = at_least.map(|x| *x.get_ref()).unwrap_or(1.0);
                if let Some(x) = at_least.filter(|_| !(n > 0.0 && n.is_finite())) {
                    self.at(x, "`at_least` of a rate must be greater than 0".into());
                }
                let per = match r.per.as_ref().map(|x| (x, x.get_ref().as_str())) {
                    Some((_, "week")) => RateUnit::Week,
                    Some((_, "month")) => RateUnit::Month,
                    Some((x, other)) => {
                        self.at(x, format!("unknown rate unit {other:?}; expected \"week\" or \"month\""));
                        RateUnit::Week
                    }
                    None => {
                        self.at(rule, "a rule of kind \"rate\" needs `per` (\"week\" or \"month\")".into());
                        RateUnit::Week
                    }
                };
                Rule::Rate { at_least: n, per }
            }
            "ongoing" => {
                let each = match r.each.as_ref().map(|x| (x, x.get_ref().as_str())) {
                    Some((_, "month")) => SubPeriod::Month,
                    Some((_, "quarter")) => SubPeriod::Quarter,
                    Some((_, "term")) => SubPeriod::Term,
                    Some((x, other)) => {
                        self.at(
                            x,
                            format!(
                                "unknown sub-period {other:?}; expected \"month\", \"quarter\" or \"term\""
                            ),
                        );
                        SubPeriod::Month
                    }
                    None => {
                        self.at(
                            rule,
                            "a rule of kind \"ongoing\" needs `each` (\"month\", \"quarter\" or \"term\")"
                                .into(),
                        );
                        SubPeriod::Month
                    }
                };
                Rule::Ongoing { at_least: at_least.map(|x| whole(self, x)).unwrap_or(1), each }
            }
            _ => Rule::Qualitative,
        }
    }

    fn partners(&mut self, raw: &Spanned<super::raw::RawPartners>) -> PartnerCondition {
        let r = raw.get_ref();
        let mut all_of = Vec::new();
        for group in r.all_of.iter().chain(std::iter::once(&r.any_of)).filter(|g| !g.is_empty()) {
            let mut words = Vec::new();
            for w in group {
                let word = w.get_ref().trim().to_lowercase();
                if word.is_empty() {
                    self.at(w, "a partner word must not be empty".into());
                } else {
                    words.push(word);
                }
            }
            all_of.push(words);
        }
        if !r.non_empty && all_of.is_empty() {
            self.at(raw, "`partners` sets no condition; use `non_empty = true`, `any_of` or `all_of`".into());
        }
        PartnerCondition { non_empty: r.non_empty, all_of }
    }

    fn season(&mut self, raw: &Spanned<RawSeason>) -> Option<Season> {
        let from = self.month_day(&raw.get_ref().from);
        let to = self.month_day(&raw.get_ref().to);
        Some(Season { from: from?, to: to? })
    }

    fn month_day(&mut self, value: &Spanned<String>) -> Option<MonthDay> {
        let parsed = value.get_ref().split_once('-').and_then(|(m, d)| {
            let (month, day) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
            // 2020 is a leap year, so 02-29 is accepted.
            NaiveDate::from_ymd_opt(2020, month, day).map(|_| MonthDay { month, day })
        });
        if parsed.is_none() {
            self.at(value, format!("season day {:?} must be month-day, e.g. \"11-01\"", value.get_ref()));
        }
        parsed
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
