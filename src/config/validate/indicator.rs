//! Checks of a pledge measured by an outcome indicator (`rule = { kind = "indicator", … }`): its
//! indicator, target, baseline and unit, and that it asks nothing of activities. Pure.

use toml::Spanned;

use super::super::raw::{RawPledge, RawRule};
use super::Validator;
use crate::pledge::{Baseline, Bound, IndicatorRule, Rule};

/// The largest value an indicator's target or baseline may have (its values are read up to this).
const MAX_VALUE: f64 = 1e12;

/// The longest unit (`%`, `anmälningar`, `procentenheter`).
const MAX_UNIT_CHARS: usize = 30;

impl Validator<'_> {
    /// An indicator rule: `indicator`, one of `at_least` and `at_most`, `baseline`, `baseline_year`, `unit`.
    pub(super) fn indicator_rule(&mut self, rule: &Spanned<RawRule>) -> Rule {
        let r = rule.get_ref();
        let indicator = match &r.indicator {
            Some(name) => {
                self.one_line(name, "indicator");
                name.get_ref().trim().to_owned()
            }
            None => {
                self.at(rule, "a rule of kind \"indicator\" needs `indicator`, the indicator's name in the indicator sheet".into());
                String::new()
            }
        };
        let target = match (&r.at_least, &r.at_most) {
            (Some(x), None) => Bound::AtLeast(self.indicator_value(x, "at_least")),
            (None, Some(x)) => Bound::AtMost(self.indicator_value(x, "at_most")),
            (Some(_), Some(x)) => {
                self.at(x, "an indicator's target is `at_least` or `at_most`, not both".into());
                Bound::AtLeast(0)
            }
            (None, None) => {
                self.at(rule, "a rule of kind \"indicator\" needs a target: `at_least` or `at_most`".into());
                Bound::AtLeast(0)
            }
        };
        let value = r.baseline.as_ref().map(|x| self.indicator_value(x, "baseline"));
        let year = r.baseline_year.as_ref().map(|y| {
            let n = *y.get_ref();
            if !(1900..=2200).contains(&n) {
                self.at(y, "`baseline_year` must be a year from 1900 to 2200".into());
            }
            n.clamp(1900, 2200) as i32
        });
        let unit = r.unit.as_ref().map_or_else(String::new, |u| {
            self.no_control(u, "unit");
            if u.get_ref().chars().count() > MAX_UNIT_CHARS {
                self.at(
                    u,
                    format!("`unit` must be at most {MAX_UNIT_CHARS} characters (\"%\", \"anmälningar\")"),
                );
            }
            u.get_ref().trim().to_owned()
        });
        Rule::Indicator(IndicatorRule { indicator, target, baseline: Baseline { value, year }, unit })
    }

    /// A target or baseline: a number of at most `MAX_VALUE` with at most three decimals, in thousandths.
    fn indicator_value(&mut self, x: &Spanned<f64>, key: &str) -> i64 {
        let n = *x.get_ref();
        let thousandths = n * 1000.0;
        if !n.is_finite() || n.abs() > MAX_VALUE {
            self.at(x, format!("`{key}` must be a number from -1000000000000 to 1000000000000"));
            return 0;
        }
        if (thousandths.round() - thousandths).abs() > 1e-6 {
            self.at(x, format!("`{key}` of an indicator has at most three decimals, not {n}"));
        }
        thousandths.round() as i64
    }

    /// A pledge measured by an indicator counts no activities: what would select them is refused.
    pub(super) fn indicator_pledge(&mut self, p: &RawPledge) {
        let refuse = |this: &mut Self, span: Option<std::ops::Range<usize>>, key: &str| {
            this.error(
                span,
                format!("a pledge measured by an indicator counts no activities; leave `{key}` out"),
            );
        };
        if let Some(a) = p.activities.first() {
            refuse(self, Some(a.span()), "activities");
        }
        let given = [
            ("partners", p.partners.as_ref().map(Spanned::span)),
            ("places", p.places.as_ref().map(Spanned::span)),
            ("season", p.season.as_ref().map(Spanned::span)),
            ("weekdays", p.weekdays.as_ref().map(Spanned::span)),
            ("occasions", p.occasions.as_ref().map(Spanned::span)),
            ("measure", p.rule.get_ref().measure.as_ref().map(Spanned::span)),
            ("report_tags", p.report_tags.first().map(Spanned::span)),
            ("require_tags", p.require_tags.first().map(Spanned::span)),
        ];
        for (key, span) in given {
            if let Some(span) = span {
                refuse(self, Some(span), key);
            }
        }
        if p.except_holidays {
            refuse(self, Some(p.id.span()), "except_holidays");
        }
        if !p.part.is_empty() {
            refuse(self, Some(p.id.span()), "[[pledge.part]]");
        }
    }
}
