//! The Swedish words in mails that are made in code rather than in the templates: week labels, how a
//! source is named, how stale it is, a trend.

use crate::config::Config;

/// `vecka 41, 2019`.
pub(crate) fn week_label(week: u32, year: i32) -> String {
    format!("vecka {week}, {year}")
}

/// How a source is named in mails: `aktivitetsloggen från Kalix kommun`, with the source's name added
/// when the party keeps more than one.
pub(crate) fn source_label(config: &Config, source: &str) -> String {
    let Some(s) = config.source(source) else { return format!("aktivitetsloggen \"{source}\"") };
    let Some(party) = config.party(&s.party) else {
        return format!("aktivitetsloggen \"{source}\"");
    };
    if config.sources.iter().filter(|x| x.party == s.party).count() > 1 {
        format!("aktivitetsloggen från {} ({source})", party.name)
    } else {
        format!("aktivitetsloggen från {}", party.name)
    }
}

/// The data-quality line of the digest: `2 rader kunde inte läsas och 1 fil avvisades.`
pub(crate) fn quality_summary(row_errors: usize, refused: usize) -> String {
    let rows = match row_errors {
        0 => None,
        1 => Some("1 rad kunde inte läsas".to_owned()),
        n => Some(format!("{n} rader kunde inte läsas")),
    };
    let files = match refused {
        0 => None,
        1 => Some("1 fil avvisades".to_owned()),
        n => Some(format!("{n} filer avvisades")),
    };
    match (rows, files) {
        (None, None) => "Alla rader kunde läsas och ingen fil avvisades.".into(),
        (Some(r), None) => format!("{r}."),
        (None, Some(f)) => format!("{}.", capitalize(&f)),
        (Some(r), Some(f)) => format!("{r} och {f}."),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A person as mails name them in running text: `Jonas Berg (kommunpolis)`, or the name alone.
pub(crate) fn person_with_title(name: &str, title: &str) -> String {
    if title.is_empty() { name.to_owned() } else { format!("{name} ({title})") }
}

/// How many rows and files a data-quality mail is about: `2 rader`, `1 fil`, `2 rader och 1 fil`.
pub(crate) fn rows_and_files(rows: usize, files: usize) -> String {
    let part = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{} {many}", whole(n as u64))),
    };
    let parts: Vec<String> =
        [part(rows, "rad", "rader"), part(files, "fil", "filer")].into_iter().flatten().collect();
    parts.join(" och ")
}

/// A whole number as Swedish writes it: groups of three digits set apart by no-break spaces
/// ("4 812").
pub(crate) fn whole(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(d);
    }
    out
}

/// What a data-quality mail says of the rows (and files) it has no room to list.
pub(crate) fn not_listed(rows: usize, files: usize) -> String {
    format!(
        "… och {} till, som inte ryms i det här mejlet. Ofta har de samma orsak som raderna ovan: \
         rätta den och spara filen, så läses raderna in igen.",
        rows_and_files(rows, files)
    )
}

/// What the digest says of the refused files it has no room to name.
pub(crate) fn files_not_listed(files: usize) -> String {
    match files {
        1 => "… och 1 fil till.".into(),
        n => format!("… och {} filer till.", whole(n as u64)),
    }
}

/// The subject's summary of a police area's digests in one mail: `veckoöversikt vecka 6, 2020, 3 kommuner`.
pub(crate) fn area_digest(week_label: String, municipalities: usize) -> String {
    format!("veckoöversikt {week_label}, {municipalities} kommuner")
}

/// The first name of a full name.
pub(crate) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// What the digest says of a source without a counted file, by its folder: it may not be the log
/// keeper's doing.
pub(crate) fn no_files(folder: Option<crate::supply::Folder>) -> &'static str {
    match folder {
        Some(crate::supply::Folder::Missing) => "mappen finns inte på servern",
        Some(crate::supply::Folder::Unlistable) => "mappen kan inte läsas på servern",
        _ => "inga filer ännu",
    }
}

/// `har inte uppdaterats på 5 veckor`.
pub(crate) fn stale(weeks: i64) -> String {
    format!("har inte uppdaterats på {weeks} veckor")
}

/// A count of activities: `1 aktivitet`, `4 aktiviteter`.
pub(crate) fn activities(n: u32) -> String {
    if n == 1 { "1 aktivitet".into() } else { format!("{n} aktiviteter") }
}

/// A standing's target as a mail says it after "N av": `4`, `40 timmar`, `12 månader` (hours each
/// month), `9 (90 % av 10)` (a share's activities that must meet the conditions; of every one, `7`).
pub(crate) fn target(s: &crate::rules::PledgeStanding, p: &crate::pledge::Pledge) -> Option<String> {
    use crate::pledge::{Measure, Rule};
    let t = s.target?;
    Some(match (s.measure, &p.rule) {
        (Measure::Hours, Rule::Ongoing { each, .. }) => {
            format!("{t} {}", super::standing::sub_period_noun(*each, &p.days, t))
        }
        (_, Rule::Share { at_least }) if *at_least < 100 => {
            format!("{t} ({at_least} % av {})", s.of_all.unwrap_or(0))
        }
        _ => super::measure::amount(s.count_measure(), t),
    })
}

/// A standing's figure as a mail states it: `3 av 4`, `3000 av 4000 timmar`; an indicator's latest
/// value against its target, `95,2 % (2019) mot målet minst 95,1 %`; `None` for a pledge without a
/// number.
pub(crate) fn figure(s: &crate::rules::PledgeStanding, p: &crate::pledge::Pledge) -> Option<String> {
    if let (Some(i), crate::pledge::Rule::Indicator(rule)) = (&s.indicator, &p.rule) {
        let target = super::indicator::target(rule.target, &rule.unit);
        // Without a value the status says why ("Oklart mätvärde"): the target alone follows it.
        return Some(match i.latest {
            Some(_) => format!("{} mot målet {target}", super::indicator::figure(i)),
            None => format!("mål {target}"),
        });
    }
    let count = super::measure::number(s.count_measure(), s.count);
    target(s, p).map(|t| format!("{count} av {t}"))
}

/// How a reminder says a pledge is behind, in its first line, its subject and before its figure:
/// by its pace, or (an indicator) by its latest value.
pub(crate) fn behind_words(indicator: bool) -> [&'static str; 3] {
    if indicator {
        ["når inte sitt mål enligt det senaste mätvärdet", "når inte målet", "Senaste mätvärde"]
    } else {
        ["ligger efter sin takt", "ligger efter", "Hittills"]
    }
}

/// A figure a follow-up stated, in a correction: `Uppfyllt, 3 av 4`, `Delvis uppfyllt, 20 av 40
/// timmar`, `Genomfört, 5 aktiviteter`.
pub(crate) fn stated(label: &str, count: i64, target: Option<u32>, p: &crate::pledge::Pledge) -> String {
    use super::measure::{amount, of_target};
    if let crate::pledge::Rule::Indicator(i) = &p.rule {
        return match count {
            crate::notices::NO_VALUE => format!("{label}, inget mätvärde"),
            v => format!("{label}, {}", super::indicator::value(v, &i.unit)),
        };
    }
    let count = u32::try_from(count).unwrap_or(0);
    match target {
        Some(t) => format!("{label}, {}", of_target(p.count_measure(), count, t)),
        None if p.measure == crate::pledge::Measure::Hours => {
            format!("{label}, {}", amount(p.measure, count))
        }
        None => format!("{label}, {}", activities(count)),
    }
}

/// A change since the last digest (in units): `+3`, `±0`, in hours `+12,5`.
pub(crate) fn trend(delta: i64, m: crate::pledge::Measure) -> String {
    let size = super::measure::number(m, u32::try_from(delta.unsigned_abs()).unwrap_or(u32::MAX));
    match delta {
        0 => "±0".into(),
        d if d > 0 => format!("+{size}"),
        _ => format!("−{size}"),
    }
}

/// The line of a police area's digest on the rows of its shared log that name no municipality.
pub(crate) fn unassigned_rows(n: usize) -> String {
    let rows = if n == 1 { "1 rad".to_owned() } else { format!("{n} rader") };
    format!(
        "I polisområdets gemensamma logg anger {rows} ingen kommun i polisområdet; de räknas inte för \
         någon kommun förrän kommunen är rättad."
    )
}
