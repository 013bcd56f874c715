//! How a pledge's figures are written in its measure: activities as whole numbers (`12`), hours
//! with at most two decimals and their noun (`1012,5 timmar`, `1 timme`).
//!
//! Pure. A standing counts in units (hours in hundredths, see [`Measure::scale`]); every figure
//! people read goes through here, so that no mail shows 101250 for 1012,5 hours.

use crate::pledge::Measure;

/// A figure in units as a bare number: `12` (activities), `1012,5` (hours).
pub(crate) fn number(measure: Measure, units: u32) -> String {
    match measure {
        Measure::Activities => units.to_string(),
        Measure::Hours => {
            let (whole, hundredths) = (units / 100, units % 100);
            match hundredths {
                0 => whole.to_string(),
                h if h % 10 == 0 => format!("{whole},{}", h / 10),
                h => format!("{whole},{h:02}"),
            }
        }
    }
}

/// A figure in units with the noun hours need: `12` for activities; `1012,5 timmar`, `1 timme`.
pub(crate) fn amount(measure: Measure, units: u32) -> String {
    match measure {
        Measure::Activities => units.to_string(),
        Measure::Hours if units == 100 => "1 timme".into(),
        Measure::Hours => format!("{} timmar", number(measure, units)),
    }
}

/// A figure in units that need not be whole (an expected figure, a projection, a pace), as a number
/// with `places` decimals: `2,50` (activities), `1012,50` (hours).
pub(crate) fn decimal(measure: Measure, units: f64, places: usize) -> String {
    match measure {
        Measure::Activities => super::standing::decimal(units, places),
        // Rounded half away from zero, as `status --json` rounds (253,125 is 253,13 in both).
        Measure::Hours => {
            let factor = 10f64.powi(places as i32);
            let rounded = (measure.in_own_unit(units) * factor).round() / factor;
            super::standing::decimal(rounded, places)
        }
    }
}

/// `count` of `target` (both in units): `3 av 4`, `3000 av 4000 timmar`.
pub(crate) fn of_target(measure: Measure, count: u32, target: u32) -> String {
    format!("{} av {}", number(measure, count), amount(measure, target))
}

/// The noun after a number in the rule's unit (as the config gives it, or a pace): nothing for
/// activities; ` timmar`, or ` timme` after exactly 1.
pub(crate) fn noun(measure: Measure, at_least: f64) -> &'static str {
    match measure {
        Measure::Activities => "",
        Measure::Hours if at_least == 1.0 => " timme",
        Measure::Hours => " timmar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_written_with_at_most_two_decimals_and_their_noun() {
        let h = Measure::Hours;
        assert_eq!(number(h, 101_250), "1012,5");
        assert_eq!(number(h, 125), "1,25");
        assert_eq!(number(h, 5), "0,05");
        assert_eq!(number(h, 400_000), "4000");
        assert_eq!(amount(h, 100), "1 timme");
        assert_eq!(amount(h, 150), "1,5 timmar");
        assert_eq!(amount(h, 0), "0 timmar");
        assert_eq!(of_target(h, 300_000, 400_000), "3000 av 4000 timmar");
        assert_eq!(decimal(h, 12_345.0, 1), "123,5");
        assert_eq!(decimal(h, 25_312.5, 2), "253,13", "as the JSON rounds");
        assert_eq!((noun(h, 1.0), noun(h, 2.5)), (" timme", " timmar"));
    }

    #[test]
    fn activities_are_written_as_before() {
        let a = Measure::Activities;
        assert_eq!(
            (number(a, 12), amount(a, 1), of_target(a, 3, 4)),
            ("12".into(), "1".into(), "3 av 4".into())
        );
        assert_eq!((decimal(a, 2.5, 1), noun(a, 1.0)), ("2,5".into(), ""));
    }
}
