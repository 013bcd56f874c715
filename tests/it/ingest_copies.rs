//! Copies, moves and disappearances in combination: the same content never counts twice, and
//! content that still counts is never dropped.

use crate::support::{Env, file, status};

const LOG: &str = "data/inbox/polisen/logg.xlsx";

fn env_with_log() -> Env {
    let env = Env::new();
    env.log(LOG, &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    env
}

fn copy(env: &Env, from: &str, to: &str) {
    env.write(to, &std::fs::read(env.path(from)).unwrap());
}

#[test]
fn a_copy_takes_the_place_of_its_original_when_the_original_is_deleted() {
    let env = env_with_log();
    copy(&env, LOG, "data/inbox/polisen/logg - Kopia.xlsx");
    env.ingest();
    env.remove(LOG);
    let report = env.ingest();
    // Not "missing … its rows still count" on every run: the rows are the copy's now.
    assert!(
        report["files"].as_array().unwrap().iter().all(|f| f["path"] != "data/inbox/polisen/logg.xlsx"),
        "{report}"
    );
    assert_eq!(status(&report, "logg - Kopia.xlsx"), ("moved".into(), 1, 0));
    assert_eq!(file(&report, "logg - Kopia.xlsx")["moved_from"], "data/inbox/polisen/logg.xlsx");
    assert_eq!(env.activities().len(), 1, "its rows count once");
    let again = env.ingest();
    assert_eq!(status(&again, "logg - Kopia.xlsx").0, "unchanged");
    // The activities cite the file that is there.
    let explain = env.run(&["explain", "medborgarkontakter", "--as-of", "2019-01-31"]).stdout;
    assert!(explain.contains("logg - Kopia.xlsx") && !explain.contains("polisen/logg.xlsx"), "{explain}");
}

#[test]
fn of_identical_files_found_together_the_one_not_named_as_a_copy_counts() {
    let env = Env::new();
    env.log(LOG, &[("2019-01-07", "Medborgarkontakt", 3)]);
    for name in ["logg - Kopia.xlsx", "Copy of logg.xlsx", "logg (1).xlsx"] {
        copy(&env, LOG, &format!("data/inbox/polisen/{name}"));
    }
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("new".into(), 1, 0));
    for name in ["logg - Kopia.xlsx", "Copy of logg.xlsx", "logg (1).xlsx"] {
        assert_eq!(status(&report, name).0, "duplicate", "{name}");
        assert_eq!(file(&report, name)["duplicate_of"], "data/inbox/polisen/logg.xlsx", "{name}");
    }
    // Deleting the copies loses nothing and leaves nothing missing.
    for name in ["logg - Kopia.xlsx", "Copy of logg.xlsx", "logg (1).xlsx"] {
        env.remove(&format!("data/inbox/polisen/{name}"));
    }
    let report = env.ingest();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(env.activities().len(), 1);
}

#[test]
fn a_copy_that_was_there_first_keeps_counting_until_it_is_deleted_then_the_original_does() {
    let env = Env::new();
    env.log("data/inbox/polisen/logg - Kopia.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    env.ingest();
    copy(&env, "data/inbox/polisen/logg - Kopia.xlsx", LOG);
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx").0, "duplicate", "the one there first counts");
    env.remove("data/inbox/polisen/logg - Kopia.xlsx");
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("moved".into(), 1, 0));
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "nothing missing: {report}");
}

#[test]
fn a_restored_backup_of_a_version_that_still_counts_is_a_copy() {
    let env = env_with_log();
    let v1 = std::fs::read(env.path(LOG)).unwrap();
    env.write(LOG, &v1[..v1.len() / 2]); // a broken re-save: refused, V1 keeps counting
    assert_eq!(status(&env.ingest(), "logg.xlsx").0, "refused");
    env.write("data/inbox/polisen/logg (återställd).xlsx", &v1);
    let report = env.ingest();
    assert_eq!(status(&report, "logg (återställd).xlsx").0, "duplicate");
    assert_eq!(env.activities().len(), 1);
}

#[test]
fn a_copy_that_comes_back_is_a_copy_again_and_counts_when_the_original_changes() {
    let env = env_with_log();
    copy(&env, LOG, "data/inbox/kommun/kopia.xlsx");
    env.ingest();
    let bytes = std::fs::read(env.path("data/inbox/kommun/kopia.xlsx")).unwrap();
    env.remove("data/inbox/kommun/kopia.xlsx");
    env.ingest();
    env.write("data/inbox/kommun/kopia.xlsx", &bytes);
    assert_eq!(status(&env.ingest(), "kopia.xlsx").0, "duplicate");
    env.log(LOG, &[("2019-02-01", "Kommunikation", 1)]);
    env.ingest();
    assert_eq!(env.activities().len(), 2, "{:?}", env.activities());
}

#[test]
fn a_copy_that_sorts_before_its_original_follows_it_in_the_same_run() {
    let env = env_with_log();
    copy(&env, LOG, "data/inbox/polisen/kopia av logg.xlsx");
    env.ingest();
    // The original re-saved without its row: the copy, named as one, does not bring the row back.
    env.log(LOG, &[("2019-02-01", "Kommunikation", 1)]);
    let report = env.ingest();
    assert_eq!(status(&report, "logg.xlsx"), ("changed".into(), 1, 0));
    assert_eq!(status(&report, "kopia av logg.xlsx"), ("refused".into(), 0, 0));
    assert_eq!(env.activities().len(), 1, "{:?}", env.activities());
}

#[test]
fn a_file_moved_while_the_names_changed_is_read_again_in_place() {
    let env = env_with_log();
    env.edit_config(
        "aliases = [\"Medborgarkontakter\", \"Medborgardialog\"]",
        "aliases = [\"Medborgarkontakter\"]",
    );
    std::fs::rename(env.path(LOG), env.path("data/inbox/polisen/logg-2019.xlsx")).unwrap();
    let report = env.ingest();
    assert_eq!(status(&report, "logg-2019.xlsx"), ("reread".into(), 1, 0));
    assert_eq!(file(&report, "logg-2019.xlsx")["moved_from"], LOG);
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(env.activities().len(), 1);
}

#[test]
fn identical_unreadable_files_are_each_refused_with_a_reason() {
    let env = Env::new();
    env.write("data/inbox/polisen/trasig.xlsx", b"PK\x03\x04 not really a zip");
    env.write("data/inbox/kommun/trasig kopia.xlsx", b"PK\x03\x04 not really a zip");
    let report = env.ingest();
    for name in ["trasig.xlsx", "trasig kopia.xlsx"] {
        let f = file(&report, name);
        assert_eq!(f["status"], "refused", "{f:#}");
        assert!(f["refusal"].as_str().unwrap().starts_with("Filen är skadad"));
    }
    // Gone again: a refused file that never counted leaves nothing behind.
    env.remove("data/inbox/polisen/trasig.xlsx");
    let report = env.ingest();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

#[test]
fn a_windows_copy_that_differs_from_its_original_waits_told_to_its_keeper_and_takes_over_when_the_original_goes()
 {
    const COPY: &str = "data/inbox/polisen/logg - Kopia.xlsx";
    let env = env_with_log();
    copy(&env, LOG, COPY);
    assert_eq!(status(&env.ingest(), "logg - Kopia.xlsx").0, "duplicate");
    // The original is re-saved with a second row: the copy is no longer byte-identical. Its row
    // would count twice: it is refused, with the reason, and the original alone counts.
    env.log(LOG, &[("2019-01-07", "Medborgarkontakt", 3), ("2019-01-14", "Medborgarkontakt", 2)]);
    let report = env.ingest();
    assert_eq!(status(&report, "logg - Kopia.xlsx").0, "refused", "{report}");
    let why = file(&report, "logg - Kopia.xlsx")["refusal"].as_str().unwrap().to_owned();
    assert!(why.contains("Filen ser ut att vara en kopia av logg.xlsx i samma mapp"), "{why}");
    assert!(why.contains("ta bort eller flytta logg.xlsx, så räknas kopian i stället"), "{why}");
    assert_eq!(env.activities().len(), 2, "{:?}", env.activities());
    // It stays so while the original is there (and is not called a copy of the same content), and
    // its keeper is told once.
    let again = env.ingest();
    assert_eq!(status(&again, "logg - Kopia.xlsx").0, "refused");
    assert!(file(&again, "logg - Kopia.xlsx")["duplicate_of"].is_null(), "{again:#}");
    assert!(!env.run(&["ingest"]).stdout.contains("same content as"));
    let out = env.run(&["notify", "--as-of", "2019-01-21"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let told = env.run(&["outbox", "--json"]).stdout;
    assert!(told.contains("data_quality/polisen/"), "{told}");
    // The chiefs' digest says what is wrong, not what the log keeper is to do about it.
    let digests: Vec<String> = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .map(|e| env.mail_text(&std::fs::read(e.unwrap().path()).unwrap()))
        .filter(|t| t.contains("Subject: Medborgarlöften Kalix kommun: veckoöversikt"))
        .collect();
    assert!(!digests.is_empty());
    for d in &digests {
        assert!(
            d.contains("Filen ser ut att vara en kopia av logg.xlsx") && !d.contains("ta bort eller flytta"),
            "{d}"
        );
    }
    // The keeper works in the copy and deletes the original: the copy's rows replace the
    // original's (not both: the original's rows do not keep counting as missing).
    env.log(COPY, &[("2019-01-07", "Medborgarkontakt", 3), ("2019-01-21", "Medborgarkontakt", 4)]);
    env.ingest();
    env.remove(LOG);
    let report = env.ingest();
    assert_eq!(status(&report, "logg - Kopia.xlsx"), ("changed".into(), 2, 0), "{report}");
    assert_eq!(file(&report, "logg - Kopia.xlsx")["moved_from"], "data/inbox/polisen/logg.xlsx");
    assert!(
        report["files"].as_array().unwrap().iter().all(|f| f["path"] != "data/inbox/polisen/logg.xlsx"),
        "nothing missing: {report}"
    );
    let rows = env.activities();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.starts_with("logg - Kopia.xlsx|")), "{rows:?}");
}

#[test]
fn a_copy_by_name_that_is_deleted_leaves_the_original_counting_alone() {
    let env = env_with_log();
    env.log(
        "data/inbox/polisen/logg (1).xlsx",
        &[("2019-01-07", "Medborgarkontakt", 3), ("2019-02-04", "Medborgarkontakt", 1)],
    );
    assert_eq!(status(&env.ingest(), "logg (1).xlsx").0, "refused");
    env.remove("data/inbox/polisen/logg (1).xlsx");
    let report = env.ingest();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "forgotten, nothing missing: {report}");
    assert_eq!(env.activities().len(), 1);
}
