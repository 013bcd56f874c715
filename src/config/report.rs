//! The written follow-up: where it is kept, where the coordinators' comments are, and per period when
//! it is sent and to whom (`[report]`, `[period.report]`, `schedule.report`). Pure data, as validated.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};

/// Where reports are kept and what is sent when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSettings {
    /// The folder the report files are written to (`data/reports`).
    pub(crate) dir: PathBuf,
    /// The comments file the coordinators fill in (`data/kommentarer.toml`); it need not exist.
    pub comments: PathBuf,
    /// The local time of day a report is sent on its day.
    pub(crate) time: NaiveTime,
    /// One per period that has `[period.report]`.
    pub(crate) plans: Vec<ReportPlan>,
}

impl ReportSettings {
    /// The plan for a period, if it has one.
    pub(crate) fn plan(&self, period: &str) -> Option<&ReportPlan> {
        self.plans.iter().find(|p| p.period == period)
    }

    /// The jobs of the follow-ups: each period's on its day, and each interim one on its, once
    /// each (never skipped, however late the daemon starts); `scope`: the municipality's id in a
    /// police area.
    pub(crate) fn jobs(&self, scope: Option<&str>) -> Vec<super::JobSchedule> {
        let once = |day: NaiveDate| crate::schedule::Schedule::Once(day.and_time(self.time));
        let mut out = Vec::new();
        for plan in &self.plans {
            let (scope, period) = (scope.map(str::to_owned), plan.period.clone());
            out.push(super::JobSchedule {
                job: super::Job::Report { scope: scope.clone(), period: period.clone(), interim: None },
                schedule: once(plan.send_on),
            });
            out.extend(plan.interims.iter().map(|i| super::JobSchedule {
                job: super::Job::Report {
                    scope: scope.clone(),
                    period: period.clone(),
                    interim: Some(i.date),
                },
                schedule: once(i.send_on),
            }));
        }
        out
    }
}

/// When a period's follow-up is sent and to whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportPlan {
    /// The period's id.
    pub(crate) period: String,
    /// The date as configured.
    pub(crate) date: NaiveDate,
    /// The day it is sent: `date`, or the next Swedish working day when `date` is not one.
    pub(crate) send_on: NaiveDate,
    /// Ids of the people it is addressed to (the BRÅ chair).
    pub(crate) to: Vec<String>,
    /// Ids of the people in copy (the LPO-chef, the kommunalråd).
    pub(crate) cc: Vec<String>,
    /// The interim follow-ups ("Delrapport") within the period, in date order, to the same people.
    pub(crate) interims: Vec<Interim>,
}

/// An interim follow-up (Svedala's quarterly report, BRÅ's meetings): the period so far, written
/// and mailed once on its day as a "Delrapport".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Interim {
    /// The date as configured.
    pub(crate) date: NaiveDate,
    /// The day it is sent: `date`, or the next Swedish working day when `date` is not one.
    pub(crate) send_on: NaiveDate,
}

impl Interim {
    /// The day its figures are of: the day before `date` (1 April reports the first quarter).
    pub(crate) fn as_of(&self) -> NaiveDate {
        self.date.pred_opt().unwrap_or(self.date)
    }
}

impl ReportPlan {
    /// Everyone who receives the follow-up, addressed or in copy, each once.
    pub(crate) fn recipients(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for id in self.to.iter().chain(&self.cc) {
            if !out.contains(&id.as_str()) {
                out.push(id);
            }
        }
        out
    }
}
