//! The Swedish words in mails that are made in code rather than in the templates: week labels, how a
//! source is named, how stale it is, a trend.

use crate::config::Config;

/// `vecka 41, 2019`.
pub fn week_label(week: u32, year: i32) -> String {
    format!("vecka {week}, {year}")
}

/// How a source is named in mails: `loggen "kommun" (Kalix kommun)`.
pub fn source_label(config: &Config, source: &str) -> String {
    let party = config
        .source(source)
        .and_then(|s| config.parties.iter().find(|p| p.id == s.party))
        .map(|p| p.name.as_str())
        .unwrap_or_default();
    if party.is_empty() { format!("loggen \"{source}\"") } else { format!("loggen \"{source}\" ({party})") }
}

/// `har inte uppdaterats på 5 veckor`.
pub fn stale(weeks: i64) -> String {
    format!("har inte uppdaterats på {weeks} veckor")
}

/// A change since the last digest: `+3`, `±0`.
pub fn trend(delta: i64) -> String {
    match delta {
        0 => "±0".into(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    }
}
