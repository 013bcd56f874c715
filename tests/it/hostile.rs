//! Hostile input and hard faults (issue 14): no file, cell, config value or fault stops the service
//! or floods a person. The files are in `tests/fixtures/hostile/`, made by `make.py` there.

use crate::support::{Env, status};

fn env_with_good_log() -> Env {
    Env::with_good_log()
}

fn hostile(env: &Env, name: &str) {
    env.fixture(&format!("hostile/{name}"), &format!("data/inbox/kommun/{name}"));
}

#[test]
fn an_xls_whose_forged_dimensions_would_reserve_a_terabyte_is_refused_and_the_run_goes_on() {
    let env = env_with_good_log();
    hostile(&env, "forged-dimensions.xls");
    let report = env.ingest();
    let f = crate::support::refused(&report, "forged-dimensions.xls");
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
    let f = crate::support::refused(&report, "huge-dimensions.xls");
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
        table.stdout.contains("300 cells longer than 1000 characters kept shortened"),
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
    let f = crate::support::refused(&report, "oversized-text.xlsx");
    assert_eq!(
        f["refusal"],
        "Filen innehåller en text som är längre än någon cell kan rymma och lästes därför inte; den är troligen skadad. \
         Spara om den från Excel eller LibreOffice, eller lägg in en tidigare version av loggen."
    );
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

/// The store, the mails and the reports hold names, addresses and the follow-up before it is
/// public; under umask 000 they were 666 for anyone to read. They are the service's user's and
/// group's, whatever the umask, and a store left readable by an older version is made private.
#[test]
fn files_holding_personal_data_are_private_whatever_the_umask() {
    let env = Env::new();
    env.sample();
    let config = env.path("config.toml");
    let out = std::process::Command::new("sh")
        .args(["-c", "umask 000; exec \"$@\"", "sh", env!("CARGO_BIN_EXE_pledgewatch")])
        .arg("--config")
        .arg(&config)
        .args(["once", "--now", "2020-02-03 08:00"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files = vec![env.path("data/pledgewatch.sqlite")];
    for dir in ["data/outbox", "data/reports"] {
        assert_eq!(mode(&env.path(dir)), 0o750, "{dir}");
        let found: Vec<_> = std::fs::read_dir(env.path(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        assert!(!found.is_empty(), "{dir} is empty");
        files.extend(found);
    }
    for f in &files {
        assert_eq!(mode(f), 0o640, "{}", f.display());
    }

    use std::os::unix::fs::PermissionsExt;
    let store = env.path("data/pledgewatch.sqlite");
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(env.run(&["status"]).code, 0);
    assert_eq!(mode(&store), 0o640);
}

/// On a full disk each pass left 15 empty .eml files, which stayed when space returned. A mail is
/// written under a temporary name, synced and renamed: a write that fails leaves nothing, and the
/// mail goes once the folder can take it. (A write failing halfway: `durable::tests`.)
#[test]
fn a_mail_that_cannot_be_written_leaves_no_file_and_goes_once_it_can() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.sample();
    let outbox = env.path("data/outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    std::fs::set_permissions(&outbox, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = env.run_unprivileged(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_dir(&outbox).unwrap().count(), 0);
    let listed = env.run_unprivileged(&["outbox"]);
    assert!(listed.stdout.contains("cannot write the message"), "{}", listed.stdout);

    std::fs::set_permissions(&outbox, std::fs::Permissions::from_mode(0o750)).unwrap();
    let out = env.run_unprivileged(&["once", "--now", "2019-10-14 09:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let names: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.ends_with(".eml") && !n.starts_with('.')),
        "{names:?}"
    );
    for n in &names {
        assert!(std::fs::metadata(outbox.join(n)).unwrap().len() > 500, "{n} is nearly empty");
    }
    let queued = env.run_unprivileged(&["outbox", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&queued.stdout).unwrap();
    let sent = rows.as_array().unwrap().iter().filter(|r| r["state"] == "sent").count();
    assert_eq!(sent, names.len(), "each mail written once: {}", queued.stdout);
}

/// A store file that was emptied was taken for a new one: every mail went again, the follow-up to
/// the BRÅ chair included. Only an absent store is created; an empty or unreadable one stops every
/// verb with what to do (exit 74), and nothing is sent.
#[test]
fn an_empty_store_is_refused_and_nothing_is_sent_again() {
    let env = Env::new();
    env.sample();
    assert_eq!(env.run(&["once", "--now", "2020-02-03 08:00"]).code, 0);
    let sent = std::fs::read_dir(env.path("data/outbox")).unwrap().count();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(env.path(&format!("data/pledgewatch.sqlite{suffix}")));
    }
    env.write("data/pledgewatch.sqlite", b"");
    for verb in [&["once", "--now", "2020-02-10 08:00"][..], &["status"], &["outbox"], &["jobs"]] {
        let out = env.run(verb);
        assert_eq!(out.code, 74, "{verb:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("is empty (0 bytes)") && out.stderr.contains("Restore it from a backup"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), sent);
    assert_eq!(std::fs::metadata(env.path("data/pledgewatch.sqlite")).unwrap().len(), 0);
}

/// On a read-only disk `status`, `jobs` and `outbox` said "unable to open database file" and `once`
/// exited 75 (the code for "the daemon is running"). They say what is wrong, and exit 74.
#[test]
fn a_store_in_a_folder_the_service_cannot_write_is_named_with_what_to_check() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.sample();
    assert_eq!(env.run_unprivileged(&["once", "--now", "2019-10-14 07:00"]).code, 0);
    let data = env.path("data");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(env.path(&format!("data/pledgewatch.sqlite{suffix}")));
    }
    let outs: Vec<_> = [&["status"][..], &["jobs"], &["outbox"], &["once", "--now", "2019-10-14 09:00"]]
        .iter()
        .map(|verb| (verb.join(" "), env.run_unprivileged(verb)))
        .collect();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (verb, out) in outs {
        assert_eq!(out.code, 74, "{verb}: {}", out.stderr);
        assert!(out.stderr.contains("must be writable by this user"), "{verb}: {}", out.stderr);
    }
}

/// Links were followed out of the source folder (`/etc/shadow` was read and hashed; a spreadsheet
/// elsewhere counted its rows), and a link loop turned off missing-file detection. A link is
/// followed only to a file inside the folder; any other is refused with where it leads, and
/// nothing of it is read or stored.
#[test]
fn links_out_of_the_source_folder_or_to_nothing_are_refused_and_not_read() {
    use std::os::unix::fs::symlink;
    let env = env_with_good_log();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("annan-logg.xlsx");
    std::fs::copy(env.path("data/inbox/polisen/bra.xlsx"), &outside).unwrap();
    let kommun = env.path("data/inbox/kommun");
    symlink("/etc/passwd", kommun.join("passwd.xlsx")).unwrap();
    symlink(&outside, kommun.join("annan.xlsx")).unwrap();
    symlink(kommun.join("b.xlsx"), kommun.join("a.xlsx")).unwrap();
    symlink(kommun.join("a.xlsx"), kommun.join("b.xlsx")).unwrap();
    symlink(env.path("data/inbox/polisen/bra.xlsx"), env.path("data/inbox/polisen/a-genvag.xlsx")).unwrap();
    let report = env.ingest();
    for (name, target) in
        [("passwd.xlsx", "/etc/passwd".to_owned()), ("annan.xlsx", outside.display().to_string())]
    {
        let f = crate::support::refused(&report, name);
        assert_eq!(f["refusal_detail"].as_str(), Some(target.as_str()), "{f:#}");
        assert!(f["refusal"].as_str().unwrap().starts_with("Det här är en genväg (länk)"), "{f:#}");
    }
    for name in ["a.xlsx", "b.xlsx"] {
        let f = crate::support::file(&report, name);
        assert!(f["refusal_detail"].as_str().unwrap().contains("Too many levels of symbolic links"), "{f:#}");
    }
    // A link inside the folder is a copy, counted once (the log it leads to is the one that counts,
    // although the link's name sorts first).
    assert_eq!(crate::support::file(&report, "a-genvag.xlsx")["status"], "duplicate");
    assert_eq!(crate::support::file(&report, "bra.xlsx")["status"], "new");
    assert_eq!(env.activities().len(), 1, "{:?}", env.activities());
    let stored: i64 = env.db().query_row("SELECT count(*) FROM files", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 2, "only the good log and its link are stored");
    assert!(report["sources"].as_array().unwrap().iter().all(|s| s["error"].is_null()), "{report:#}");
    // The folder was fully listed, so a log taken away is missing.
    std::fs::remove_file(env.path("data/inbox/polisen/a-genvag.xlsx")).unwrap();
    std::fs::remove_file(env.path("data/inbox/polisen/bra.xlsx")).unwrap();
    let report = env.ingest();
    assert_eq!(crate::support::file(&report, "bra.xlsx")["status"], "missing");
}

/// A line break in a file name forged a line of the log and broke the ingest table. Names are
/// written with their escapes, in the table, in the log and in mails.
#[test]
fn a_line_break_in_a_file_name_is_written_as_its_escape() {
    let env = env_with_good_log();
    let forged = "data/inbox/kommun/logg\n2019-03-01T00:00:00Z  INFO all is well.xlsx";
    std::fs::copy(env.path("data/inbox/polisen/bra.xlsx"), env.path(forged)).unwrap();
    let out = env.run(&["ingest"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("logg\\n2019-03-01T00:00:00Z  INFO all is well.xlsx"), "{}", out.stdout);
    assert!(!out.stdout.lines().any(|l| l.starts_with("2019-03-01T00:00:00Z")), "{}", out.stdout);
    assert!(!out.stderr.lines().any(|l| l.starts_with("2019-03-01T00:00:00Z")), "{}", out.stderr);
}

/// The follow-up listed every row error: 300,000 bad rows made a PDF of 12,333 pages (2.5 GB to
/// make), mailed to the BRÅ chair. Its tables list 200 rows and count the rest.
#[test]
fn the_follow_up_lists_two_hundred_bad_rows_and_counts_the_rest() {
    let env = env_with_good_log();
    hostile(&env, "many-bad-rows.xlsx");
    env.ingest();
    let out = env.run(&["report", "--as-of", "2019-01-14"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_dir(env.path("data/reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "html") && !p.to_string_lossy().contains("sammanfattning")
        })
        .expect("the report's HTML");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("Ytterligare 4\u{a0}800 rader listas inte här."), "{}", html.display());
    assert!(
        text.matches("many-bad-rows.xlsx").count() <= 2 * 200 + 10,
        "{}",
        text.matches("many-bad-rows.xlsx").count()
    );
    let pdf = html.with_extension("pdf");
    assert!(
        std::fs::metadata(&pdf).unwrap().len() < 2 << 20,
        "the PDF is {} bytes",
        std::fs::metadata(&pdf).unwrap().len()
    );
}
