//! Files that cannot be read are refused with a Swedish reason, and the run goes on.

use crate::support::{Env, status};

/// The refusal text of a file in the report.
fn refusal(report: &serde_json::Value, name: &str) -> String {
    crate::support::refused(report, name)["refusal"].as_str().unwrap().to_owned()
}

fn env_with_good_log() -> Env {
    Env::with_good_log()
}

#[test]
fn broken_empty_and_disguised_files() {
    let env = env_with_good_log();
    let good = std::fs::read(env.path("data/inbox/polisen/bra.xlsx")).unwrap();
    env.write("data/inbox/kommun/avbruten.xlsx", &good[..good.len() / 2]);
    env.write("data/inbox/kommun/tom.xlsx", b"");
    env.write(
        "data/inbox/kommun/export.xlsx",
        "Datum;Aktivitet;Antal\n2019-01-01;Medborgarkontakt;1\n".as_bytes(),
    );
    env.write(
        "data/inbox/kommun/webb.xls",
        b"<html><body><table><tr><td>Datum</td></tr></table></body></html>",
    );
    env.write("data/inbox/kommun/logg.csv", b"Datum;Aktivitet\n");
    let report = env.ingest();

    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    // The reason in Swedish; the zip reader's own (English) words apart, for the command line and the log.
    assert_eq!(
        refusal(&report, "avbruten.xlsx"),
        "Filen är skadad eller ofullständig och kunde inte öppnas. Spara om den och lägg in den igen."
    );
    let detail =
        crate::support::file(&report, "avbruten.xlsx")["refusal_detail"].as_str().unwrap().to_owned();
    assert!(detail.starts_with("zip:"), "{detail}");
    let table = env.run(&["ingest"]).stdout;
    assert!(table.contains(&format!("    detail: {detail}")), "{table}");
    assert_eq!(
        refusal(&report, "tom.xlsx"),
        "Filen är tom (0 byte). Spara om den från Excel eller LibreOffice."
    );
    assert_eq!(
        refusal(&report, "export.xlsx"),
        "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara en textfil (t.ex. CSV). \
         Öppna den i Excel eller LibreOffice och spara som .xlsx eller .ods."
    );
    assert!(refusal(&report, "webb.xls").contains("en webbsida (HTML)"));
    assert_eq!(
        refusal(&report, "logg.csv"),
        "Filtypen .csv läses inte. Spara loggen som .xlsx, .xlsm, .xlsb, .xls eller .ods."
    );
    // Refusals are stored as file-level problems, and a re-scan does not read them again.
    let stored = env.problems();
    assert_eq!(stored.iter().filter(|p| p.contains("|file||")).count(), 5, "{stored:#?}");
    let changed = |env: &Env| -> String {
        env.db()
            .query_row("SELECT last_changed FROM files WHERE path LIKE '%tom.xlsx'", [], |r| r.get(0))
            .unwrap()
    };
    let before = changed(&env);
    let again = env.ingest();
    // Still refused, and said so on every scan (not "unchanged"), without being read again.
    assert_eq!(status(&again, "tom.xlsx").0, "refused");
    assert!(crate::support::file(&again, "tom.xlsx")["refusal"].as_str().is_some());
    assert_eq!((changed(&env), env.problems()), (before, stored));
}

#[test]
fn password_protected_workbooks() {
    let env = env_with_good_log();
    for name in ["password.xlsx", "password.ods", "password.xls"] {
        env.fixture(name, &format!("data/inbox/kommun/{name}"));
    }
    let report = env.ingest();
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    for name in ["password.xlsx", "password.ods", "password.xls"] {
        assert_eq!(
            refusal(&report, name),
            "Filen är lösenordsskyddad. Spara en kopia utan lösenord i mappen.",
            "{name}"
        );
    }
}

#[test]
fn workbooks_without_a_usable_sheet() {
    let env = env_with_good_log();
    env.xlsx("data/inbox/kommun/anteckningar.xlsx", |wb| {
        wb.add_worksheet().write_string(0, 0, "Bara anteckningar").unwrap();
    });
    // Files saved by Microsoft Excel (xlsb and xls): real workbooks, but not activity logs.
    env.fixture("excel-made.xlsb", "data/inbox/kommun/excel-made.xlsb");
    env.fixture("excel-made.xls", "data/inbox/kommun/excel-made.xls");
    let report = env.ingest();
    for name in ["anteckningar.xlsx", "excel-made.xlsb", "excel-made.xls"] {
        assert_eq!(
            refusal(&report, name),
            "Inget blad i filen har kolumnerna Datum och Aktivitet. Kontrollera rubrikraden.",
            "{name}"
        );
    }
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}

#[test]
fn zip_bomb_is_refused_by_unpacked_size() {
    let env = env_with_good_log();
    env.edit_config("max_unpacked_mb = 1024", "max_unpacked_mb = 1");
    // 40,000 distinct strings: the shared strings part unpacks to about 2 MB.
    env.xlsx("data/inbox/kommun/stor.xlsx", |wb| {
        let ws = wb.add_worksheet();
        crate::support::header(ws, 0);
        for r in 1..40_000u32 {
            ws.write_string(r, 3, format!("Plats nummer {r:>10} med en lång beskrivning")).unwrap();
        }
    });
    let report = env.ingest();
    assert_eq!(
        refusal(&report, "stor.xlsx"),
        "Filen blir större än 1 MB när den packas upp och lästes därför inte. Kontrollera att det är rätt fil."
    );
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}

#[test]
fn too_many_rows_is_refused() {
    let env = env_with_good_log();
    env.edit_config("max_rows = 1048576", "max_rows = 5");
    let rows: Vec<(&str, &str, u32)> = (0..10).map(|_| ("2019-01-07", "Medborgarkontakt", 1)).collect();
    env.log("data/inbox/kommun/lang.xlsx", &rows);
    let report = env.ingest();
    assert_eq!(refusal(&report, "lang.xlsx"), "Bladet \"Logg\" har fler än 5 rader och lästes därför inte.");
    // Nothing of a refused file is half-stored.
    assert!(env.activities().iter().all(|a| a.starts_with("bra.xlsx")));
}

#[test]
fn xls_and_ods_sheets_spanning_too_many_cells_are_refused_before_loading() {
    let env = env_with_good_log();
    env.edit_config("max_cells = 4000000", "max_cells = 100");
    env.fixture("messy.ods", "data/inbox/kommun/messy.ods");
    env.fixture("messy.xls", "data/inbox/kommun/messy.xls");
    let report = env.ingest();
    // Sheet "Logg" spans A1:I19 (171 cells), "Anteckningar" A1:A3 (3), "Kommun" A1:H4 (32); calamine
    // lays out an xls sheet's formulas in a grid of their own (the one Summa formula: 1 more).
    for (name, cells) in [("messy.ods", 206), ("messy.xls", 207)] {
        assert_eq!(
            refusal(&report, name),
            format!(
                "Filens blad spänner tillsammans över {cells} celler (gränsen är 100), mest bladet \"Logg\"; \
                 troligen finns något långt ut i bladet. Ta bort tomma rader och kolumner efter tabellen och spara om."
            ),
            "{name}"
        );
    }
}

#[test]
fn a_refused_resave_keeps_the_previous_rows() {
    let env = env_with_good_log();
    let rel = "data/inbox/polisen/bra.xlsx";
    env.ingest();
    let good = std::fs::read(env.path(rel)).unwrap();
    env.write(rel, &good[..good.len() - 100]);
    let report = env.ingest();
    assert!(refusal(&report, "bra.xlsx").starts_with("Filen är skadad"));
    assert_eq!(crate::support::file(&report, "bra.xlsx")["rows_read"], 1);
    assert_eq!(env.activities(), ["bra.xlsx|Logg|2|2019-01-07|medborgarkontakt|3|||"]);
    let out = env.run(&["ingest"]);
    assert!(out.stdout.contains("the previous version's 1 rows still count"), "{}", out.stdout);

    // Fixed: read again, the refusal is gone.
    env.write(rel, &good);
    let report = env.ingest();
    assert_eq!(status(&report, "bra.xlsx"), ("changed".into(), 1, 0));
    assert!(env.problems().is_empty(), "{:?}", env.problems());
}

#[test]
fn lock_files_are_passed_over() {
    let env = env_with_good_log();
    env.write("data/inbox/polisen/~$bra.xlsx", b"owner lock");
    env.write("data/inbox/polisen/.~lock.bra.xlsx#", b"lock");
    let report = env.ingest();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{report:#}");
}

/// Damaged copies of every fixture (bytes flipped, cut short): each is read or refused, none stops
/// the run, and the good log beside them is read. A deterministic generator makes the damage.
#[test]
fn damaged_files_never_stop_the_run() {
    let env = env_with_good_log();
    let mut rng = crate::support::Rng(0x5EED_2019);
    let mut next = move || rng.next();
    let fixtures = ["messy.xlsx", "messy.ods", "messy.xls", "messy-libreoffice.xlsx", "excel-made.xlsb"];
    let mut names = Vec::new();
    for name in fixtures {
        let original =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name))
                .unwrap();
        let ext = name.rsplit('.').next().unwrap();
        for i in 0..24 {
            let mut bytes = original.clone();
            if i % 3 == 0 {
                bytes.truncate(next() % bytes.len());
            } else {
                for _ in 0..(1 + i) {
                    let at = next() % bytes.len();
                    bytes[at] = next() as u8;
                }
            }
            let file = format!("skadad-{i:02}-{}.{ext}", name.replace('.', "-"));
            env.write(&format!("data/inbox/kommun/{file}"), &bytes);
            names.push(file);
        }
    }
    let report = env.ingest();
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    assert_eq!(report["files"].as_array().unwrap().len(), names.len() + 1);
    for name in &names {
        let f = crate::support::file(&report, name);
        match f["status"].as_str().unwrap() {
            "refused" => assert!(!f["refusal"].as_str().unwrap().is_empty()),
            "new" | "duplicate" => {}
            other => panic!("{name}: {other}"),
        }
    }
    let refused = report["files"].as_array().unwrap().iter().filter(|f| f["status"] == "refused").count();
    eprintln!("damaged files: {} refused of {}", refused, names.len());
}

/// An xls whose DIMENSIONS record claims a billion rows: calamine would reserve terabytes before
/// reading a cell (an allocation failure aborts the process). It is refused before calamine sees it.
#[test]
fn xls_with_forged_dimensions_is_refused_not_fatal() {
    let env = env_with_good_log();
    let mut bytes =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/messy.xls"))
            .unwrap();
    // The DIMENSIONS record of sheet "Logg": rows 0..19, columns 0..9.
    let record = [0x00, 0x02, 0x0e, 0x00, 0, 0, 0, 0, 0x13, 0, 0, 0, 0, 0, 0x09, 0, 0, 0];
    let at = bytes.windows(record.len()).position(|w| w == record).expect("DIMENSIONS of Logg");
    bytes[at + 8..at + 12].copy_from_slice(&0x4000_0000u32.to_le_bytes());
    env.write("data/inbox/kommun/jatte.xls", &bytes);
    let report = env.ingest();
    assert!(
        refusal(&report, "jatte.xls")
            .starts_with("Filens blad spänner tillsammans över 9\u{a0}663\u{a0}676\u{a0}4"),
        "{report:#}"
    );
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}

/// Links to folders are not followed: two links to the folder itself would make the walk endless.
#[test]
fn links_to_folders_are_not_followed() {
    let env = env_with_good_log();
    let dir = env.path("data/inbox/polisen");
    std::os::unix::fs::symlink(&dir, dir.join("a")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("b")).unwrap();
    let report = env.ingest();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}
