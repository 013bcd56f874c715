//! The summary `check` prints: the config as the program understood it.

use crate::config::Config;
use crate::pledge::{RateUnit, Rule, SubPeriod};

/// The summary `check` prints.
pub fn summary(config: &Config) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} is valid.", config.path.display());
    let _ = writeln!(out, "Municipality: {}", config.municipality);
    let _ = writeln!(out, "Police area:  {}", config.police_area);
    let _ = writeln!(out, "Time zone:    {}", config.timezone.name());
    let _ = writeln!(out, "Store:        {}", config.store_path().display());
    let _ = writeln!(out, "Sources:");
    for s in &config.sources {
        let party = config.parties.iter().find(|p| p.id == s.party).map_or("", |p| p.name.as_str());
        let state =
            if s.dir.is_dir() { String::new() } else { "  (warning: folder does not exist yet)".into() };
        let _ = writeln!(out, "  {:10} {}  kept by {party}{state}", s.name, s.dir_as_written);
    }
    let _ = writeln!(out, "Periods:");
    for p in &config.periods {
        let _ = writeln!(out, "  {:10} {} – {}", p.id, p.start, p.end);
    }
    let _ = writeln!(
        out,
        "Activities: {}",
        config.activities.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(out, "Pledges ({}):", config.pledges.len());
    for p in &config.pledges {
        let rule = match &p.rule {
            Rule::Total { at_least } => format!("at least {at_least} in the period"),
            Rule::Rate { at_least, per } => {
                let unit = if *per == RateUnit::Week { "week" } else { "month" };
                format!("at least {at_least} per {unit} on average")
            }
            Rule::Ongoing { at_least, each } => {
                let unit = match each {
                    SubPeriod::Month => "month",
                    SubPeriod::Quarter => "quarter",
                    SubPeriod::Term => "term",
                };
                format!("at least {at_least} each {unit}")
            }
            Rule::Qualitative => "qualitative (listed)".into(),
        };
        let _ = writeln!(out, "  {:20} {:36} owners: {}", p.id, rule, p.owners.join(", "));
    }
    out
}
