//! The summary `check` prints: the config as the program understood it.

use std::fmt::Write;

use crate::config::mail::Transport;
use crate::config::{Config, Install};
use crate::pledge::Rule;

/// What `check` found: the summary it prints, and the errors among it that stop pledgewatch from
/// doing its work (the config itself is valid, or there would be no summary).
pub(crate) struct Checked {
    /// The summary.
    pub(crate) text: String,
    /// The errors, each a sentence (also in the summary, where they belong).
    pub(crate) errors: Vec<String>,
}

/// The summary `check` prints: the config's parts, each in its own section. `can_write` says why
/// the user running `check` (run it as the service's user) could not create a file in a folder, or
/// the folder that would hold it when it does not exist yet.
///
/// A police area gets the shared part once, then a section per municipality, then the jobs and the
/// folders of all; an error in a municipality's section names the municipality.
pub(crate) fn summary(
    install: &Install,
    now: chrono::DateTime<chrono::Utc>,
    can_write: &dyn Fn(&std::path::Path) -> Result<(), String>,
) -> Checked {
    let mut out = String::new();
    let shared = &install.shared;
    let today = shared.today(now);
    head(&mut out, shared, install);
    let mut errors = Vec::new();
    for config in &install.municipalities {
        if install.is_area() {
            let file = config.file.strip_prefix(&shared.base_dir).unwrap_or(&config.file);
            let _ = writeln!(out, "\n== {} ({}, {}) ==", config.municipality, config.id(), file.display());
        }
        let found = sources_and_periods(&mut out, config, today);
        let named = |e: String| if install.is_area() { format!("{}: {e}", config.id()) } else { e };
        errors.extend(found.into_iter().map(named));
        pledges(&mut out, config);
        people_and_mail(&mut out, config);
        if install.is_area() {
            in_place_of(&mut out, config, shared);
        }
        if !install.is_area() {
            jobs(&mut out, shared, install, now);
        }
        reports(&mut out, config, today);
    }
    if install.is_area() {
        let _ = writeln!(out);
        jobs(&mut out, shared, install, now);
    }
    errors.extend(written_folders(&mut out, install, can_write));
    Checked { text: out, errors }
}

/// A person of the area (the LPO chief, a kommunpolis) whose id a municipality's file gives to
/// someone else: there that one is told what the area's person would be (the police's log keeper
/// of its rows, its reminders). Allowed, so said.
fn in_place_of(out: &mut String, config: &Config, shared: &Config) {
    for theirs in &shared.people {
        if let Some(own) = config.person(&theirs.id).filter(|p| p.email != theirs.email) {
            let _ = writeln!(
                out,
                "  note: person {} is {} here, in place of the police area's {}: in {} the area's mails to {} go to {}",
                theirs.id, own.name, theirs.name, config.municipality, theirs.id, own.name
            );
        }
    }
}

/// Where the config is and whose it is.
fn head(out: &mut String, shared: &Config, install: &Install) {
    let _ = writeln!(out, "{} is valid.", shared.path.display());
    if install.is_area() {
        let names: Vec<&str> = install.municipalities.iter().map(|m| m.municipality.as_str()).collect();
        let _ = writeln!(out, "Municipalities: {} ({})", names.len(), names.join(", "));
    } else {
        let _ = writeln!(out, "Municipality: {}", shared.municipality);
    }
    let _ = writeln!(out, "Police area:  {}", shared.police_area);
    let _ = writeln!(out, "Time zone:    {}", shared.timezone.name());
    let _ = writeln!(out, "Store:        {}", shared.store_path().display());
}

/// The folders pledgewatch writes to: the store's, the mail folder (the `dir` transport) and the
/// reports'. One this user cannot write to is an error: every pass would fail there.
fn written_folders(
    out: &mut String,
    install: &Install,
    can_write: &dyn Fn(&std::path::Path) -> Result<(), String>,
) -> Vec<String> {
    let shared = &install.shared;
    let mut folders = vec![("state_dir", shared.state_dir.clone())];
    if let Transport::Dir(dir) = &shared.mail.transport {
        folders.push(("mail.dir", dir.clone()));
    }
    for m in &install.municipalities {
        if !folders.iter().any(|(_, d)| *d == m.report.dir) {
            folders.push(("report.dir", m.report.dir.clone()));
        }
    }
    let mut errors = Vec::new();
    let _ = writeln!(out, "Folders written to:");
    for (key, dir) in folders {
        match can_write(&dir) {
            Ok(()) => {
                let _ = writeln!(out, "  {key:10} {}  writable", dir.display());
            }
            Err(why) => {
                let _ = writeln!(out, "  {key:10} {}  (error: not writable)", dir.display());
                errors.push(format!(
                    "`{key}` {}: {why}; run check as the service's user (sudo -u pledgewatch), and give that user the folder or set `{key}` under state_dir",
                    dir.display()
                ));
            }
        }
    }
    errors
}

/// Where the config is, whose it is, its sources, periods and activities. A source's folder that does
/// not exist is an error while a period needs its logs, from its start until its follow-up can no
/// longer go (its logs cannot arrive, and the follow-up would be held for them), a warning before
/// and after; the errors are returned.
fn sources_and_periods(out: &mut String, config: &Config, today: chrono::NaiveDate) -> Vec<String> {
    let mut errors = Vec::new();
    // A period needs its logs from its start until its follow-up can no longer go (`news_for_days`
    // after its day; the period's end when it has none to send).
    let news = chrono::Duration::days(i64::from(config.mail.news_for_days));
    let begun = config
        .periods
        .iter()
        .rev()
        .filter(|p| p.start <= today)
        .find(|p| {
            let last = config.report.plan(&p.id).map_or(p.end, |plan| plan.send_on + news).max(p.end);
            today <= last
        })
        .map(|p| p.id.as_str());
    let _ = writeln!(out, "Sources:");
    let name_w = config.sources.iter().map(|s| s.name.chars().count()).max().unwrap_or(0).max(10);
    let dir_w = config.sources.iter().map(|s| s.dir_as_written.chars().count()).max().unwrap_or(0);
    for s in &config.sources {
        let mut party = config.party(&s.party).map_or("", |p| p.name.as_str()).to_owned();
        if let Some(keeper) = s.log_keeper.as_deref().and_then(|id| config.person(id)) {
            party = format!("{party} (log keeper {})", keeper.name);
        }
        let folder = crate::supply::Folder::at(&s.dir);
        if folder == crate::supply::Folder::Unlistable {
            errors.push(format!(
                "source {}: folder {} may not be listed by this user: its logs cannot be read (run check \
                 as the service's user, and give that user read access to the folder)",
                s.name,
                s.dir.display()
            ));
            let _ = writeln!(
                out,
                "  {:name_w$} {:dir_w$}  kept by {party}  (error: folder may not be listed)",
                s.name, s.dir_as_written
            );
            continue;
        }
        let state = match (folder == crate::supply::Folder::Listed, begun) {
            (true, _) => String::new(),
            (false, None) if config.periods.iter().any(|p| p.start > today) => {
                "  (warning: folder does not exist yet)".into()
            }
            (false, None) => "  (warning: folder does not exist; no period needs its logs now)".into(),
            (false, Some(period)) => {
                let error = format!(
                    "source {}: folder {} does not exist, and period {period} has begun: its logs cannot arrive \
                     (create the folder, or correct the source's `dir`)",
                    s.name,
                    s.dir.display()
                );
                errors.push(error);
                "  (error: folder does not exist)".into()
            }
        };
        let _ = writeln!(out, "  {:name_w$} {:dir_w$}  kept by {party}{state}", s.name, s.dir_as_written);
    }
    let _ = writeln!(out, "Periods:");
    for p in &config.periods {
        let _ = writeln!(out, "  {:10} {} – {}", p.id, p.start, p.end);
        if !p.terms.is_empty() {
            let terms: Vec<String> = p.terms.iter().map(|t| format!("{} – {}", t.start, t.end)).collect();
            let _ = writeln!(out, "  {:10} terms: {}", "", terms.join(", "));
        }
    }
    if let Some(last) = config.periods.iter().max_by_key(|p| p.end).filter(|p| p.end < today) {
        let _ = writeln!(
            out,
            "  warning: no period is current or to come (the last, {}, ended {}): once its follow-up has \
             gone the digest stops and nothing is followed up; add a [[period]] for the next pledges",
            last.id, last.end
        );
    }
    let _ = writeln!(
        out,
        "Activities: {}",
        config.activities.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    errors
}

/// Each pledge: its rule in the words of the follow-up, and its owners.
fn pledges(out: &mut String, config: &Config) {
    let _ = writeln!(out, "Pledges ({}):", config.pledges.len());
    let id_w = config.pledges.iter().map(|p| p.id.chars().count()).max().unwrap_or(0).max(20);
    let rules: Vec<String> =
        config.pledges.iter().map(|p| crate::messages::report::target(p, None)).collect();
    let rule_w = rules.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    for (p, rule) in config.pledges.iter().zip(&rules) {
        let _ = writeln!(out, "  {:id_w$} {rule:rule_w$}  owners: {}", p.id, p.owners.join(", "));
        if let Rule::Indicator(i) = &p.rule {
            indicator_warnings(out, config, p, i);
        }
        for planned in &p.plan {
            let by = planned.party.as_deref().map(|x| format!(" ({x})")).unwrap_or_default();
            let when = crate::messages::plan::when(planned.when);
            let _ =
                writeln!(out, "  {:id_w$}   planned {when}: {}{by}", "", crate::text::quoted(&planned.what));
        }
    }
}

/// What `check` accepts of an indicator but a reader would ask about: a share over 100 %, a
/// baseline that meets the target already, a baseline year inside the pledge's own period.
fn indicator_warnings(
    out: &mut String,
    config: &Config,
    p: &crate::pledge::Pledge,
    i: &crate::pledge::IndicatorRule,
) {
    let target = i.target.value();
    if i.unit == "%" && target > 100_000 {
        let _ = writeln!(
            out,
            "  warning: pledge {}: a target above 100 % (unit \"%\"); is the unit right?",
            p.id
        );
    }
    if let Some(b) = i.baseline.value.filter(|b| i.target.met_by(*b)) {
        let b = crate::messages::indicator::value(b, &i.unit);
        let _ = writeln!(out, "  warning: pledge {}: its baseline {b} meets its target already", p.id);
    }
    let inside = |y: i32| {
        config
            .periods
            .iter()
            .filter(|x| p.periods.contains(&x.id))
            .any(|x| chrono::NaiveDate::from_ymd_opt(y, 12, 31).is_some_and(|d| x.contains(d)))
    };
    if let Some(y) = i.baseline.year.filter(|y| inside(*y)) {
        let _ = writeln!(
            out,
            "  warning: pledge {}: baseline_year {y} is inside its own period; the baseline is then a value it is judged by",
            p.id
        );
    }
}

/// The people, the mail settings, and whom nobody would tell (a pledge with nobody to remind, a
/// source with no log keeper).
fn people_and_mail(out: &mut String, config: &Config) {
    let _ = writeln!(out, "People ({}):", config.people.len());
    let id_w = config.people.iter().map(|p| p.id.chars().count()).max().unwrap_or(0).max(20);
    for p in &config.people {
        let _ = writeln!(
            out,
            "  {:id_w$} {} <{}>{}",
            p.id,
            p.name,
            p.email,
            if p.title.is_empty() { String::new() } else { format!(", {}", p.title) }
        );
    }
    let transport = match &config.mail.transport {
        Transport::Dir(d) => format!(".eml files in {}", d.display()),
        Transport::Smtp(s) => format!("SMTP {}:{}", s.host, s.port),
    };
    let _ = writeln!(
        out,
        "Mail:         from {} via {transport}; digest to {}",
        config.mail.from,
        config.mail.digest_to.join(", ")
    );
    for p in &config.pledges {
        if crate::notices::pledge_recipients(config, &p.id).is_empty() && p.rule != Rule::Qualitative {
            let _ = writeln!(
                out,
                "  warning: pledge {} has no one to remind: its owners' parties have no `contacts`",
                p.id
            );
        }
    }
    for s in config.sources.iter().filter(|s| s.log_keeper.is_none()) {
        let _ = writeln!(
            out,
            "  warning: source {} has no `log_keeper`: nobody is told about its unreadable rows",
            s.name
        );
    }
}

/// Each job's schedule and its next slots after `now`.
fn jobs(out: &mut String, config: &Config, install: &Install, now: chrono::DateTime<chrono::Utc>) {
    let _ = writeln!(
        out,
        "Jobs (times in {}; a slot missed by more than {} h is skipped):",
        config.timezone.name(),
        config.catch_up.num_hours()
    );
    for j in install.jobs() {
        let next: Vec<String> = j
            .schedule
            .next(config.timezone, now, 5, chrono::Duration::days(400))
            .iter()
            .map(|t| t.with_timezone(&config.timezone).format("%a %Y-%m-%d %H:%M %Z").to_string())
            .collect();
        let _ = writeln!(out, "  {:11} {}", j.job.name(), j.schedule.describe());
        let next = match (&j.schedule, next.is_empty()) {
            (crate::schedule::Schedule::Once(_), true) => {
                "past; runs at the next pass unless it ran (`pledgewatch jobs` tells)".to_owned()
            }
            (_, true) => "never".to_owned(),
            (_, false) => next.join(", "),
        };
        let _ = writeln!(out, "              next: {next}");
    }
}

/// Where the follow-ups go, and per period when and to whom it is to be sent. `check` reads no
/// store: of a day that is past, it says only that it was due, and where to see whether it went.
fn reports(out: &mut String, config: &Config, today: chrono::NaiveDate) {
    let _ = writeln!(
        out,
        "Reports (written to {}; comments read from {}):",
        config.report.dir.display(),
        config.report.comments.display()
    );
    for period in &config.periods {
        let Some(plan) = config.report.plan(&period.id) else {
            let _ = writeln!(
                out,
                "  warning: period {} has no [period.report]: its follow-up is not sent (`pledgewatch report` still writes it)",
                period.id
            );
            continue;
        };
        let moved = if plan.send_on == plan.date {
            String::new()
        } else {
            format!(" ({} is not a working day)", plan.date)
        };
        let names = |ids: &[String]| {
            ids.iter()
                .map(|id| config.person(id).map_or(id.clone(), |p| format!("{} <{}>", p.name, p.email)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (when, past) = if plan.send_on < today {
            ("was due", " (past: `pledgewatch outbox` shows whether it was sent)")
        } else {
            ("to be sent", "")
        };
        let _ = writeln!(
            out,
            "  {}: {when} {} {}{moved} to {}{}{past}",
            period.id,
            plan.send_on.format("%a %Y-%m-%d"),
            config.report.time.format("%H:%M"),
            names(&plan.to),
            if plan.cc.is_empty() { String::new() } else { format!(", copy to {}", names(&plan.cc)) }
        );
        for i in &plan.interims {
            let when = if i.send_on < today { "was due" } else { "to be sent" };
            let _ = writeln!(
                out,
                "    Delrapport (figures of {}): {when} {} {}, to the same people",
                i.as_of(),
                i.send_on.format("%a %Y-%m-%d"),
                config.report.time.format("%H:%M"),
            );
        }
    }
}
