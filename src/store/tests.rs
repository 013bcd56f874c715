//! Upgrading a store: what earlier schemas wrote, the way those releases wrote it, read by this one:
//! problems as schema 6 stored them (code, detail JSON and the Swedish `message`), digests' figures as
//! schema 7 stored them (JSON through serde).

use rusqlite::Connection;

use super::{MIGRATIONS, Store, outbox};
use crate::messages::{Hints, problem, problem_and_advice};

/// A store of schema 6 holding, for one refused file, a row problem, a skipped sheet and its
/// refusal, plus a refusal of a kind this pledgewatch does not know, each as schema 6 stored it.
fn old_store(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    for (i, sql) in MIGRATIONS[..6].iter().enumerate() {
        conn.execute_batch(&format!("{sql}\nPRAGMA user_version = {};", i + 1)).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO files (id, source, path, size, mtime_ns, hash, state, fingerprint, counted_hash,
                            first_seen, last_seen, last_changed)
         VALUES (1, 'polisen', 'data/inbox/polisen/logg.xlsx', 10, 0, 'h2', 'refused', 'f', 'h1',
                 '2019-10-01T05:00:00Z', '2019-10-14T05:00:00Z', '2019-10-14T05:00:00Z'),
                (2, 'kommun', 'data/inbox/kommun/gammal.xls', 10, 0, 'h3', 'refused', 'f', NULL,
                 '2019-10-01T05:00:00Z', '2019-10-14T05:00:00Z', '2019-10-14T05:00:00Z');",
    )
    .unwrap();
    // As schema 6 wrote them; the last one by an early build, in a form this one cannot decode.
    conn.execute_batch(
        r#"INSERT INTO problems (id, file_id, level, sheet, row, code, detail, message, first_seen, date, activity)
         VALUES
         (1, 1, 'row', 'Logg', 12, 'unknown_activity',
          '{"code":"unknown_activity","value":"Medborgarkontakr","suggestion":"Medborgarkontakt"}',
          'Okänd aktivitet "Medborgarkontakr". Menade du Medborgarkontakt?',
          '2019-10-01T05:00:00Z', '2019-09-20', 'medborgarkontakt'),
         (2, 1, 'sheet', 'Anteckningar', NULL, 'sheet_skipped',
          '{"sheet":"Anteckningar","missing":["date","activity"]}',
          'Bladet "Anteckningar" saknar kolumnerna Datum och Aktivitet och lästes inte.',
          '2019-10-01T05:00:00Z', NULL, NULL),
         (3, 1, 'file', '', NULL, 'not_a_spreadsheet',
          '{"code":"not_a_spreadsheet","looks_like":"html"}',
          'Filen är inte ett kalkylark trots filändelsen; den ser ut att vara en webbsida (HTML). Öppna den i Excel eller LibreOffice och spara som .xlsx eller .ods.',
          '2019-10-01T05:00:00Z', NULL, NULL),
         (4, 2, 'file', '', NULL, 'not_a_spreadsheet',
          '{"code":"not_a_spreadsheet","looks_like":"a web page"}',
          'Filen är inte ett kalkylark; den ser ut att vara en webbsida.',
          '2019-10-01T05:00:00Z', NULL, NULL);"#,
    )
    .unwrap();
    conn
}

#[test]
fn problems_of_the_previous_schema_are_upgraded_and_read_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledgewatch.sqlite");
    let old = old_store(&path);
    // The keys as computed from the old rows (on a copy: the query reads the municipality, which
    // the old schema lacked and which is not part of a key).
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    let copied = Connection::open(&copy).unwrap();
    copied.execute_batch("ALTER TABLE problems ADD COLUMN municipality TEXT NOT NULL DEFAULT ''").unwrap();
    let old_keys = outbox::problem_refs(&copied).unwrap();
    let old_texts: Vec<(i64, String)> = old
        .prepare("SELECT id, message FROM problems ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(old);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    // The same sentences as stored before, now made from the data.
    let read: Vec<String> = [1, 2]
        .into_iter()
        .flat_map(|file| store.problems(file).unwrap())
        .map(|p| problem_and_advice(&p.reason, &Hints { activities: &[], year: 2019, municipalities: &[] }))
        .collect();
    let old_texts: Vec<String> = old_texts.into_iter().map(|(_, t)| t).collect();
    assert_eq!(read, old_texts);
    // The row error as the reconcile step and the follow-up see it: the problem without the advice.
    let log = store.log().unwrap();
    let [error] = &log.row_errors[..] else { panic!("{:?}", log.row_errors) };
    assert_eq!(problem(&error.reason), "Okänd aktivitet \"Medborgarkontakr\".");
    assert_eq!((error.kind.as_deref(), error.source.row), (Some("medborgarkontakt"), Some(12)));
    let refusals: Vec<String> = store.refusals().unwrap().iter().map(|r| problem(&r.reason)).collect();
    assert_eq!(
        refusals,
        [
            "Filen är inte ett kalkylark; den ser ut att vara en webbsida.",
            "Filen är inte ett kalkylark trots filändelsen; den ser ut att vara en webbsida (HTML).",
        ]
    );
    let details: Vec<String> = store
        .problem_details(&[1, 3])
        .unwrap()
        .iter()
        .map(|d| problem_and_advice(&d.reason, &Hints { activities: &[], year: 2019, municipalities: &[] }))
        .collect();
    assert_eq!(details, [read[0].clone(), read[2].clone()]);
    // A problem keeps its identity: nothing already told is told again.
    assert_eq!(store.problem_refs().unwrap(), old_keys);
}

/// A store of schema 7 holding two digests, their figures as that schema wrote them (serde JSON).
fn store_of_schema_7(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    for (i, sql) in MIGRATIONS[..7].iter().enumerate() {
        conn.execute_batch(&format!("{sql}\nPRAGMA user_version = {};", i + 1)).unwrap();
    }
    conn.execute_batch(
        r#"INSERT INTO digests (week, as_of, figures) VALUES
         ('2019-W41', '2019-10-07',
          '{"week":"2019-W41","as_of":"2019-10-07","counts":{"hundsok/2019":4,"kontakt/2019":31}}'),
         ('2019-W42', '2019-10-14',
          '{"week":"2019-W42","as_of":"2019-10-14","counts":{"hundsok/2019":5,"kontakt/2019":33,"trygghet/2019":0}}');"#,
    )
    .unwrap();
}

#[test]
fn digests_of_the_previous_schema_keep_their_figures_and_new_ones_are_stored_as_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledgewatch.sqlite");
    store_of_schema_7(&path);

    let store = Store::open(&path).unwrap();
    let counts = |pairs: &[(&str, u32)]| pairs.iter().map(|&(k, n)| (k.to_owned(), n)).collect();
    let last = store.mail_memory().unwrap().digest;
    let w42 = crate::notices::DigestMemory {
        week: "2019-W42".into(),
        as_of: chrono::NaiveDate::from_ymd_opt(2019, 10, 14),
        counts: counts(&[("hundsok/2019", 5), ("kontakt/2019", 33), ("trygghet/2019", 0)]),
    };
    assert_eq!(last.as_ref(), Some(&w42), "the latest digest, its figures carried over");
    let columns: Vec<String> = store
        .conn
        .prepare("SELECT name FROM pragma_table_info('digests')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(columns, ["municipality", "week", "as_of"], "no JSON column left");

    // A digest remembered now, then the same week again with other figures: the last one is read.
    let mut w43 = crate::notices::DigestMemory {
        week: "2019-W43".into(),
        as_of: chrono::NaiveDate::from_ymd_opt(2019, 10, 21),
        counts: counts(&[("hundsok/2019", 6), ("kontakt/2019", 36)]),
    };
    for dg in [w43.clone(), {
        w43.counts.insert("kontakt/2019".into(), 37);
        w43.clone()
    }] {
        let decisions = crate::notices::Decisions { digest: Some(dg), ..Default::default() };
        super::memory::remember(&store.conn, "", &decisions, "2019-10-21T05:00:00Z").unwrap();
    }
    assert_eq!(store.mail_memory().unwrap().digest, Some(w43));
    drop(store);
    // And after the upgrade, opening again migrates nothing twice.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
    let rows: i64 = store.conn.query_row("SELECT count(*) FROM digest_counts", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 2 + 3 + 2);
}
