//! When jobs are due: schedules written in local time (the configured time zone), turned into the
//! instants ("slots") at which a job should run, and the catch-up rule after downtime.
//!
//! Pure: the clock is a parameter. Slots are computed here with chrono-tz, minute by minute in UTC,
//! so that daylight-saving changes cannot make a job fire twice or not at all:
//! - a wall-clock time that does not exist (clocks forward, 02:00–02:59 in Sweden) fires at the first
//!   minute after the gap (03:00);
//! - a wall-clock time that happens twice (clocks back, 02:00–02:59) fires at its first occurrence only.

use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// When a job runs, in local time.
#[derive(Debug, Clone)]
pub(crate) enum Schedule {
    /// Every day at a time: `"07:00"`.
    Daily(NaiveTime),
    /// On some weekdays at a time: `"mon 07:00"`, `"mon,thu 07:00"`, `"mon-fri 07:00"`.
    Weekly(Vec<Weekday>, NaiveTime),
    /// Once, at a local date and time: `"2020-02-03 08:00"`.
    Once(NaiveDateTime),
    /// A cron expression of five fields (minute hour day month weekday): `"*/15 * * * mon-fri"`.
    Cron(Box<croner::Cron>, String),
}

/// Why a schedule in the config cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ScheduleError {
    /// Five fields, but not a cron expression croner accepts.
    #[error("{text:?} is not a valid cron expression: {detail}")]
    Cron { text: String, detail: String },
    /// None of the forms a schedule takes.
    #[error(
        "{0:?} is not a schedule; expected a time (\"07:00\"), weekdays and a time (\"mon 07:00\", \
         \"mon-fri 07:00\"), a date and time (\"2020-02-03 08:00\") or a cron expression of five fields \
         (\"*/15 * * * mon-fri\")"
    )]
    Unknown(String),
}

impl Schedule {
    /// Reads a schedule as written in the config.
    pub(crate) fn parse(text: &str) -> Result<Schedule, ScheduleError> {
        let t = text.trim();
        if let Ok(time) = NaiveTime::parse_from_str(t, "%H:%M") {
            return Ok(Schedule::Daily(time));
        }
        if let Ok(at) = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M") {
            return Ok(Schedule::Once(at));
        }
        if let Some((days, time)) = t.split_once(' ')
            && let Ok(time) = NaiveTime::parse_from_str(time.trim(), "%H:%M")
            && let Some(days) = weekdays(days)
        {
            return Ok(Schedule::Weekly(days, time));
        }
        if t.split_whitespace().count() == 5 {
            return croner::Cron::from_str(t)
                .map(|c| Schedule::Cron(Box::new(c), t.to_owned()))
                .map_err(|e| ScheduleError::Cron { text: t.to_owned(), detail: e.to_string() });
        }
        Err(ScheduleError::Unknown(t.to_owned()))
    }

    /// Whether the job is due at this local wall-clock minute.
    pub(crate) fn matches(&self, local: NaiveDateTime) -> bool {
        match self {
            Schedule::Daily(t) => local.time() == *t,
            Schedule::Weekly(days, t) => {
                local.time() == *t && days.contains(&chrono::Datelike::weekday(&local))
            }
            Schedule::Once(at) => local == *at,
            Schedule::Cron(c, _) => c.is_time_matching(&local).unwrap_or(false),
        }
    }

    /// The slots in `(after, until]`, in order: each an instant at which the job is due.
    pub(crate) fn slots(&self, tz: Tz, after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let days = match self {
            Schedule::Once(at) => {
                let t = local_instant(tz, at.date(), at.time());
                return if after < t && t <= until { vec![t] } else { Vec::new() };
            }
            Schedule::Daily(time) => Some((None, *time)),
            Schedule::Weekly(days, time) => Some((Some(days), *time)),
            Schedule::Cron(..) => None,
        };
        if let Some((weekdays, time)) = days {
            // A day at a time: the instant of that wall-clock time each day (the earlier one when it
            // happens twice, the first minute after the gap when it does not happen).
            let mut out = Vec::new();
            let mut date = local(tz, after).date();
            while date <= local(tz, until).date() {
                if weekdays.is_none_or(|d| d.contains(&chrono::Datelike::weekday(&date))) {
                    let t = local_instant(tz, date, time);
                    if after < t && t <= until {
                        out.push(t);
                    }
                }
                date = date.succ_opt().unwrap_or(NaiveDate::MAX);
            }
            return out;
        }
        let mut out = Vec::new();
        let mut t = minute_floor(after) + Duration::minutes(1);
        let mut previous_local = local(tz, t - Duration::minutes(1));
        while t <= until {
            let wall = local(tz, t);
            if self.fires(tz, t, wall, previous_local) {
                out.push(t);
            }
            previous_local = wall;
            t += Duration::minutes(1);
        }
        out
    }

    /// The first `n` slots after `after` (looking at most `within` ahead).
    pub(crate) fn next(
        &self,
        tz: Tz,
        after: DateTime<Utc>,
        n: usize,
        within: Duration,
    ) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let mut from = after;
        let end = after + within;
        // In steps of a day, so a frequent job does not walk a year (or a week) of minutes: the daemon
        // asks at every wake-up.
        while out.len() < n && from < end {
            let to = (from + Duration::days(1)).min(end);
            out.extend(self.slots(tz, from, to));
            from = to;
        }
        out.truncate(n);
        out
    }

    /// Whether the job fires at UTC minute `t`, whose local wall-clock time is `wall` and whose
    /// preceding minute was `previous` on the wall clock.
    fn fires(&self, tz: Tz, t: DateTime<Utc>, wall: NaiveDateTime, previous: NaiveDateTime) -> bool {
        let expected = previous + Duration::minutes(1);
        if wall == expected {
            // An ordinary minute, or the second pass through an hour that happens twice.
            return self.matches(wall) && !second_occurrence(tz, t, wall);
        }
        if wall > expected {
            // Clocks went forward: the wall times from `expected` up to `wall` never happened. A job
            // due in that gap fires now, once.
            let mut m = expected;
            while m <= wall {
                if self.matches(m) {
                    return true;
                }
                m += Duration::minutes(1);
            }
            return false;
        }
        // Clocks went back: this wall time happened before; it fires only the first time.
        self.matches(wall) && !second_occurrence(tz, t, wall)
    }

    /// How the schedule was written, for listings.
    pub(crate) fn describe(&self) -> String {
        match self {
            Schedule::Daily(t) => format!("daily at {}", t.format("%H:%M")),
            Schedule::Weekly(d, t) => {
                let days: Vec<String> = d.iter().map(|w| w.to_string().to_lowercase()).collect();
                format!("{} at {}", days.join(","), t.format("%H:%M"))
            }
            Schedule::Once(at) => format!("once, {}", at.format("%Y-%m-%d %H:%M")),
            Schedule::Cron(_, text) => format!("cron {text}"),
        }
    }
}

/// Whether `t` is the later of two instants with the same wall-clock time (the repeated hour when
/// clocks go back).
fn second_occurrence(tz: Tz, t: DateTime<Utc>, wall: NaiveDateTime) -> bool {
    use chrono::offset::LocalResult;
    match wall.and_local_timezone(tz) {
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc) != t,
        _ => false,
    }
}

fn local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

fn minute_floor(t: DateTime<Utc>) -> DateTime<Utc> {
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t)
}

/// `mon`, `mon,thu`, `mon-fri` (English three-letter names, or Swedish `mån tis ons tor fre lör sön`).
fn weekdays(text: &str) -> Option<Vec<Weekday>> {
    let day = |s: &str| -> Option<Weekday> {
        let s = s.trim().to_lowercase();
        let sv = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];
        if let Some(i) = sv.iter().position(|d| *d == s) {
            return Weekday::try_from(i as u8).ok();
        }
        Weekday::from_str(&s).ok()
    };
    let mut out = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (mut d, end) = (day(a)?, day(b)?);
                loop {
                    out.push(d);
                    if d == end {
                        break;
                    }
                    d = d.succ();
                }
            }
            None => out.push(day(part)?),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What to do about a job when it is looked at: run it for one slot, and which earlier slots are
/// recorded as skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Due {
    /// The slot to run now: the latest one that passed, within the horizon.
    pub(crate) run: Option<DateTime<Utc>>,
    /// A slot older than the horizon that is not run, recorded as skipped.
    pub(crate) skipped: Option<DateTime<Utc>>,
}

/// The catch-up rule. `last` is the latest slot recorded for the job (run or skipped); `None` for a
/// job never seen, whose slots are then looked for within the horizon only. Of the slots passed since,
/// the latest runs, once (a digest missed for three weeks is sent once); if even that one is older
/// than `horizon`, it is skipped instead, unless `never_skip` (the annual report).
pub(crate) fn due(
    schedule: &Schedule,
    tz: Tz,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    horizon: Duration,
    never_skip: bool,
) -> Due {
    let from = last.unwrap_or(now - horizon).min(now);
    // A once-schedule's slot may lie far back: look from it.
    let from = match schedule {
        Schedule::Once(at) if last.is_none() => {
            let slot = at.and_local_timezone(tz).earliest().map(|t| t.with_timezone(&Utc));
            slot.map_or(from, |s| (s - Duration::minutes(1)).min(from))
        }
        _ => from,
    };
    let Some(latest) = latest_slot(schedule, tz, from, now) else { return Due::default() };
    if now - latest > horizon && !never_skip {
        Due { run: None, skipped: Some(latest) }
    } else {
        Due { run: Some(latest), skipped: None }
    }
}

/// The latest slot in `(after, until]`, looking back from `until` a week at a time.
fn latest_slot(
    schedule: &Schedule,
    tz: Tz,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut to = until;
    while to > after {
        let from = (to - Duration::days(7)).max(after);
        if let Some(s) = schedule.slots(tz, from, to).pop() {
            return Some(s);
        }
        to = from;
    }
    None
}

/// A moment as people read it in the configured zone: `2019-10-14 07:00 CEST`.
pub(crate) fn local_label(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// A local date and time in `tz`, as a UTC instant (the earlier one when it happens twice, the first
/// after the gap when it does not happen).
pub(crate) fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let mut wall = date.and_time(time);
    loop {
        if let Some(t) = wall.and_local_timezone(tz).earliest() {
            return t.with_timezone(&Utc);
        }
        wall += Duration::minutes(1);
    }
}

#[cfg(test)]
mod tests;
