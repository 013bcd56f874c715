//! `[report]`, `[period.report]` and `schedule.report`: the written follow-ups.

use std::path::Path;

use chrono::{Duration, NaiveTime};

use super::super::raw::{RawConfig, RawPeriod};
use super::super::report::{Interim, ReportPlan, ReportSettings};
use super::Validator;
use crate::pledge::Period;
use crate::workdays;

impl Validator<'_> {
    pub(super) fn report(
        &mut self,
        raw: &RawConfig,
        base_dir: &Path,
        state_dir: &Path,
        periods: &[Period],
    ) -> ReportSettings {
        let path = |v: &Option<toml::Spanned<String>>, default: &str, this: &mut Self, key: &str| match v {
            Some(p) => {
                this.non_empty(p, key);
                base_dir.join(p.get_ref())
            }
            None => state_dir.join(default),
        };
        let dir = path(&raw.report.dir, "reports", self, "report.dir");
        let comments = path(&raw.report.comments, "kommentarer.toml", self, "report.comments");
        let time = match raw.schedule.as_ref().and_then(|s| s.get_ref().report.as_ref()) {
            None => NaiveTime::from_hms_opt(8, 0, 0).expect("a valid time"),
            Some(t) => match NaiveTime::parse_from_str(t.get_ref().trim(), "%H:%M") {
                Ok(time) => time,
                Err(_) => {
                    self.at(
                        t,
                        format!(
                            "`schedule.report` must be a time of day such as \"08:00\", not {:?}",
                            t.get_ref()
                        ),
                    );
                    NaiveTime::from_hms_opt(8, 0, 0).expect("a valid time")
                }
            },
        };
        let plans = raw.periods.iter().filter_map(|rp| self.report_plan(raw, rp, periods)).collect();
        ReportSettings { dir, comments, time, plans }
    }

    /// A period's `[period.report]`: a date after the period (within a year), people who exist,
    /// named once, and pledges to report on.
    fn report_plan(&mut self, raw: &RawConfig, rp: &RawPeriod, periods: &[Period]) -> Option<ReportPlan> {
        let Some(r) = rp.report.as_ref() else {
            if let Some(first) = rp.interim.first() {
                self.at(
                    first,
                    format!(
                        "period {:?}: [[period.interim]] is mailed to the follow-up's recipients; give them in [period.report]",
                        rp.id.get_ref()
                    ),
                );
            }
            return None;
        };
        let r = r.get_ref();
        let date = self.date(&r.date, "report.date")?;
        if let Some(period) = periods.iter().find(|p| &p.id == rp.id.get_ref()) {
            if date <= period.end {
                self.at(
                    &r.date,
                    format!(
                        "period {:?}: the report date {date} must be after the period's last day ({})",
                        period.id, period.end
                    ),
                );
            } else if date > period.end + Duration::days(366) {
                self.at(
                    &r.date,
                    format!(
                        "period {:?}: the report date {date} is more than a year after the period",
                        period.id
                    ),
                );
            }
        }
        if r.to.is_empty() {
            self.at(
                &rp.id,
                format!(
                    "period {:?}: `report.to` names nobody; expected e.g. [\"bra-ordforande\"]",
                    rp.id.get_ref()
                ),
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        for id in r.to.iter().chain(&r.cc) {
            self.check_person(raw, id);
            if seen.contains(&id.get_ref().as_str()) {
                self.at(
                    id,
                    format!(
                        "period {:?}: {:?} is named twice in `report.to` and `report.cc`",
                        rp.id.get_ref(),
                        id.get_ref()
                    ),
                );
            }
            seen.push(id.get_ref());
        }
        let has_pledges = raw.pledges.iter().any(|p| match &p.periods {
            None => true,
            Some(ids) => ids.iter().any(|i| i.get_ref() == rp.id.get_ref()),
        });
        if !has_pledges {
            self.at(&rp.id, format!("period {:?} has a [period.report] but no pledge applies to it: there is nothing to report", rp.id.get_ref()));
        }
        Some(ReportPlan {
            period: rp.id.get_ref().clone(),
            date,
            send_on: workdays::on_or_after(date),
            to: r.to.iter().map(|x| x.get_ref().clone()).collect(),
            cc: r.cc.iter().map(|x| x.get_ref().clone()).collect(),
            interims: self.interims(rp, periods),
        })
    }

    /// A period's `[[period.interim]]`: each a day after its first and up to the day after its last
    /// (then the figures are of its last day; the follow-up itself comes after), in date order.
    fn interims(&mut self, rp: &RawPeriod, periods: &[Period]) -> Vec<Interim> {
        let period = periods.iter().find(|p| &p.id == rp.id.get_ref());
        let mut out: Vec<Interim> = Vec::new();
        for raw in &rp.interim {
            let Some(date) = self.date(&raw.get_ref().date, "interim.date") else { continue };
            let id = rp.id.get_ref();
            if let Some(p) = period.filter(|p| date <= p.start || date > p.end + Duration::days(1)) {
                self.at(
                    &raw.get_ref().date,
                    format!(
                        "period {id:?}: the interim date {date} must be after the period's first day ({}) \
                         and at most the day after its last ({}); its figures are of the day before",
                        p.start, p.end
                    ),
                );
                continue;
            }
            if out.iter().any(|l| l.date == date) {
                self.at(
                    &raw.get_ref().date,
                    format!("period {id:?}: the interim date {date} is given twice"),
                );
                continue;
            }
            if let Some(last) = out.last().filter(|l| l.date > date) {
                self.at(
                    &raw.get_ref().date,
                    format!(
                        "period {id:?}: the interim date {date} must come after {} (in date order)",
                        last.date
                    ),
                );
                continue;
            }
            out.push(Interim { date, send_on: workdays::on_or_after(date) });
        }
        out
    }
}
