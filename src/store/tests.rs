//! Upgrading a store: problems written by the previous schema (6), the way that release wrote them
//! (code, detail JSON and the Swedish `message`), read by this one.

use rusqlite::Connection;

use super::{MIGRATIONS, Store, outbox};
use crate::messages::{problem, problem_and_advice};

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
    let old_keys = outbox::problem_refs(&old).unwrap();
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
        .map(|p| problem_and_advice(&p.reason))
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
    let details: Vec<String> =
        store.problem_details(&[1, 3]).unwrap().iter().map(|d| problem_and_advice(&d.reason)).collect();
    assert_eq!(details, [read[0].clone(), read[2].clone()]);
    // A problem keeps its identity: nothing already told is told again.
    assert_eq!(store.problem_refs().unwrap(), old_keys);
}
