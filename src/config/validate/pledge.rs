//! Checks of the `[[pledge]]` sections: ids, owners, periods and activities that exist, a rule
//! (`rule.rs`) that fits each period's calendar, periods that do not overlap, partners and seasons.
//! Pure.

use std::collections::HashMap;

use chrono::{NaiveDate, Weekday};
use toml::Spanned;

use super::super::raw::{RawConfig, RawPartners, RawPledge, RawSeason};
use super::periods::self_periods;
use super::{Validator, join};
use crate::pledge::{
    ActiveDays, MonthDay, Occasions, PartnerCondition, Period, Pledge, RateUnit, Rule, Season, SubPeriod,
    Weekdays,
};
use crate::rules::calendar::{self, Window};

impl Validator<'_> {
    pub(super) fn pledges(&mut self, raw: &RawConfig) -> Vec<Pledge> {
        let mut seen = HashMap::new();
        let own = self.own_occasions(raw);
        raw.pledges
            .iter()
            .map(|p| {
                self.id(&p.id, "pledge", &mut seen);
                self.pledge(raw, p, &own)
            })
            .collect()
    }

    /// A share: of the activities that meet conditions (`unconditioned`: it has none), counted.
    fn share(&mut self, p: &RawPledge, measure: crate::pledge::Measure, unconditioned: bool) {
        if unconditioned && p.require_tags.is_empty() {
            self.at(
                &p.rule,
                "a share is of the activities that meet the pledge's conditions; give it `partners`, `places = { any_of = [...] }` or `require_tags`".into(),
            );
        }
        if measure == crate::pledge::Measure::Hours {
            self.at(&p.rule, "a share counts activities, not hours; leave `measure` out".into());
        }
    }

    fn pledge(&mut self, raw: &RawConfig, p: &RawPledge, own: &super::occasions::Own) -> Pledge {
        self.one_line(&p.title, "title");
        self.lines(&p.promise, "promise");
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
        let measure = self.measure(&p.rule, &rule);
        if matches!(rule, Rule::Indicator(_)) {
            self.indicator_pledge(p);
        } else if p.activities.is_empty() {
            self.at(&p.id, format!("pledge {:?} counts no activities; set `activities`", p.id.get_ref()));
        }
        for a in &p.activities {
            let shared = self.member.iter().flat_map(|m| m.shared.activities.iter().map(|x| x.id.as_str()));
            if !raw.activities.iter().any(|x| x.id.get_ref() == a.get_ref())
                && !self.member.is_some_and(|m| m.shares(super::area::Shared::Activity, a.get_ref()))
            {
                let known = join(raw.activities.iter().map(|x| x.id.get_ref().as_str()).chain(shared));
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
        let (places, parts) = self.places_and_parts(p, &rule);
        let days = ActiveDays {
            season: p.season.as_ref().and_then(|s| self.season(s)),
            weekdays: p.weekdays.as_ref().map(|w| self.weekdays(w)).unwrap_or_default(),
            except_holidays: p.except_holidays,
        };
        if matches!(rule, Rule::Share { .. }) {
            self.share(p, measure, places.any_of.is_empty() && partners.is_none());
        }
        let occasions = self.occasions(raw, p, &periods, &rule, own);
        let plan = self.plan(raw, p, &periods, &rule);
        self.pledge_calendar(raw, p, &periods, &rule, days, &occasions);
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
            measure,
            partners,
            places,
            parts,
            report_tags: words(&p.report_tags),
            require_tags: words(&p.require_tags),
            days,
            occasions,
            plan,
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
        days: ActiveDays,
        occasions: &Occasions,
    ) {
        if ids.is_empty() {
            self.at(
                &p.id,
                format!("pledge {:?} has `periods = []`; name at least one period", p.id.get_ref()),
            );
        }
        for period in self_periods(raw).iter().filter(|x| ids.contains(&x.id)) {
            let window = Window::new(period, days, &occasions.windows);
            let at_pledge = format!("pledge {:?}, period {:?}", p.id.get_ref(), period.id);
            if window.active_days() == 0 {
                match (&p.season, &p.weekdays) {
                    (Some(s), None) if !p.except_holidays && occasions.windows.is_empty() => {
                        self.at(s, format!("{at_pledge}: the season has no day in the period"));
                    }
                    _ => self.at(
                        &p.id,
                        format!(
                            "{at_pledge}: no day in the period counts (its season, `weekdays`, `except_holidays` and `occasions` leave none)"
                        ),
                    ),
                }
                continue;
            }
            match rule {
                Rule::Ongoing { each: SubPeriod::Week, .. } if window.units(RateUnit::Week) == 0 => {
                    self.at(
                        &p.rule,
                        format!(
                            "{at_pledge}: the period holds no whole week (a week belongs to the period that holds its Thursday); use `total`"
                        ),
                    );
                }
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
                        SubPeriod::Term => {
                            "term (January or July; or give the school's terms in the period: `terms = [{ start = …, end = … }]`)"
                        }
                        SubPeriod::Week | SubPeriod::Day | SubPeriod::Occasion => "week",
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

    fn partners(&mut self, raw: &Spanned<RawPartners>) -> PartnerCondition {
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

    /// `weekdays`: their names in English or Swedish, any case (`"thursday"`, `"torsdag"`).
    fn weekdays(&mut self, raw: &Spanned<Vec<Spanned<String>>>) -> Weekdays {
        const NAMES: [(&str, &str, Weekday); 7] = [
            ("monday", "måndag", Weekday::Mon),
            ("tuesday", "tisdag", Weekday::Tue),
            ("wednesday", "onsdag", Weekday::Wed),
            ("thursday", "torsdag", Weekday::Thu),
            ("friday", "fredag", Weekday::Fri),
            ("saturday", "lördag", Weekday::Sat),
            ("sunday", "söndag", Weekday::Sun),
        ];
        if raw.get_ref().is_empty() {
            self.at(raw, "`weekdays = []` names no day; leave it out for every day of the week".into());
        }
        let mut days = Vec::new();
        for name in raw.get_ref() {
            let typed = name.get_ref().trim().to_lowercase();
            // A name or the start of one, three letters or more (`tor`, `Thu`), of one day only.
            let starts = |n: &str| typed.chars().count() >= 3 && n.starts_with(&typed);
            let matched: Vec<Weekday> =
                NAMES.iter().filter(|(en, sv, _)| starts(en) || starts(sv)).map(|(_, _, d)| *d).collect();
            match matched.as_slice() {
                [day] => days.push(*day),
                _ => {
                    let all = NAMES.iter().flat_map(|(en, sv, _)| [(*en, *en), (*sv, *sv)]);
                    let guess = crate::names::nearest(&typed, all)
                        .map(|n| format!(" (did you mean {n:?}?)"))
                        .unwrap_or_default();
                    self.at(
                        name,
                        format!(
                            "unknown weekday {:?}{guess}; expected monday, tuesday, wednesday, thursday, friday, saturday or sunday, their Swedish names, or the first three letters of one",
                            name.get_ref()
                        ),
                    )
                }
            }
        }
        Weekdays::of(&days)
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
