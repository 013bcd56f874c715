//! A pledge's plan (the Kalix document's "genomförande- och/eller handlingsplaner"; Brå's
//! åtgärdsplan with När and Vem): planned activities in the config, a reminder to the party that
//! does one some days before it, the standing saying what is planned, and the follow-up showing
//! what was planned beside what was done.

use serde_json::json;

use crate::support::{Env, date_cell, header, pledge};

/// Kalix's safety walks with a plan: one in the week of 13 May (the municipality's), one on
/// 10 September, one on 1 October (both parties').
fn planned_walks() -> Env {
    let env = Env::new();
    env.edit_config(
        "partners = { all_of = [[\"kommun\", \"polis\"], [\"grannsamverkan\"]] }\n",
        "partners = { all_of = [[\"kommun\", \"polis\"], [\"grannsamverkan\"]] }\n\
         [[pledge.plan]]\nweek = \"2019-W20\"\nwhat = \"Trygghetsvandring i centrum\"\nparty = \"kommunen\"\n\
         [[pledge.plan]]\ndate = 2019-10-01\nwhat = \"Trygghetsvandring i Töre\"\n\
         [[pledge.plan]]\ndate = 2019-09-10\nwhat = \"Trygghetsvandring i Nyborg\"\n",
    );
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.xlsx("data/inbox/kommun/logg.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg").unwrap();
        header(ws, 0);
        date_cell(ws, 1, 0, "2019-05-15");
        ws.write_string(1, 1, "Trygghetsvandring").unwrap();
        ws.write_string(1, 4, "Polisen, grannsamverkan").unwrap();
    });
    env.ingest();
    env
}

#[test]
fn the_standing_says_what_is_planned_and_what_was_planned_but_not_done() {
    let env = planned_walks();
    let check = env.run(&["check"]).stdout;
    assert!(check.contains("planned vecka 20, 2019: Trygghetsvandring i centrum (kommunen)"), "{check}");
    let s = env.status_json(&["--as-of", "2019-09-03"]);
    let p = pledge(&s, "trygghetsvandringar");
    let planned: Vec<(&str, &str, &serde_json::Value)> = p["planned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["when"].as_str().unwrap(), x["state"].as_str().unwrap(), &x["done_on"]))
        .collect();
    assert_eq!(
        planned,
        [
            ("2019-W20", "done", &json!("2019-05-15")),
            ("2019-09-10", "upcoming", &json!(null)),
            ("2019-10-01", "upcoming", &json!(null))
        ]
    );
    assert!(
        p["note"].as_str().unwrap().starts_with("planerad 2019-09-10: Trygghetsvandring i Nyborg"),
        "{}",
        p["note"]
    );
    let s = env.status_json(&["--as-of", "2019-09-20"]);
    let note = pledge(&s, "trygghetsvandringar")["note"].as_str().unwrap().to_owned();
    assert!(
        note.starts_with("planerad 2019-10-01: Trygghetsvandring i Töre; planerad men inte genomförd: 2019-09-10 (Trygghetsvandring i Nyborg)"),
        "{note}"
    );
}

#[test]
fn the_party_is_reminded_before_a_planned_activity_once() {
    let env = planned_walks();
    // Seven days before 10 September: both owners' contacts, once.
    let out = env.run_at("2019-09-02T07:00:00+02:00", &["notify", "--as-of", "2019-09-02"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!env.mails().iter().any(|m| m.contains("Planerat:")), "not yet eight days before");
    let out = env.run_at("2019-09-03T07:00:00+02:00", &["notify", "--as-of", "2019-09-03"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mails = env.mails();
    let planned: Vec<&String> =
        mails.iter().filter(|m| m.contains("Planerat: Trygghetsvandring i Nyborg")).collect();
    assert_eq!(planned.len(), 2, "the police's and the municipality's contact: {mails:#?}");
    let mail = planned[0];
    assert!(mail.contains("ska detta göras den 10 september 2019, om 7 dagar"), "{mail}");
    assert!(mail.contains("Läget: 1 av 2, I fas"), "its logs are in: {mail}");
    assert!(mail.contains("förts in i loggen som Trygghetsvandring"), "{mail}");
    let out = env.run_at("2019-09-04T07:00:00+02:00", &["notify", "--as-of", "2019-09-04"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = env.mails().iter().filter(|m| m.contains("Planerat: Trygghetsvandring i Nyborg")).count();
    assert_eq!(again, 2, "reminded once");
}

#[test]
fn the_follow_up_shows_what_was_planned_beside_what_was_done() {
    let env = planned_walks();
    let out = env.run(&["report", "--period", "2019", "--as-of", "2020-01-10", "--format", "html"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019.html")).unwrap();
    let section =
        html.split("id=\"lofte-trygghetsvandringar\"").nth(1).unwrap().split("id=\"lofte-").next().unwrap();
    assert!(section.contains("Planerat och genomfört"), "{section}");
    assert!(section.contains("1 av 3 planerade aktiviteter genomfördes."), "{section}");
    assert!(section.contains("vecka 20, 2019") && section.contains("genomförd 2019-05-15"), "{section}");
    assert!(section.contains("Kalix kommun"), "the party by name: {section}");
    assert_eq!(section.matches("inte genomförd").count(), 2, "{section}");
}

#[test]
fn a_plan_is_checked() {
    let env = Env::new();
    env.edit_config(
        "partners = { all_of = [[\"kommun\", \"polis\"], [\"grannsamverkan\"]] }\n",
        "partners = { all_of = [[\"kommun\", \"polis\"], [\"grannsamverkan\"]] }\n\
         [[pledge.plan]]\nweek = \"2019-20\"\nwhat = \"A\"\n\
         [[pledge.plan]]\ndate = 2021-05-01\nwhat = \"B\"\nparty = \"grannsamverkan\"\n",
    );
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78, "{}", out.stderr);
    for expected in [
        "`week` \"2019-20\" is not an ISO week; write it as \"2019-W20\"",
        "the planned \"B\" is in none of the pledge's periods",
        "party \"grannsamverkan\" does not own the pledge; a planned activity is done by one of its owners: polisen, kommunen",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
}

#[test]
fn a_plan_sheet_adds_planned_activities_and_says_what_it_cannot_read() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.xlsx("data/inbox/kommun/plan.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Handlingsplan").unwrap();
        ws.write_string(0, 0, "Handlingsplan 2019").unwrap();
        for (c, name) in ["Löfte", "Vecka", "År", "Datum", "Planerat", "Part"].iter().enumerate() {
            ws.write_string(2, c as u16, *name).unwrap();
        }
        let rows: [(&str, &str, &str, &str, &str); 5] = [
            ("Trygghetsvandringar", "v. 20 2019", "", "Trygghetsvandring i centrum", "Kalix kommun"),
            ("trygghetsvandringar", "38", "2019", "Trygghetsvandring i Töre", ""),
            ("Sök med hund i skolmiljö", "", "", "Hundsök i Furuhedsskolan", "polisen"),
            ("Trygghetsvandringr", "v. 40 2019", "", "Trygghetsvandring i Nyborg", ""),
            ("Trygghetsvandringar", "v. 41 2019", "", "Trygghetsvandring i Sangis", "Grannsamverkan"),
        ];
        for (i, (pledge, week, year, what, party)) in rows.iter().enumerate() {
            let r = i as u32 + 3;
            ws.write_string(r, 0, *pledge).unwrap();
            ws.write_string(r, 1, *week).unwrap();
            ws.write_string(r, 2, *year).unwrap();
            ws.write_string(r, 4, *what).unwrap();
            ws.write_string(r, 5, *party).unwrap();
        }
        date_cell(ws, 5, 3, "2019-10-15");
    });
    let report = env.ingest();
    let f = crate::support::file(&report, "plan.xlsx");
    assert_eq!((&f["plans_read"], &f["row_errors"]), (&json!(3), &json!(2)), "{f:#}");
    let s = env.status_json(&["--as-of", "2019-09-01"]);
    let walks = pledge(&s, "trygghetsvandringar");
    let planned: Vec<(&str, &str, &serde_json::Value)> = walks["planned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["when"].as_str().unwrap(), x["what"].as_str().unwrap(), &x["party"]))
        .collect();
    assert_eq!(
        planned,
        [
            ("2019-W20", "Trygghetsvandring i centrum", &json!("kommunen")),
            ("2019-W38", "Trygghetsvandring i Töre", &json!(null))
        ]
    );
    assert_eq!(walks["row_errors"].as_array().unwrap().len(), 2, "the typo and the party: {walks:#}");
    let explain = env.run(&["explain", "trygghetsvandringar", "--as-of", "2019-09-01"]).stdout;
    assert!(explain.contains("Menade du Trygghetsvandringar?"), "{explain}");
    assert!(explain.contains("Parten \"Grannsamverkan\" står inte bakom löftet."), "{explain}");
    let dogs = pledge(&s, "hundsok-skola");
    assert_eq!(dogs["planned"][0]["when"], json!("2019-10-15"), "{dogs:#}");
}
