//! A new install's first year, pass by pass, as the daemon would run it: every mail it sends and
//! to whom. Day one the inbox is empty and the municipality's folder misspelled in the config; the
//! police log comes a month late; the folder is mended in January; the follow-up goes in February;
//! a police log saved a week later changes a figure of it; no period follows 2019.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

use expect_test::expect;
use mail_parser::MessageParser;

use crate::support::Env;

/// One pass (`once --now`): its exit code, and each mail it put in the outbox folder as
/// `Subject → To [cc Cc]` with its text, sorted.
fn pass(env: &Env, now: &str, seen: &mut BTreeSet<String>) -> (i32, Vec<(String, String)>) {
    let out = env.run(&["once", "--now", now]);
    let mut mails = Vec::new();
    let dir = env.path("data/outbox");
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !seen.insert(name) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let m = MessageParser::default().parse(&bytes).unwrap();
        let list = |a: Option<&mail_parser::Address<'_>>| -> String {
            a.into_iter()
                .flat_map(|a| a.iter())
                .filter_map(|a| a.address())
                .map(|a| a.split('@').next().unwrap_or(a).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let cc = list(m.cc());
        let cc = if cc.is_empty() { String::new() } else { format!(" [cc {cc}]") };
        let line = format!("{} → {}{cc}", m.subject().unwrap_or_default(), list(m.to()));
        mails.push((line, env.mail_text(&bytes)));
    }
    mails.sort();
    (out.code, mails)
}

#[test]
fn a_first_year_from_an_empty_inbox_to_a_late_correction_sends_exactly_these_mails() {
    let env = Env::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = |rel: &str| std::fs::read(root.join(rel)).unwrap();
    // The municipality's log is in its folder, but the config names another.
    env.edit_config("dir = \"data/inbox/kommun\"", "dir = \"data/inbox/kommunen\"");
    env.write(
        "data/inbox/kommun/kommunen-aktivitetslogg-2019.ods",
        &sample("data/inbox/kommun/kommunen-aktivitetslogg-2019.ods"),
    );
    let police = "data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx";
    let mut seen = BTreeSet::new();
    let mut year = String::new();
    let mut texts = BTreeMap::new();
    let mut step = |env: &Env, now: &str, what: &str| {
        let (code, mails) = pass(env, now, &mut seen);
        let _ = writeln!(year, "{now} ({what}), exit {code}:");
        for (line, text) in mails {
            let _ = writeln!(year, "  {line}");
            texts.insert(format!("{now} {line}"), text);
        }
    };
    step(&env, "2019-09-02 07:30", "first start: the inbox empty, a folder misspelled");
    step(&env, "2019-09-09 07:30", "a week on, nothing new");
    env.write(police, &sample(police));
    step(&env, "2019-10-07 07:30", "the police log, a month late");
    step(&env, "2019-10-14 07:30", "a week on");
    env.edit_config("dir = \"data/inbox/kommunen\"", "dir = \"data/inbox/kommun\"");
    step(&env, "2020-01-13 07:30", "the folder mended, the period over");
    step(&env, "2020-02-03 09:00", "the follow-up's day");
    env.log("data/inbox/polisen/tillagg-hundsok.xlsx", &[("2019-11-20", "Hundsök skola", 1)]);
    step(&env, "2020-02-10 07:30", "a late police log: one search more in November");
    step(&env, "2020-02-17 07:30", "a week on");
    step(&env, "2021-03-01 07:30", "a year on");
    expect![[r#"
        2019-09-02 07:30 (first start: the inbox empty, a folder misspelled), exit 0:
          Medborgarlöften Kalix kommun: Väntar på loggar (2) → sara.nilsson
          Väntar på aktivitetsloggen från Lokalpolisområde Östra Norrbotten: inga siffror skickas förrän den finns → jonas.berg
        2019-09-09 07:30 (a week on, nothing new), exit 0:
        2019-10-07 07:30 (the police log, a month late), exit 0:
          Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 2 rader → jonas.berg
          Medborgarlöften Kalix kommun: Påminnelse (2), Uppfyllt (2) → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 41, 2019 → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 41, 2019 → per.ohman
        2019-10-14 07:30 (a week on), exit 0:
          Medborgarlöften Kalix kommun: veckoöversikt vecka 42, 2019 → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 42, 2019 → per.ohman
        2020-01-13 07:30 (the folder mended, the period over), exit 0:
          Medborgarlöften Kalix kommun: Uppfyllt (3), Delvis uppfyllt (1) → sara.nilsson
          Medborgarlöften Kalix kommun: Uppfyllt (4), Delvis uppfyllt (2) → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 3, 2020 → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 3, 2020 → per.ohman
        2020-02-03 09:00 (the follow-up's day), exit 0:
          Medborgarlöften Kalix kommun: veckoöversikt vecka 6, 2020 → lena.holmgren
          Medborgarlöften Kalix kommun: veckoöversikt vecka 6, 2020 → per.ohman
          Uppföljning av medborgarlöften 2019 – Kalix kommun → asa.lindqvist [cc lena.holmgren, per.ohman]
        2020-02-10 07:30 (a late police log: one search more in November), exit 0:
          Medborgarlöften Kalix kommun: ingen löftesperiod pågår – veckoöversikten har upphört → lena.holmgren
          Medborgarlöften Kalix kommun: ingen löftesperiod pågår – veckoöversikten har upphört → per.ohman
          Medborgarlöften Kalix kommun: ingen löftesperiod pågår – veckoöversikten har upphört → sara.nilsson
          Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun → asa.lindqvist
          Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun → lena.holmgren
          Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun → per.ohman
          Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun → sara.nilsson
        2020-02-17 07:30 (a week on), exit 0:
        2021-03-01 07:30 (a year on), exit 0:
    "#]].assert_eq(&year);
    // Every mail of the year fits a phone's screen (375 CSS px) without scrolling sideways.
    let all: Vec<Vec<u8>> = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    if let Some(widths) = crate::support::phone_widths(&all) {
        let wide: Vec<&(String, u32, u32)> = widths.iter().filter(|(_, w, room)| w > room).collect();
        assert!(wide.is_empty(), "wider than a phone: {wide:?}");
        assert_eq!(widths.len(), all.len());
    }
    let text = |key: &str| texts.get(key).unwrap_or_else(|| panic!("no {key}"));
    // Day one: the misspelled folder is named as missing; the empty one as empty.
    let kommun = text("2019-09-02 07:30 Medborgarlöften Kalix kommun: Väntar på loggar (2) → sara.nilsson");
    assert!(kommun.contains("pledgewatch kan inte läsa aktivitetsloggen från Kalix kommun: mappen <install>/data/inbox/kommunen finns inte på servern."), "{kommun}");
    // The police log in, the municipality's not: the digest shows the police's own pledges, the joint
    // ones without figures.
    let digest =
        text("2019-10-07 07:30 Medborgarlöften Kalix kommun: veckoöversikt vecka 41, 2019 → per.ohman");
    assert!(digest.contains("VÄNTAR PÅ LOGGAR"), "{digest}");
    assert!(digest.contains("- Medborgarkontakter (2019): "), "{digest}");
    assert!(!digest.contains("- Gemensam kommunikation (2019): "), "{digest}");
    assert!(
        digest.contains("- aktivitetsloggen från Kalix kommun: mappen finns inte på servern\n"),
        "{digest}"
    );
    // The correction names the pledge, both figures and the file.
    let correction = text(
        "2020-02-10 07:30 Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun → asa.lindqvist",
    );
    assert!(
        correction.contains(
            "- Sök med hund i skolmiljö: i uppföljningen Delvis uppfyllt, 1 av 2; nu Uppfyllt, 2 av 2"
        ) && correction.contains("- tillagg-hundsok.xlsx (ändrad 2020-02-10)"),
        "{correction}"
    );
}
