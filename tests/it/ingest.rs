//! `pledgewatch ingest` on readable logs: the messy cases of DOMAIN.md, every format, re-saves,
//! copies, moves, unchanged re-scans and missing files.

use rust_xlsxwriter::{Format, Formula, Workbook};

use crate::support::{Env, date_cell, file, header, status};

/// A police log with every kind of mess DOMAIN.md lists, written by rust_xlsxwriter.
fn messy_police_log(wb: &mut Workbook) {
    let ws = wb.add_worksheet().set_name("Logg 2019").unwrap();
    ws.merge_range(0, 0, 0, 8, "Aktivitetslogg medborgarlöften 2019", &Format::new().set_bold()).unwrap();
    ws.write_string(1, 0, "Fylls i av samordnaren varje fredag").unwrap();
    // Row 3 blank; header on row 4 with messy names and an extra column in the middle.
    for (c, name) in
        ["Datum:", "Veckonr", " AKTIVITET ", "antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"]
            .iter()
            .enumerate()
    {
        ws.write_string(3, c as u16, *name).unwrap();
    }
    // Row 5: a date cell.
    date_cell(ws, 4, 0, "2019-01-08");
    ws.write_number(4, 1, 2).unwrap();
    ws.write_string(4, 2, "Medborgarkontakt").unwrap();
    ws.write_number(4, 3, 3).unwrap();
    ws.write_string(4, 4, "Torget").unwrap();
    ws.write_string(4, 7, "K. Lindberg").unwrap();
    // Row 6: a date typed as text, a count typed as text.
    ws.write_string(5, 0, "2019-02-14").unwrap();
    ws.write_string(5, 2, "Trafiksäkerhetsinsats").unwrap();
    ws.write_string(5, 3, "2").unwrap();
    ws.write_string(5, 6, "A-traktor; kväll").unwrap();
    // Row 7: a typo in the activity name.
    date_cell(ws, 6, 0, "2019-03-01");
    ws.write_string(6, 2, "Trygghetsvandrig").unwrap();
    // Row 8: a date-time typed as text, partners with "och", count by formula (cached value 2).
    ws.write_string(7, 0, "2019-04-20 19:30").unwrap();
    ws.write_string(7, 2, "trygghetsvandring").unwrap();
    ws.write_formula(7, 3, Formula::new("=1+1").set_result("2")).unwrap();
    ws.write_string(7, 5, "Kalix kommun och grannsamverkan Töre").unwrap();
    ws.write_string(7, 8, "Ring K. Lindberg om lamporna").unwrap();
    // Rows 9–10: one date merged over two rows.
    ws.merge_range(8, 0, 9, 0, "", &Format::new()).unwrap();
    date_cell(ws, 8, 0, "2019-05-06");
    ws.write_string(8, 2, "Grannsamverkan").unwrap();
    ws.write_string(9, 2, "Kommunikation").unwrap();
    // Row 11 blank. Row 12: the totals row with a SUM formula.
    ws.write_string(11, 0, "Summa").unwrap();
    ws.write_formula(11, 3, Formula::new("=SUM(D5:D10)").set_result("9")).unwrap();
    // A second sheet with notes and no header.
    let notes = wb.add_worksheet().set_name("Anteckningar").unwrap();
    notes.write_string(0, 0, "Hundsöket i augusti blev inställt.").unwrap();
}

#[test]
fn messy_police_log_is_read_row_by_row() {
    let env = Env::new();
    env.xlsx("data/inbox/polisen/logg.xlsx", messy_police_log);
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("new".into(), 5, 1));
    assert_eq!(file(&report, "logg.xlsx")["format"], "xlsx");
    // Row 12 (Summa) is skipped; row 11 has no cells at all and is not even seen.
    assert_eq!(file(&report, "logg.xlsx")["rows_skipped"], 1);
    assert_eq!(
        env.activities(),
        [
            "logg.xlsx|Logg 2019|5|2019-01-08|medborgarkontakt|3|Torget||",
            "logg.xlsx|Logg 2019|6|2019-02-14|trafiksakerhetsinsats|2|||A-traktor; kväll",
            "logg.xlsx|Logg 2019|8|2019-04-20|trygghetsvandring|2||Kalix kommun och grannsamverkan Töre|",
            "logg.xlsx|Logg 2019|9|2019-05-06|grannsamverkan|1|||",
            "logg.xlsx|Logg 2019|10|2019-05-06|kommunikation|1|||",
        ]
    );
    assert_eq!(
        env.problems(),
        [
            "logg.xlsx|row|Logg 2019|7|unknown_activity|Okänd aktivitet \"Trygghetsvandrig\". Menade du Trygghetsvandring?",
            "logg.xlsx|sheet|Anteckningar||sheet_skipped|Bladet \"Anteckningar\" saknar kolumnerna Datum och Aktivitet och lästes inte.",
        ]
    );
    // Ansvarig and Kommentar hold personal names: they are never stored.
    let dump = std::fs::read(env.path("data/pledgewatch.sqlite")).unwrap();
    assert!(!String::from_utf8_lossy(&dump).contains("Lindberg"));
}

#[test]
fn the_table_lists_each_file_and_its_row_errors() {
    let env = Env::new();
    env.xlsx("data/inbox/polisen/logg.xlsx", messy_police_log);
    let out = env.run(&["ingest"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out.stdout.lines().find(|l| l.contains("logg.xlsx")).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words, ["data/inbox/polisen/logg.xlsx", "new", "5", "1", "1"]);
    assert!(
        out.stdout
            .contains("Logg 2019 row 7: Okänd aktivitet \"Trygghetsvandrig\". Menade du Trygghetsvandring?")
    );
    assert!(out.stdout.contains(
        "1 file: 1 new, 0 changed, 0 unchanged, 0 refused, 0 duplicate, 0 missing; 5 activities, 1 row error."
    ));
}

/// The committed fixtures, saved by LibreOffice (ods, xls, xlsx) and by rust_xlsxwriter (xlsx):
/// the same content must give the same activities and the same errors in every format.
#[test]
fn messy_fixture_in_every_format() {
    for name in ["messy.xlsx", "messy-libreoffice.xlsx", "messy.ods", "messy.xls"] {
        let env = Env::new();
        env.fixture(name, &format!("data/inbox/kommun/{name}"));
        let report = env.ingest();
        assert_eq!(status(&report, name), ("new".into(), 10, 6), "{name}");
        let rows: Vec<String> =
            env.activities().iter().map(|a| a.split_once('|').unwrap().1.to_owned()).collect();
        assert_eq!(
            rows,
            [
                "Kommun|2|2019-02-07|grannsamverkan|1|Sangis|Polisen|",
                "Kommun|3|2019-03-15|kommunikation|1|Facebook||",
                "Kommun|4|2019-04-25|trygghetsvandring|2|Sangis|Polisen; Grannsamverkan Sangis|",
                "Logg|5|2019-01-15|medborgarkontakt|2|Torget||",
                "Logg|6|2019-04-02|trafiksakerhetsinsats|1|Strandgatan||A-traktor, Kvällstid",
                "Logg|7|2019-03-05|medborgarkontakt|3|Kalix resecentrum||",
                "Logg|8|2019-06-12|narkotikainsats|1|Kalix centrum|Socialtjänsten; skolan|",
                "Logg|12|2019-09-26|trygghetsvandring|1|Töre|Kalix kommun och grannsamverkan Töre|",
                "Logg|14|2019-07-01|kommunikation|0|Facebook||",
                "Logg|18|2019-12-03|tidig-insats|1|Manhemsskolan|Polisen och socialtjänsten|ANDTS",
            ],
            "{name}"
        );
        let problems: Vec<String> =
            env.problems().iter().map(|p| p.split_once('|').unwrap().1.to_owned()).collect();
        assert_eq!(
            problems,
            [
                "row|Logg|9|number_as_date|Datumcellen innehåller talet 43528, inte ett datum. Formatera cellen som datum eller skriv t.ex. 2019-03-05.",
                "row|Logg|10|missing_date|Datum saknas. Fyll i dagen då aktiviteten genomfördes, t.ex. 2019-03-05.",
                "row|Logg|11|unknown_activity|Okänd aktivitet \"Medborgarkontakr\". Menade du Medborgarkontakt?",
                "row|Logg|15|bad_count|Antal \"två\" är inte ett heltal som är 0 eller större. Skriv t.ex. 1, 2 eller 3.",
                "row|Logg|16|bad_count|Antal \"-1\" är inte ett heltal som är 0 eller större. Skriv t.ex. 1, 2 eller 3.",
                "row|Logg|17|bad_count|Antal \"2.5\" är inte ett heltal som är 0 eller större. Skriv t.ex. 1, 2 eller 3.",
                "sheet|Anteckningar||sheet_skipped|Bladet \"Anteckningar\" saknar kolumnerna Datum och Aktivitet och lästes inte.",
            ],
            "{name}"
        );
    }
}

#[test]
fn sample_data_is_read() {
    let env = Env::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in [
        "data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx",
        "data/inbox/kommun/kommunen-aktivitetslogg-2019.ods",
    ] {
        env.write(rel, &std::fs::read(root.join(rel)).unwrap());
    }
    let report = env.ingest();
    assert_eq!(status(&report, "polisen-aktivitetslogg-2019.xlsx"), ("new".into(), 75, 2));
    assert_eq!(status(&report, "kommunen-aktivitetslogg-2019.ods"), ("new".into(), 23, 0));
    let db = env.db();
    let contacts: i64 = db
        .query_row("SELECT SUM(count) FROM activities WHERE activity = 'medborgarkontakt'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contacts, 172);
}

#[test]
fn resaved_file_replaces_its_rows() {
    let env = Env::new();
    let rel = "data/inbox/polisen/logg.xlsx";
    env.log(rel, &[("2019-01-07", "Medborgarkontakt", 3), ("2019-01-08", "Medborgarkontakr", 1)]);
    let first = env.ingest();
    assert_eq!(status(&first, "logg.xlsx"), ("new".into(), 1, 1));

    // Corrected and extended, re-saved under the same name.
    env.log(
        rel,
        &[
            ("2019-01-07", "Medborgarkontakt", 3),
            ("2019-01-08", "Medborgarkontakt", 1),
            ("2019-01-09", "Kommunikation", 1),
        ],
    );
    let second = env.ingest();
    assert_eq!(status(&second, "logg.xlsx"), ("changed".into(), 3, 0));
    assert_eq!(
        env.activities(),
        [
            "logg.xlsx|Logg|2|2019-01-07|medborgarkontakt|3|||",
            "logg.xlsx|Logg|3|2019-01-08|medborgarkontakt|1|||",
            "logg.xlsx|Logg|4|2019-01-09|kommunikation|1|||",
        ]
    );
    assert!(env.problems().is_empty());
}

#[test]
fn unchanged_files_are_not_read_again() {
    let env = Env::new();
    let rel = "data/inbox/polisen/logg.xlsx";
    env.log(rel, &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    let ids = |env: &Env| -> Vec<i64> {
        let db = env.db();
        let mut s = db.prepare("SELECT id FROM activities").unwrap();
        s.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let before = ids(&env);
    assert_eq!(status(&env.ingest(), "logg.xlsx"), ("unchanged".into(), 1, 0));
    // Same bytes with a new modification time (copied over itself): the hash decides.
    let bytes = std::fs::read(env.path(rel)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    env.write(rel, &bytes);
    assert_eq!(status(&env.ingest(), "logg.xlsx"), ("unchanged".into(), 1, 0));
    assert_eq!(ids(&env), before, "rows were not rewritten");
}

#[test]
fn identical_copy_under_another_name_counts_once() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    let bytes = std::fs::read(env.path("data/inbox/polisen/logg.xlsx")).unwrap();
    env.write("data/inbox/kommun/kopia av logg.xlsx", &bytes);
    let report = env.ingest();
    assert_eq!(status(&report, "kopia av logg.xlsx"), ("duplicate".into(), 0, 0));
    assert_eq!(file(&report, "kopia av logg.xlsx")["duplicate_of"], "data/inbox/polisen/logg.xlsx");
    assert_eq!(env.activities().len(), 1);
    assert_eq!(status(&env.ingest(), "kopia av logg.xlsx"), ("unchanged".into(), 0, 0));

    // The original changes: the copy is no longer identical, is read, and counts on its own.
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-02-07", "Kommunikation", 1)]);
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("changed".into(), 1, 0));
    assert_eq!(status(&report, "kopia av logg.xlsx"), ("reread".into(), 1, 0));
    assert_eq!(env.activities().len(), 2);
}

#[test]
fn a_missing_file_keeps_its_rows_and_is_reported() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.log("data/inbox/polisen/annan.xlsx", &[("2019-01-08", "Kommunikation", 1)]);
    env.ingest();
    env.remove("data/inbox/polisen/logg.xlsx");
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("missing".into(), 1, 0));
    assert_eq!(env.activities().len(), 2, "rows of a missing file still count");
    let out = env.run(&["ingest"]);
    assert!(out.stdout.contains("gone from its folder; its 1 row still counts"), "{}", out.stdout);

    // Back again, unchanged: it is simply present again.
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    let report = env.ingest();
    assert_ne!(file(&report, "logg.xlsx")["status"], "missing");
    assert_eq!(env.activities().len(), 2);
}

#[test]
fn an_unlisted_folder_does_not_make_files_missing() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    // The share is not mounted: the folder is gone. Nothing is marked missing.
    std::fs::rename(env.path("data/inbox/polisen"), env.path("data/inbox/polisen-bort")).unwrap();
    let report = env.ingest();
    assert!(report["sources"][0]["error"].as_str().unwrap().contains("does not exist"));
    assert!(report["files"].as_array().unwrap().is_empty(), "{report:#}");
    let out = env.run(&["ingest"]);
    assert!(out.stdout.contains("warning: source polisen: folder"), "{}", out.stdout);
    assert_eq!(env.activities().len(), 1);
}

#[test]
fn a_moved_file_keeps_its_rows() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    std::fs::create_dir_all(env.path("data/inbox/polisen/arkiv")).unwrap();
    std::fs::rename(
        env.path("data/inbox/polisen/logg.xlsx"),
        env.path("data/inbox/polisen/arkiv/logg 2019.xlsx"),
    )
    .unwrap();
    let report = env.ingest();
    assert_eq!(status(&report, "logg 2019.xlsx"), ("moved".into(), 1, 0));
    assert_eq!(file(&report, "logg 2019.xlsx")["moved_from"], "data/inbox/polisen/logg.xlsx");
    assert_eq!(env.activities(), ["logg 2019.xlsx|Logg|2|2019-01-07|medborgarkontakt|3|||"]);
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "the old path is not reported missing");
}

#[test]
fn a_new_alias_rereads_unchanged_files() {
    let env = Env::new();
    env.log(
        "data/inbox/polisen/logg.xlsx",
        &[("2019-01-07", "Medborgarkontakt", 3), ("2019-01-08", "Fotpatrull", 1)],
    );
    assert_eq!(status(&env.ingest(), "logg.xlsx"), ("new".into(), 1, 1));
    env.edit_config(
        "aliases = [\"Medborgarkontakter\", \"Medborgardialog\"]",
        "aliases = [\"Medborgarkontakter\", \"Medborgardialog\", \"Fotpatrull\"]",
    );
    assert_eq!(status(&env.ingest(), "logg.xlsx"), ("reread".into(), 2, 0));
    assert!(env.problems().is_empty());
}

#[test]
fn xlsx_sheet_with_header_in_row_one_and_nothing_else() {
    let env = Env::new();
    env.xlsx("data/inbox/kommun/tom.xlsx", |wb| {
        header(wb.add_worksheet(), 0);
    });
    let report = env.ingest();
    assert_eq!(status(&report, "tom.xlsx"), ("new".into(), 0, 0));
}

#[test]
fn an_unknown_activity_is_advised_with_the_configs_own_first_activity() {
    let env = Env::new();
    env.edit_config(
        "id = \"medborgarkontakt\"\nname = \"Medborgarkontakt\"",
        "id = \"medborgarkontakt\"\nname = \"Samtal med invånare\"",
    );
    env.log("data/inbox/polisen/logg.xlsx", &[("2019-03-05", "Fotbollsturnering", 1)]);
    let out = env.run(&["ingest"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "Okänd aktivitet \"Fotbollsturnering\". Använd ett av aktivitetsnamnen i konfigurationen (t.ex. Samtal med invånare)."
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Medborgarkontakt"), "{}", out.stdout);
}
