//! Checks of a pledge's `rule`. Its kind is read once, and names both the keys that apply to it and
//! how the rule is built; a rule of another kind is one more variant here. Pure.

use toml::Spanned;

use super::super::raw::RawRule;
use super::Validator;
use crate::pledge::{Measure, RateUnit, Rule, SubPeriod};

/// The kinds of rule, as written in `rule.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Total,
    Rate,
    Ongoing,
    Share,
    Indicator,
    Qualitative,
}

impl Kind {
    const ALL: [Kind; 6] =
        [Kind::Total, Kind::Rate, Kind::Ongoing, Kind::Share, Kind::Indicator, Kind::Qualitative];

    fn as_str(self) -> &'static str {
        match self {
            Kind::Total => "total",
            Kind::Rate => "rate",
            Kind::Ongoing => "ongoing",
            Kind::Share => "share",
            Kind::Indicator => "indicator",
            Kind::Qualitative => "qualitative",
        }
    }

    /// The keys besides `kind` that a rule of this kind takes.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Total => &["at_least"],
            Kind::Rate => &["at_least", "per"],
            Kind::Ongoing => &["at_least", "each"],
            Kind::Share => &["at_least"],
            Kind::Indicator => &["indicator", "at_least", "at_most", "baseline", "baseline_year", "unit"],
            Kind::Qualitative => &[],
        }
    }
}

impl Validator<'_> {
    pub(super) fn rule(&mut self, rule: &Spanned<RawRule>) -> Rule {
        let r = rule.get_ref();
        let Some(kind) = Kind::ALL.into_iter().find(|k| k.as_str() == r.kind.get_ref()) else {
            let other = r.kind.get_ref();
            self.at(
                &r.kind,
                format!(
                    "unknown rule kind {other:?}; expected one of: total, rate, ongoing, share, indicator, qualitative"
                ),
            );
            return Rule::Qualitative;
        };
        let given = [
            ("at_least", r.at_least.as_ref().map(|x| x.span())),
            ("per", r.per.as_ref().map(|x| x.span())),
            ("each", r.each.as_ref().map(|x| x.span())),
            ("indicator", r.indicator.as_ref().map(|x| x.span())),
            ("at_most", r.at_most.as_ref().map(|x| x.span())),
            ("baseline", r.baseline.as_ref().map(|x| x.span())),
            ("baseline_year", r.baseline_year.as_ref().map(|x| x.span())),
            ("unit", r.unit.as_ref().map(|x| x.span())),
        ];
        for (key, span) in given {
            if let Some(span) = span.filter(|_| !kind.keys().contains(&key)) {
                self.error(
                    Some(span),
                    format!("`{key}` does not apply to a rule of kind {:?}", kind.as_str()),
                );
            }
        }
        if kind == Kind::Indicator {
            return self.indicator_rule(rule);
        }
        let at_least = match (&r.at_least, kind) {
            (_, Kind::Qualitative | Kind::Indicator) => None,
            (Some(x), _) => Some(x),
            (None, _) => {
                self.at(rule, format!("a rule of kind {:?} needs `at_least`", kind.as_str()));
                None
            }
        };
        match kind {
            Kind::Total => Rule::Total { at_least: at_least.map_or(1, |x| self.whole(x, kind)) },
            Kind::Rate => {
                let n = at_least.map_or(Some(1.0), |x| self.rate(x)).unwrap_or(1.0);
                Rule::Rate { at_least: n, per: self.rate_unit(rule) }
            }
            Kind::Ongoing => {
                let each = self.sub_period(rule);
                Rule::Ongoing { at_least: at_least.map_or(1, |x| self.whole(x, kind)), each }
            }
            Kind::Share => Rule::Share { at_least: at_least.map_or(100, |x| self.percent(x)) },
            Kind::Qualitative | Kind::Indicator => Rule::Qualitative,
        }
    }

    /// A share's `at_least`: a whole per cent from 1 to 100 (100 when it is not).
    fn percent(&mut self, x: &Spanned<f64>) -> u32 {
        let n = *x.get_ref();
        if n.fract() != 0.0 || !(1.0..=100.0).contains(&n) {
            self.at(x, "`at_least` of a share is a whole per cent from 1 to 100 (100: every one)".into());
            return 100;
        }
        n as u32
    }

    /// What `rule`'s number counts (`measure`): activities unless it says hours.
    pub(super) fn measure(&mut self, raw: &Spanned<RawRule>, rule: &Rule) -> Measure {
        let Some(m) = &raw.get_ref().measure else { return Measure::Activities };
        let measure = match m.get_ref().as_str() {
            "activities" => Measure::Activities,
            "hours" => Measure::Hours,
            other => {
                self.at(m, format!("unknown measure {other:?}; expected \"activities\" or \"hours\""));
                return Measure::Activities;
            }
        };
        if measure == Measure::Hours && *rule == Rule::Qualitative {
            self.at(m, "a qualitative rule has no number to measure in hours; leave `measure` out".into());
        }
        measure
    }

    /// The pledge's `rule` with a part's own `at_least`, checked as the rule's would be.
    pub(super) fn part_rule(&mut self, rule: &Rule, x: &Spanned<f64>) -> Rule {
        match *rule {
            Rule::Total { .. } => Rule::Total { at_least: self.whole(x, Kind::Total) },
            Rule::Ongoing { each, .. } => Rule::Ongoing { at_least: self.whole(x, Kind::Ongoing), each },
            Rule::Rate { per, at_least } => Rule::Rate { at_least: self.rate(x).unwrap_or(at_least), per },
            Rule::Share { .. } => Rule::Share { at_least: self.percent(x) },
            // A pledge measured by an indicator has no parts (`indicator_pledge` says so).
            Rule::Qualitative | Rule::Indicator(_) => rule.clone(),
        }
    }

    /// A rate's `at_least`: above 0, at most 1 000 000, with at most two decimals (every sentence
    /// says it with two: 2.555 would read "2,56" and count 2.555); `None` when it is not.
    fn rate(&mut self, x: &Spanned<f64>) -> Option<f64> {
        let n = *x.get_ref();
        if !(n > 0.0 && n <= 1_000_000.0) {
            self.at(x, "`at_least` of a rate must be greater than 0 and at most 1000000".into());
            return None;
        }
        if ((n * 100.0).round() - n * 100.0).abs() > 1e-6 {
            self.at(x, format!("`at_least` of a rate has at most two decimals, not {n}"));
            return None;
        }
        Some(n)
    }

    /// `at_least` as a whole number of at least 1 (1 when it is not).
    fn whole(&mut self, x: &Spanned<f64>, kind: Kind) -> u32 {
        let n = *x.get_ref();
        if n.fract() != 0.0 || !(1.0..=1_000_000.0).contains(&n) {
            self.at(
                x,
                format!(
                    "`at_least` must be a whole number of at least 1 for a rule of kind {:?}",
                    kind.as_str()
                ),
            );
            return 1;
        }
        n as u32
    }

    /// A rate's `per`: week or month.
    fn rate_unit(&mut self, rule: &Spanned<RawRule>) -> RateUnit {
        match rule.get_ref().per.as_ref().map(|x| (x, x.get_ref().as_str())) {
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
        }
    }

    /// An ongoing rule's `each`: day, week, month, quarter, term or occasion.
    fn sub_period(&mut self, rule: &Spanned<RawRule>) -> SubPeriod {
        match rule.get_ref().each.as_ref().map(|x| (x, x.get_ref().as_str())) {
            Some((_, "month")) => SubPeriod::Month,
            Some((_, "quarter")) => SubPeriod::Quarter,
            Some((_, "term")) => SubPeriod::Term,
            Some((_, "week")) => SubPeriod::Week,
            Some((_, "day")) => SubPeriod::Day,
            Some((_, "occasion")) => SubPeriod::Occasion,
            Some((x, other)) => {
                self.at(
                    x,
                    format!(
                        "unknown sub-period {other:?}; expected \"day\", \"week\", \"month\", \"quarter\", \"term\" or \"occasion\""
                    ),
                );
                SubPeriod::Month
            }
            None => {
                self.at(
                    rule,
                    "a rule of kind \"ongoing\" needs `each` (\"day\", \"week\", \"month\", \"quarter\", \"term\" or \"occasion\")"
                        .into(),
                );
                SubPeriod::Month
            }
        }
    }
}
