//! A pledge measured by an outcome indicator (Vetlanda 2022–23: 95,1 % feel safe; Östra Göteborg:
//! from 40 % to 16 %): an indicator sheet (`Indikator`, `År` or `Datum`, `Värde`, `Källa`), alone in
//! a workbook or beside a log's sheet, read end to end into the status, the mails and the follow-up.

use rust_xlsxwriter::Format;
use serde_json::json;

use crate::support::{Env, date_cell, file, pledge};

/// The shipped config with an indicator pledge added (its rule `rule`), and both logs delivered.
fn with_indicator(rule: &str) -> Env {
    let env = Env::new();
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let added = format!(
        "{config}\n[[pledge]]\nid = \"trygghet\"\ntitle = \"Tryggare centrum\"\npromise = \"Fler ska känna sig trygga i centrum.\"\nowners = [\"kommunen\", \"polisen\"]\nrule = {rule}\n"
    );
    env.write("config.toml", added.as_bytes());
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env
}

/// An indicator sheet under a title row: the rows of `rows` (indicator, year, value as text or a
/// number, source), each value cell as given.
fn indicator_sheet(env: &Env, rel: &str, rows: &[(&str, u16, Value, &str)]) {
    env.xlsx(rel, |wb| {
        let ws = wb.add_worksheet().set_name("Indikatorer").unwrap();
        ws.write_string(0, 0, "Trygghetsmätningar i Kalix").unwrap();
        for (c, name) in ["Indikator", "År", "Värde", "Källa"].iter().enumerate() {
            ws.write_string(2, c as u16, *name).unwrap();
        }
        for (i, (name, year, value, source)) in rows.iter().enumerate() {
            let r = i as u32 + 3;
            ws.write_string(r, 0, *name).unwrap();
            ws.write_number(r, 1, f64::from(*year)).unwrap();
            match value {
                Value::Text(t) => ws.write_string(r, 2, *t).unwrap(),
                Value::Number(n) => ws.write_number(r, 2, *n).unwrap(),
                Value::Percent(n) => {
                    ws.write_number_with_format(r, 2, *n, &Format::new().set_num_format("0.0%")).unwrap()
                }
            };
            ws.write_string(r, 3, *source).unwrap();
        }
    });
}

enum Value {
    Text(&'static str),
    Number(f64),
    /// A cell in per cent format: 0,93 shown as 93,0 %.
    Percent(f64),
}

#[test]
fn an_indicator_sheet_is_read_into_the_status_with_where_each_value_came_from() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Trygg i centrum\", at_least = 95.1, baseline_year = 2018, unit = \"%\" }",
    );
    indicator_sheet(
        &env,
        "data/inbox/kommun/indikatorer.xlsx",
        &[
            ("Trygg i centrum", 2018, Value::Number(88.0), "Trygghetsmätningen 2018"),
            ("Trygg i centrum", 2019, Value::Text("95,2 %"), "Trygghetsmätningen 2019"),
            // 0,93 in per cent format may be 93 % or 0,93 %: not guessed.
            ("Trygg i centrum", 2017, Value::Percent(0.93), "Enkät"),
            // A typo of a followed indicator is a row error; another indicator is passed over.
            ("Trygg i centum", 2017, Value::Number(91.0), "Enkät"),
            ("Anmälda brott", 2019, Value::Number(1200.0), "Kolada"),
        ],
    );
    // A measurement of a day, on a sheet of its own beside the municipality's log.
    env.xlsx("data/inbox/kommun/logg.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg").unwrap();
        crate::support::header(ws, 0);
        date_cell(ws, 1, 0, "2019-02-01");
        ws.write_string(1, 1, "Trygghetsvandring").unwrap();
        let ws = wb.add_worksheet().set_name("Mätningar").unwrap();
        for (c, name) in ["Datum", "Indikator", "Värde"].iter().enumerate() {
            ws.write_string(0, c as u16, *name).unwrap();
        }
        date_cell(ws, 1, 0, "2019-03-01");
        ws.write_string(1, 1, "trygg i centrum").unwrap();
        ws.write_string(1, 2, "90,0").unwrap();
    });
    let report = env.ingest();
    let f = file(&report, "indikatorer.xlsx");
    assert_eq!(
        (&f["values_read"], &f["row_errors"], &f["rows_skipped"]),
        (&json!(2), &json!(2), &json!(1)),
        "{f:#}"
    );
    let log = file(&report, "logg.xlsx");
    assert_eq!((&log["rows_read"], &log["values_read"]), (&json!(1), &json!(1)), "{log:#}");

    let s = env.status_json(&["--as-of", "2019-06-30"]);
    let p = pledge(&s, "trygghet");
    assert_eq!((&p["rule"], &p["status"], &p["count"]), (&json!("indicator"), &json!("on_track"), &json!(0)));
    let i = &p["indicator"];
    assert_eq!(i["target"], json!({ "at_least": 95.1 }));
    // The year's value is the latest, after March's; the baseline is read from 2018's row.
    assert_eq!((&i["latest"]["value"], &i["latest"]["measured"]), (&json!(95.2), &json!("2019")));
    assert_eq!(i["latest"]["origin"], "Trygghetsmätningen 2019");
    assert_eq!((&i["latest"]["sheet"], &i["latest"]["row"]), (&json!("Indikatorer"), &json!(5)));
    let history: Vec<(&str, f64)> = i["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["measured"].as_str().unwrap(), r["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(history, [("2019-03-01", 90.0), ("2019", 95.2)]);
    assert_eq!((&i["baseline"]["value"], &i["baseline"]["read"]["row"]), (&json!(88.0), &json!(4)));
    assert_eq!(p["row_errors"].as_array().unwrap().len(), 2, "the per cent cell and the typo: {p:#}");
    let note = p["note"].as_str().unwrap();
    assert!(note.starts_with("senast uppmätt 95,2 % år 2019, källa: Trygghetsmätningen 2019"), "{note}");
    assert!(note.contains("utgångsläge 88 % år 2018"), "{note}");

    let table = env.run(&["status", "--as-of", "2019-06-30"]).stdout;
    let line = table.lines().find(|l| l.starts_with("trygghet ")).unwrap();
    assert!(line.contains("95,2 %  ≥ 95,1 %"), "{line}");
    let explain = env.run(&["explain", "trygghet", "--as-of", "2019-06-30"]).stdout;
    assert!(explain.contains("Values of Trygg i centrum in the period: 2"), "{explain}");
    assert!(explain.contains("Värdet 0,93 kan vara 93 % (en cell i procentformat)"), "{explain}");
    assert!(explain.contains("Menade du Trygg i centrum?"), "{explain}");

    let s = env.status_json(&["--as-of", "2020-01-10"]);
    let p = pledge(&s, "trygghet");
    assert_eq!(
        (&p["status"], &p["verdict"], &p["status_label"]),
        (&json!("met"), &json!("met"), &json!("Uppfyllt"))
    );
    let check = env.run(&["check"]).stdout;
    assert!(
        check.contains("indikatorn Trygg i centrum minst 95,1 % (utgångsläge: mätningen år 2018)"),
        "{check}"
    );
}

#[test]
fn an_indicator_short_of_its_target_is_mailed_and_followed_up_from_its_baseline() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Andel otrygga\", at_most = 16, baseline = 40, baseline_year = 2018, unit = \"%\" }",
    );
    indicator_sheet(
        &env,
        "data/inbox/kommun/indikatorer.xlsx",
        &[("Andel otrygga", 2019, Value::Number(28.0), "Polisens trygghetsmätning")],
    );
    env.log("data/inbox/kommun/logg.xlsx", &[("2019-02-01", "Trygghetsvandring", 1)]);
    env.ingest();
    let out = env.run_at("2019-07-15T07:00:00+02:00", &["notify", "--as-of", "2019-07-15"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails = env.mails();
    let reminder = mails
        .iter()
        .find(|m| m.contains("Påminnelse: Tryggare centrum når inte målet (28 % år 2019)"))
        .unwrap_or_else(|| panic!("{mails:#?}"));
    // Its part of the mail of the owner's reminders.
    let reminder =
        reminder.split("==== Påminnelse: Tryggare centrum").nth(1).unwrap().split("\n==== ").next().unwrap();
    assert!(reminder.contains("når inte sitt mål enligt det senaste mätvärdet per 2019-07-15"), "{reminder}");
    assert!(reminder.contains("Senaste mätvärde: 28 % år 2019 mot målet högst 16 %"), "{reminder}");
    assert!(!reminder.contains("0 av") && !reminder.contains("0 aktiviteter"), "{reminder}");
    let digest = mails.iter().find(|m| m.contains("ALLA LÖFTEN")).unwrap_or_else(|| panic!("{mails:#?}"));
    assert!(
        digest.contains("Tryggare centrum (2019): 28 % år 2019 mot målet högst 16 %, Når inte målet"),
        "{digest}"
    );

    let out = env.run(&["report", "--period", "2019", "--as-of", "2020-01-10", "--format", "html,public"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019.html")).unwrap();
    let section = html.split("id=\"lofte-trygghet\"").nth(1).unwrap().split("id=\"lofte-").next().unwrap();
    // Twelve of the twenty-four points from 40 to 16: half the way, partly met.
    assert!(section.contains("Delvis uppfyllt"), "{section}");
    assert!(
        section.contains("28 % år 2019 (källa: Polisens trygghetsmätning), från 40 % år 2018"),
        "{section}"
    );
    assert!(section.contains("Mätvärden") && section.contains("Utgångsläge 2018"), "{section}");
    assert!(section.contains("konfigurationen"), "{section}");
    assert!(!section.contains("Diagram") && !section.contains("Genomförda aktiviteter"), "{section}");
    assert!(html.contains("halva vägen från utgångsläget"), "the method says how an indicator is judged");
    // Each value is cited by the appendix's key, as activities are, and the appendix traces it.
    assert!(section.contains(">A 4<"), "{section}");
    assert!(html.contains("28 % år 2019 = värdet på rad A 4"), "the appendix traces the figure");
    assert!(!section.contains("Underlag saknas"), "an indicator awaits no activities: {section}");
    let public = std::fs::read_to_string(env.path("data/reports/medborgarloften-2019.html")).unwrap();
    assert!(public.contains("Andel otrygga: högst 16 %"), "{public}");
    assert!(public.contains("28 % år 2019"), "{public}");
}

#[test]
fn an_indicator_without_a_value_is_not_measured_rather_than_missed() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Trygg i centrum\", at_least = 95.1, unit = \"%\" }",
    );
    env.log("data/inbox/kommun/logg.xlsx", &[("2019-02-01", "Trygghetsvandring", 1)]);
    env.ingest();
    let s = env.status_json(&["--as-of", "2019-06-30"]);
    let p = pledge(&s, "trygghet");
    assert_eq!((&p["status"], &p["status_label"]), (&json!("unmeasured"), &json!("Inget mätvärde")));
    assert!(p["note"].as_str().unwrap().contains("Indikator, År, Värde och Källa"), "{}", p["note"]);
    let s = env.status_json(&["--as-of", "2020-01-10"]);
    let p = pledge(&s, "trygghet");
    assert_eq!((&p["verdict"], &p["status_label"]), (&json!("not_measured"), &json!("Ej mätt")));
    let out = env.run(&["report", "--period", "2019", "--as-of", "2020-01-10", "--format", "html"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("1 not measured"), "{}", out.stdout);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019.html")).unwrap();
    assert!(html.contains("och 1 inte mätt."), "the summary does not call it missed");
    assert!(html.contains("Inga mätvärden för perioden har redovisats."));
}

#[test]
fn an_indicator_sheet_read_before_its_pledge_is_read_again_once_the_pledge_is_added() {
    let env = Env::new();
    indicator_sheet(
        &env,
        "data/inbox/kommun/indikatorer.xlsx",
        &[("Trygg i centrum", 2019, Value::Number(95.2), "Trygghetsmätningen")],
    );
    let report = env.ingest();
    let f = file(&report, "indikatorer.xlsx");
    assert_eq!(
        (&f["values_read"], &f["rows_skipped"]),
        (&json!(0), &json!(1)),
        "no pledge follows it: {f:#}"
    );
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let added = format!(
        "{config}\n[[pledge]]\nid = \"trygghet\"\ntitle = \"Tryggare centrum\"\npromise = \"P\"\nowners = [\"kommunen\"]\nrule = {{ kind = \"indicator\", indicator = \"Trygg i centrum\", at_least = 95.1, unit = \"%\" }}\n"
    );
    env.write("config.toml", added.as_bytes());
    let report = env.ingest();
    assert_eq!(crate::support::status(&report, "indikatorer.xlsx").0, "reread");
    assert_eq!(file(&report, "indikatorer.xlsx")["values_read"], json!(1));
}

#[test]
fn a_row_that_could_not_be_read_and_may_be_the_latest_holds_the_judgment() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Trygg i centrum\", at_least = 95.1, baseline = 88, unit = \"%\" }",
    );
    env.log("data/inbox/kommun/logg.xlsx", &[("2019-02-01", "Trygghetsvandring", 1)]);
    // March's value is read; the year's is in per cent format and cannot be.
    env.xlsx("data/inbox/kommun/indikatorer.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Indikatorer").unwrap();
        for (c, name) in ["Indikator", "År", "Datum", "Värde"].iter().enumerate() {
            ws.write_string(0, c as u16, *name).unwrap();
        }
        ws.write_string(1, 0, "Trygg i centrum").unwrap();
        date_cell(ws, 1, 2, "2019-03-01");
        ws.write_number(1, 3, 96.0).unwrap();
        ws.write_string(2, 0, "Trygg i centrum").unwrap();
        ws.write_number(2, 1, 2019.0).unwrap();
        ws.write_number_with_format(2, 3, 0.93, &Format::new().set_num_format("0.0%")).unwrap();
    });
    env.ingest();
    let s = env.status_json(&["--as-of", "2020-01-10"]);
    let p = pledge(&s, "trygghet");
    assert_eq!((&p["status"], &p["verdict"]), (&json!("unmeasured"), &json!("not_measured")), "{p:#}");
    assert_eq!(p["indicator"]["latest"], json!(null), "March's 96 % is not the period's result");
    let note = p["note"].as_str().unwrap();
    assert!(
        note.starts_with("en rad i indikatorbladet kunde inte läsas och kan vara periodens senaste mätning"),
        "{note}"
    );
    let s = env.status_json(&["--as-of", "2019-06-30"]);
    let p = pledge(&s, "trygghet");
    assert_eq!(
        (&p["status_label"], &p["indicator"]["latest"]["value"]),
        (&json!("Oklart mätvärde"), &json!(null))
    );
    let out = env.run_at("2019-07-15T07:00:00+02:00", &["notify", "--as-of", "2019-07-15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let digest = env.mails().into_iter().find(|m| m.contains("ALLA LÖFTEN")).unwrap();
    assert!(digest.contains("- Tryggare centrum: Oklart mätvärde"), "needs attention: {digest}");
}

#[test]
fn a_value_changed_after_the_follow_up_was_mailed_is_corrected() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Andel otrygga\", at_most = 16, baseline = 40, unit = \"%\" }",
    );
    env.log("data/inbox/kommun/logg.xlsx", &[("2019-02-01", "Trygghetsvandring", 1)]);
    let sheet = |v: f64| {
        indicator_sheet(
            &env,
            "data/inbox/kommun/indikatorer.xlsx",
            &[("Andel otrygga", 2019, Value::Number(v), "Enkät")],
        )
    };
    sheet(28.0);
    let out = env.run(&["once", "--now", "2020-02-03 08:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(env.mails().iter().any(|m| m.contains("Subject: Uppföljning")), "the follow-up is mailed");
    // The survey's 2019 figure is revised from 28 to 25 %: the verdict stays, the figure does not.
    sheet(25.0);
    let out = env.run(&["once", "--now", "2020-02-04 08:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mails = env.mails();
    let correction = mails.iter().find(|m| m.contains("Rättelse")).unwrap_or_else(|| panic!("{mails:#?}"));
    assert!(
        correction.contains("Delvis uppfyllt, 28 %") && correction.contains("Delvis uppfyllt, 25 %"),
        "{correction}"
    );
}

#[test]
fn check_asks_about_an_indicator_that_is_met_before_it_starts() {
    let env = with_indicator(
        "{ kind = \"indicator\", indicator = \"Trygg\", at_least = 150, baseline = 160, baseline_year = 2019, unit = \"%\" }",
    );
    let out = env.run(&["check"]);
    assert_eq!(out.code, 0, "warnings, not errors: {}", out.stderr);
    for expected in [
        "pledge trygghet: a target above 100 % (unit \"%\"); is the unit right?",
        "pledge trygghet: its baseline 160 % meets its target already",
        "pledge trygghet: baseline_year 2019 is inside its own period",
    ] {
        assert!(out.stdout.contains(expected), "{expected}: {}", out.stdout);
    }
}

#[test]
fn a_follow_up_of_indicators_alone_is_mailed() {
    let env = Env::new();
    // Kalix's pledges replaced by one measured by an indicator, owned by the municipality.
    let config = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let head = config.split("\n[[pledge]]").next().unwrap();
    let added = format!(
        "{head}\n[[pledge]]\nid = \"trygghet\"\ntitle = \"Tryggare centrum\"\npromise = \"P\"\nowners = [\"kommunen\"]\nrule = {{ kind = \"indicator\", indicator = \"Trygg i centrum\", at_least = 95.1, unit = \"%\" }}\n"
    );
    env.write("config.toml", added.as_bytes());
    indicator_sheet(
        &env,
        "data/inbox/kommun/indikatorer.xlsx",
        &[("Trygg i centrum", 2019, Value::Number(95.2), "Enkät")],
    );
    // The police have delivered, nothing of 2019: the follow-up rests on the indicator alone.
    env.log("data/inbox/polisen/logg.xlsx", &[("2018-12-20", "Medborgarkontakt", 3)]);
    let out = env.run(&["once", "--now", "2020-02-03 08:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails = env.mails();
    assert!(mails.iter().any(|m| m.contains("Subject: Uppföljning")), "{mails:#?}");
}
