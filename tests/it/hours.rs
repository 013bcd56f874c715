//! A pledge measured in hours (Svedala: 4 000 police hours a year): a log's `Timmar` column, typed
//! the ways people type hours, counted end to end into the status, the mails and the follow-up.

use rust_xlsxwriter::Format;
use serde_json::json;

use crate::support::{Env, date_cell, pledge};

/// Kalix's traffic pledge measured in hours: at least 40 in 2019, from a log with a `Timmar` column.
fn traffic_in_hours() -> Env {
    let env = Env::new();
    env.edit_config(
        "rule = { kind = \"total\", at_least = 4 }\nreport_tags = [\"A-traktor\"]",
        "rule = { kind = \"total\", at_least = 40, measure = \"hours\" }\nreport_tags = [\"A-traktor\"]",
    );
    env.xlsx("data/inbox/polisen/logg.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg").unwrap();
        for (c, name) in ["Datum", "Aktivitet", "Antal", "Timmar", "Taggar"].iter().enumerate() {
            ws.write_string(0, c as u16, *name).unwrap();
        }
        let kind = "Trafiksäkerhetsinsats";
        // 12,5 hours as text with a decimal comma, on a row tagged A-traktor.
        date_cell(ws, 1, 0, "2019-02-10");
        ws.write_string(1, 1, kind).unwrap();
        ws.write_string(1, 3, "12,5").unwrap();
        ws.write_string(1, 4, "A-traktor").unwrap();
        // 1:30 in a cell formatted as a duration: one and a half hours, not 0,06.
        date_cell(ws, 2, 0, "2019-03-31");
        ws.write_string(2, 1, kind).unwrap();
        ws.write_number_with_format(2, 3, 1.5 / 24.0, &Format::new().set_num_format("[h]:mm")).unwrap();
        // 6 as a number, on a row of Antal 2: the hours are the row's, not per time.
        date_cell(ws, 3, 0, "2019-04-15");
        ws.write_string(3, 1, kind).unwrap();
        ws.write_number(3, 2, 2).unwrap();
        ws.write_number(3, 3, 6).unwrap();
        // No hours: not counted, and said why.
        date_cell(ws, 4, 0, "2019-05-01");
        ws.write_string(4, 1, kind).unwrap();
        // 1.500 may mean 1 500: a row error.
        date_cell(ws, 5, 0, "2019-05-02");
        ws.write_string(5, 1, kind).unwrap();
        ws.write_string(5, 3, "1.500").unwrap();
    });
    env.ingest();
    env
}

#[test]
fn a_pledge_measured_in_hours_counts_timmar_in_the_status() {
    let env = traffic_in_hours();
    let check = env.run(&["check"]);
    assert!(check.stdout.contains("minst 40 timmar under perioden"), "{}", check.stdout);
    let s = env.status_json(&["--as-of", "2019-07-15"]);
    let p = pledge(&s, "trafiksakerhet");
    assert_eq!(
        (&p["measure"], &p["count"], &p["target"], &p["activities"], &p["status"]),
        (&json!("hours"), &json!(20.0), &json!(40.0), &json!(20.0), &json!("behind"))
    );
    // 40 × 196 / 365 hours expected by 15 July.
    assert_eq!(p["expected"], json!(21.48));
    assert_eq!(p["tags"], json!({ "A-traktor": 12.5 }));
    assert_eq!(p["catch_up"]["needed"], json!(20.0));
    let no_hours: Vec<&serde_json::Value> =
        p["not_counted"].as_array().unwrap().iter().filter(|n| n["reason"] == "no_hours").collect();
    assert_eq!(no_hours.len(), 1, "{:#}", p["not_counted"]);
    assert_eq!(no_hours[0]["message"], "Timmar är tom eller 0, men löftet räknas i timmar");
    assert_eq!(p["row_errors"].as_array().unwrap().len(), 1, "1.500 is a row error");
    let note = p["note"].as_str().unwrap();
    assert!(note.starts_with("behöver 20 timmar till på 25 veckor (senast 2019-12-31)"), "{note}");
    assert!(note.contains("A-traktor: 12,5 timmar"), "{note}");
    // Another pledge's figures are activities still.
    assert_eq!(pledge(&s, "narkotika").get("measure"), None);
    let table = env.run(&["status", "--as-of", "2019-07-15"]).stdout;
    let line = table.lines().find(|l| l.starts_with("trafiksakerhet")).unwrap();
    let figures: Vec<&str> = line.split_whitespace().skip(1).take(4).collect();
    assert_eq!(figures, ["20", "40", "21,5", "37,2"], "{line}");
    let explain = env.run(&["explain", "trafiksakerhet", "--as-of", "2019-07-15"]).stdout;
    assert!(explain.contains("Counted: 20 hours on 3 rows"), "{explain}");
    assert!(explain.contains("1,5 h · "), "{explain}");
}

#[test]
fn a_pledge_measured_in_hours_is_mailed_and_followed_up_in_hours() {
    let env = traffic_in_hours();
    let out = env.run_at("2019-07-15T07:00:00+02:00", &["notify", "--as-of", "2019-07-15"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails = env.mails();
    let mail =
        mails.iter().find(|m| m.contains("Trafiksäkerhetsinsatser")).unwrap_or_else(|| panic!("{mails:#?}"));
    assert!(mail.contains("20 av 40 timmar"), "{mail}");
    assert!(mail.contains("förväntat 21,5"), "{mail}");
    assert!(mail.contains("minst 40 timmar under perioden"), "{mail}");
    assert!(!mail.contains("2000") && !mail.contains("4000"), "no hundredths: {mail}");
    let out = env.run(&["report", "--period", "2019", "--as-of", "2020-01-10", "--format", "html,public"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019.html")).unwrap();
    let section =
        html.split("id=\"lofte-trafiksakerhet\"").nth(1).unwrap().split("id=\"lofte-").next().unwrap();
    assert!(section.contains("20 timmar, varav 12,5 timmar märkta A-traktor"), "{section}");
    assert!(section.contains("Genomförda aktiviteter (3 rader, sammanlagt 20 timmar)"), "{section}");
    assert!(section.contains("<th") && section.contains("Timmar"), "the hours column: {section}");
    assert!(
        section.contains("<th scope=\"col\">Timmar</th>")
            || section.contains("<th scope=\"col\" class=\"num\">Timmar</th>"),
        "a header cell says what it heads: {section}"
    );
    assert!(
        section
            .contains("sammanlagt 20 timmar från 1 januari 2019 till 31 december 2019, mot målet 40 timmar")
    );
    assert!(
        html.contains("data-count=\"20\"") && html.contains("data-measure=\"hours\""),
        "machine-readable"
    );
    assert!(html.contains("20 = summan av Timmar på raderna"), "the trace");
    let public = std::fs::read_to_string(env.path("data/reports/medborgarloften-2019.html")).unwrap();
    assert!(public.contains("minst 40 timmar under 2019"), "for citizens");
    assert!(public.contains("20 timmar"), "for citizens");
}

#[test]
fn a_rule_in_hours_is_checked() {
    let env = Env::new();
    env.edit_config(
        "rule = { kind = \"total\", at_least = 4 }",
        "rule = { kind = \"total\", at_least = 4, measure = \"timmar\" }",
    );
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78, "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown measure \"timmar\"; expected \"activities\" or \"hours\""),
        "{}",
        out.stderr
    );
    let env = Env::new();
    env.edit_config(
        "rule = { kind = \"qualitative\" }",
        "rule = { kind = \"qualitative\", measure = \"hours\" }",
    );
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78, "{}", out.stderr);
    assert!(out.stderr.contains("a qualitative rule has no number to measure in hours"), "{}", out.stderr);
}

#[test]
fn hours_each_month_under_antal_timmar_are_said_in_months_with_hours() {
    let env = Env::new();
    env.edit_config(
        "rule = { kind = \"ongoing\", at_least = 1, each = \"month\" }",
        "rule = { kind = \"ongoing\", at_least = 10, each = \"month\", measure = \"hours\" }",
    );
    // "Antal timmar" is Timmar's header without an alias; Antal 0 does not keep the hours out.
    env.xlsx("data/inbox/kommun/logg.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg").unwrap();
        for (c, name) in ["Datum", "Aktivitet", "Antal", "Antal timmar"].iter().enumerate() {
            ws.write_string(0, c as u16, *name).unwrap();
        }
        for (r, (date, antal, hours)) in
            [("2019-01-10", 1, "12"), ("2019-02-10", 0, "9,5"), ("2019-03-10", 1, "1 tim 30 min")]
                .iter()
                .enumerate()
        {
            let r = r as u32 + 1;
            date_cell(ws, r, 0, date);
            ws.write_string(r, 1, "Kommunikation").unwrap();
            ws.write_number(r, 2, *antal).unwrap();
            ws.write_string(r, 3, *hours).unwrap();
        }
    });
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-05", "Medborgarkontakt", 1)]);
    env.ingest();
    let s = env.status_json(&["--as-of", "2019-04-20"]);
    let p = pledge(&s, "kommunikation");
    let months: Vec<(&str, &serde_json::Value, &str)> = p["sub_periods"]
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|m| (m["label"].as_str().unwrap(), &m["count"], m["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        months,
        [
            ("januari 2019", &json!(12.0), "covered"),
            ("februari 2019", &json!(9.5), "missed"),
            ("mars 2019", &json!(1.5), "missed"),
            ("april 2019", &json!(0.0), "open"),
        ]
    );
    assert_eq!((&p["count"], &p["target"]), (&json!(1), &json!(12)), "months covered, whole numbers");
    assert!(
        p["note"]
            .as_str()
            .unwrap()
            .contains("saknas: februari 2019 (9,5 av 10 timmar), mars 2019 (1,5 av 10 timmar)"),
        "{}",
        p["note"]
    );
    let out = env.run_at("2019-04-20T07:00:00+02:00", &["notify", "--as-of", "2019-04-20"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mails = env.mails();
    let mail = mails
        .iter()
        .find(|m| m.contains("Kan inte längre uppfyllas: Gemensam kommunikation"))
        .unwrap_or_else(|| panic!("{mails:#?}"));
    assert!(mail.contains("1 av 12 månader"), "months, not hours: {mail}");
    let out = env.run(&["report", "--period", "2019", "--as-of", "2020-01-10", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019.html")).unwrap();
    assert!(html.contains("23 timmar, 1 av 12 månader med minst 10 timmar"), "the result");
    assert!(html.contains("1 av 12 månader med minst 10 timmar.</"), "the chart's description");
}
