//! Hostile input and hard faults (issue 14): no file, cell, config value or fault stops the service
//! or floods a person. The files are in `tests/fixtures/hostile/`, made by `make.py` there.

use crate::support::{Env, status};

/// An install with one good log beside the hostile file, to prove the run goes on.
fn env_with_good_log() -> Env {
    let env = Env::new();
    env.log("data/inbox/polisen/bra.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env
}

fn hostile(env: &Env, name: &str) {
    env.fixture(&format!("hostile/{name}"), &format!("data/inbox/kommun/{name}"));
}

#[test]
fn an_xls_whose_forged_dimensions_would_reserve_a_terabyte_is_refused_and_the_run_goes_on() {
    let env = env_with_good_log();
    hostile(&env, "forged-dimensions.xls");
    let report = env.ingest();
    let f = crate::support::file(&report, "forged-dimensions.xls");
    assert_eq!(f["status"], "refused", "{f:#}");
    assert!(
        f["refusal"].as_str().unwrap().starts_with("Filens blad spänner tillsammans över 38\u{a0}654\u{a0}705\u{a0}601 celler (gränsen är 4\u{a0}000\u{a0}000)"),
        "{f:#}"
    );
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    // A whole pass, as the daemon makes at each start.
    let out = env.run_at("2019-01-14T07:00:00+01:00", &["once", "--now", "2019-01-14 07:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// What no check before loading can catch is contained by the reader process: a file that needs
/// more memory than it may use ends that process, not the service, and is refused with the reason.
#[test]
fn a_file_that_needs_more_memory_than_the_reader_may_use_is_refused_and_the_run_goes_on() {
    let env = env_with_good_log();
    env.edit_config("max_cells = 4000000", "max_cells = 1000000000");
    env.edit_config("reader_memory_mb = 2048", "reader_memory_mb = 256");
    hostile(&env, "huge-dimensions.xls");
    let out = env.run(&["ingest", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = crate::support::file(&report, "huge-dimensions.xls");
    assert_eq!(f["status"], "refused", "{f:#}");
    assert_eq!(f["refusal"], "Filen kunde inte läsas. Spara om den som .xlsx och lägg in den igen.");
    assert_eq!(f["refusal_detail"], "the reader needed more memory than the 256 MB it may use");
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    // The log says what the reader said, on one line.
    let line = out.stderr.lines().find(|l| l.contains("the reader process failed")).expect(&out.stderr);
    assert!(line.contains(r#"stderr="memory allocation of 36000000000 bytes failed"#), "{line}");
}

/// The typo suggestion compared each unknown name with every activity name, character by character:
/// 200 cells of 100,000 characters took 53 s and held the daemon. A name far longer than any is not
/// compared, and gets no suggestion.
#[test]
fn long_unknown_activity_names_are_read_at_once_and_get_no_suggestion() {
    let env = env_with_good_log();
    hostile(&env, "long-activity-names.xlsx");
    let out = env.run_within(std::time::Duration::from_secs(60), &["ingest", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(status(&report, "long-activity-names.xlsx"), ("new".into(), 0, 200));
    let unsuggested: i64 = env
        .db()
        .query_row(
            "SELECT count(*) FROM problems WHERE code = 'unknown_activity' AND detail LIKE '%\"suggestion\":null%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unsuggested, 200);
}

/// Each file in the outbox: (its size in bytes, its text as a snapshot shows it).
fn outbox(env: &Env) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .map(|e| {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            (bytes.len() as u64, env.mail_text(&bytes))
        })
        .collect();
    out.sort();
    out
}

/// 300 cells of a million characters were stored whole (300 MB) and once made `once` abort. A text
/// longer than `max_cell_chars` is kept shortened, ending in "…", and the run says how many.
#[test]
fn cells_of_a_million_characters_are_kept_shortened_and_their_rows_count() {
    let env = env_with_good_log();
    hostile(&env, "long-cells.xlsx");
    let report = env.ingest();
    let f = crate::support::file(&report, "long-cells.xlsx");
    assert_eq!(
        (f["status"].as_str(), f["rows_read"].as_u64(), f["cells_shortened"].as_u64()),
        (Some("new"), Some(300), Some(300))
    );
    let places: Vec<String> = {
        let db = env.db();
        let mut stmt = db.prepare("SELECT place FROM activities WHERE place <> '' ").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(places.len(), 300);
    let expected = format!("{}…", &"Torget ".repeat(143)[..1000]);
    assert!(places.iter().all(|p| *p == expected), "{}", &places[0][..50]);
    let store = std::fs::metadata(env.path("data/pledgewatch.sqlite")).unwrap().len();
    assert!(store < 4 << 20, "the store is {store} bytes");
    // The table says so too (a second install: the file is read there for the first time).
    let other = env_with_good_log();
    hostile(&other, "long-cells.xlsx");
    let table = other.run(&["ingest"]);
    assert!(
        table.stdout.contains("300 cells longer than 1000 characters are kept shortened"),
        "{}",
        table.stdout
    );
    // The follow-up shows them, shortened.
    let out = env.run_within(std::time::Duration::from_secs(120), &["once", "--now", "2019-01-14 07:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// 5,000 bad rows made a data-quality mail of 41.7 MB, which a server's size limit refuses for
/// good: the log keeper was never told. A mail lists 50 rows and counts the rest.
#[test]
fn a_data_quality_mail_lists_fifty_rows_and_counts_the_rest() {
    let env = env_with_good_log();
    hostile(&env, "many-bad-rows.xlsx");
    env.ingest();
    let out = env.run(&["notify", "--as-of", "2019-01-14"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mails = outbox(&env);
    let (size, text) =
        mails.iter().find(|(_, t)| t.contains("kunde inte läsa följande")).expect("a data-quality mail");
    assert_eq!(text.matches("\n- many-bad-rows.xlsx").count(), 50, "{text}");
    assert!(
        text.contains("… och 4\u{a0}950 rader till, som inte ryms i det här mejlet."),
        "{}",
        &text[text.len() - 600..]
    );
    // Each value is quoted with its first 100 characters.
    let quoted = format!("Okänd aktivitet \"Medborgarkontakt {}…\".", "x".repeat(83));
    assert!(text.contains(&quoted), "{}", &text[..1200]);
    assert!(*size < 200_000, "the mail is {size} bytes");
}

/// An XML parser holds a text whole while it reads it: one cell of 100 million characters made the
/// streamed read hold 600 MB. A text longer than any cell can hold refuses the file before any
/// parser sees it, in fixed memory.
#[test]
fn a_text_longer_than_any_cell_refuses_the_file_before_it_is_parsed() {
    let env = env_with_good_log();
    hostile(&env, "oversized-text.xlsx");
    let report = env.ingest();
    let f = crate::support::file(&report, "oversized-text.xlsx");
    assert_eq!(f["status"], "refused", "{f:#}");
    assert_eq!(
        f["refusal"],
        "Filen innehåller en text som är längre än någon cell kan rymma och lästes därför inte; den är troligen skadad. \
         Spara om den från Excel eller LibreOffice, eller lägg in en tidigare version av loggen."
    );
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}
