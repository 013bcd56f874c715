use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::config::Config;

fn dict() -> Dictionary {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    Dictionary::new(&Config::load(&path).unwrap())
}

fn t(s: &str) -> Value<'static> {
    Value::Text(s.to_owned().into())
}

fn n(x: f64) -> Value<'static> {
    Value::Number(x)
}

fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> Value<'static> {
    Value::DateTime(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap())
}

const E: Value<'static> = Value::Empty;

/// Feeds a grid (rows of cells from column A) to a parser, with merged regions.
fn parse_with(grid: &[Vec<Value<'static>>], merges: Vec<Merge>) -> (Vec<Outcome>, SheetEnd) {
    parse_by(&dict(), grid, merges)
}

fn parse_by(dict: &Dictionary, grid: &[Vec<Value<'static>>], merges: Vec<Merge>) -> (Vec<Outcome>, SheetEnd) {
    let mut parser = SheetParser::new(dict, "Logg", merges);
    let mut out = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            parser.cell(r as u32, c as u32, v.clone(), &mut |o| out.push(o));
        }
    }
    let end = parser.finish(&mut |o| out.push(o));
    (out, end)
}

fn parse(grid: &[Vec<Value<'static>>]) -> (Vec<Outcome>, SheetEnd) {
    parse_with(grid, Vec::new())
}

fn header() -> Vec<Value<'static>> {
    ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"].map(t).to_vec()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn activity(row: u32, d: NaiveDate, activity: &str, count: u32) -> ActivityRow {
    ActivityRow {
        row,
        date: d,
        activity: activity.into(),
        count,
        hours: None,
        place: String::new(),
        partners: String::new(),
        tags: String::new(),
        municipality: String::new(),
    }
}

/// Parses one data row under a standard header and returns its outcomes.
fn one_row(cells: Vec<Value<'static>>) -> Vec<Outcome> {
    let (out, end) = parse(&[header(), cells]);
    assert_eq!(end, SheetEnd::Read { header_row: 1 });
    out
}

fn problem(cells: Vec<Value<'static>>) -> Vec<RowReason> {
    one_row(cells)
        .into_iter()
        .map(|o| match o {
            Outcome::Problem(p) => {
                assert_eq!(p.row, 2);
                p.reason
            }
            other => panic!("expected a problem, got {other:?}"),
        })
        .collect()
}

#[test]
fn header_below_title_notes_and_blank_rows_with_messy_names() {
    let grid = vec![
        vec![t("Aktivitetslogg 2019")],
        vec![t("Fylls i varje vecka")],
        vec![],
        vec![t(" datum:"), t("AKTIVITET"), t("Antal :"), t("Extra"), t("Samverkan")],
        vec![dt(2019, 3, 5, 0, 0), t("Medborgarkontakt"), n(2.0), t("ignoreras"), t("Socialtjänsten")],
    ];
    let (out, end) = parse(&grid);
    assert_eq!(end, SheetEnd::Read { header_row: 4 });
    let mut expected = activity(5, date(2019, 3, 5), "medborgarkontakt", 2);
    expected.partners = "Socialtjänsten".into();
    assert_eq!(out, [Outcome::Activity(expected)]);
}

#[test]
fn sheet_without_required_columns_is_skipped_with_a_note() {
    let (out, end) =
        parse(&[vec![t("Anteckningar")], vec![t("Datum"), t("Vad")], vec![t("2019-01-01"), t("x")]]);
    assert!(out.is_empty());
    assert_eq!(end, SheetEnd::Skipped(SheetNote { sheet: "Logg".into(), missing: vec![Column::Activity] }));
    let (_, end) = parse(&[vec![t("bara text")]]);
    assert_eq!(
        end,
        SheetEnd::Skipped(SheetNote { sheet: "Logg".into(), missing: Column::REQUIRED.to_vec() })
    );
}

#[test]
fn dates_as_cells_date_times_and_iso_text() {
    for (cell, expected) in [
        (dt(2019, 4, 2, 18, 45), date(2019, 4, 2)),
        (t("2019-03-05"), date(2019, 3, 5)),
        (t(" 2019-06-12 14:30 "), date(2019, 6, 12)),
        (t("2019-06-12T14:30:00"), date(2019, 6, 12)),
        (t("2020-02-29"), date(2020, 2, 29)),
    ] {
        let out = one_row(vec![cell.clone(), t("Grannsamverkan")]);
        assert_eq!(out, [Outcome::Activity(activity(2, expected, "grannsamverkan", 1))], "{cell:?}");
    }
}

#[test]
fn bad_dates_are_row_errors() {
    assert_eq!(problem(vec![E, t("Grannsamverkan")]), [RowReason::MissingDate]);
    assert_eq!(
        problem(vec![t("31/2"), t("Grannsamverkan")]),
        [RowReason::UnreadableDate { value: "31/2".into() }]
    );
    assert_eq!(
        problem(vec![t("2019-02-30"), t("Grannsamverkan")]),
        [RowReason::UnreadableDate { value: "2019-02-30".into() }]
    );
    assert_eq!(
        problem(vec![n(43528.0), t("Grannsamverkan")]),
        [RowReason::NumberAsDate { value: "43528".into() }]
    );
    assert_eq!(
        problem(vec![Value::Error("#REF!".into()), t("Grannsamverkan")]),
        [RowReason::CellError { column: Column::Date, value: "#REF!".into() }]
    );
}

#[test]
fn activity_names_ignore_case_and_spaces_and_typos_get_a_suggestion() {
    let out = one_row(vec![t("2019-05-01"), t("  trygghetsVANDRING ")]);
    assert_eq!(out, [Outcome::Activity(activity(2, date(2019, 5, 1), "trygghetsvandring", 1))]);
    assert_eq!(
        problem(vec![t("2019-05-01"), t("Medborgarkontakr")]),
        [RowReason::UnknownActivity {
            value: "Medborgarkontakr".into(),
            suggestion: Some("Medborgarkontakt".into())
        }]
    );
    assert_eq!(problem(vec![t("2019-05-01"), E, n(2.0)]), [RowReason::MissingActivity]);
}

#[test]
fn counts_as_numbers_or_text() {
    for (cell, expected) in [(E, 1), (n(0.0), 0), (n(3.0), 3), (t("3"), 3), (t(" 12 "), 12)] {
        let out = one_row(vec![t("2019-05-01"), t("Kommunikation"), cell.clone()]);
        assert_eq!(
            out,
            [Outcome::Activity(activity(2, date(2019, 5, 1), "kommunikation", expected))],
            "{cell:?}"
        );
    }
    for (cell, shown) in [(t("två"), "två"), (n(-1.0), "-1"), (n(2.5), "2.5"), (t("2 st"), "2 st")] {
        assert_eq!(
            problem(vec![t("2019-05-01"), t("Kommunikation"), cell]),
            [RowReason::BadCount { value: shown.into() }]
        );
    }
}

#[test]
fn hours_as_numbers_text_or_times_in_hundredths() {
    let grid = |cell: Value<'static>| {
        let mut head = header();
        head.insert(3, t("Timmar"));
        vec![head, vec![t("2019-05-01"), t("Kommunikation"), E, cell]]
    };
    let cases = [
        (E, None),
        (t("  "), None),
        (n(0.0), Some(0)),
        (n(1012.5), Some(101_250)),
        (n(1.0 / 3.0), Some(33)),
        (t("1,5"), Some(150)),
        (t("1.25"), Some(125)),
        (t("1 012,5"), Some(101_250)),
        (t("1\u{a0}012,50"), Some(101_250)),
        (t("2 h"), Some(200)),
        (t("3,5 tim"), Some(350)),
        (t("1:30"), Some(150)),
        (t("0:45"), Some(75)),
        (t("PT01H30M00S"), Some(150)),
        (t("2 t"), Some(200)),
        (t("30 min"), Some(50)),
        (t("1½"), Some(150)),
        (t("½ h"), Some(50)),
        (t("2h30"), Some(250)),
        (t("1 tim 30 min"), Some(150)),
        (t("1 000 h"), Some(100_000)),
        (dt(1900, 1, 1, 1, 30), Some(2550)),
        (t("PT2H"), Some(200)),
        (Value::Duration(1.5 / 24.0), Some(150)),
        (Value::Duration(26.0 / 24.0), Some(2600)),
        (n(10_000.0), Some(1_000_000)),
    ];
    for (cell, hours) in cases {
        let (out, _) = parse(&grid(cell.clone()));
        let mut a = activity(2, date(2019, 5, 1), "kommunikation", 1);
        a.hours = hours;
        assert_eq!(out, [Outcome::Activity(a)], "{cell:?}");
    }
    let bad = [
        (t("1,500"), "1,500"),
        (t("1.000"), "1.000"),
        (t("1,5,0"), "1,5,0"),
        (t("en halvtimme"), "en halvtimme"),
        (n(-1.0), "-1"),
        (t("1:75"), "1:75"),
        (t("2 30"), "2 30"),
        (t("2 km"), "2 km"),
        (dt(2019, 5, 1, 0, 0), "2019-05-01"),
        (Value::Bool(true), "SANT"),
    ];
    for (cell, shown) in bad {
        let (out, _) = parse(&grid(cell.clone()));
        assert_eq!(reasons(&out), [&RowReason::BadHours { value: shown.into() }], "{cell:?}");
    }
    let (out, _) = parse(&grid(n(10_000.5)));
    assert_eq!(reasons(&out), [&RowReason::HoursTooLarge { value: "10000.5".into(), limit: 10_000 }]);
    let (out, _) = parse(&grid(Value::Duration(1.5 / 24.0)));
    assert!(matches!(&out[..], [Outcome::Activity(_)]));
    assert_eq!(Value::Duration(1.5 / 24.0).display(), "1:30");
}

#[test]
fn a_lone_number_under_the_hours_is_a_sum() {
    let mut head = header();
    head.insert(3, t("Timmar"));
    let grid = vec![
        head,
        vec![t("2019-05-01"), t("Kommunikation"), E, n(2.0)],
        vec![E, E, E, n(2.0)],
        vec![E, E, E, t("12,5")],
        vec![E, E, t("5"), E],
    ];
    let (out, _) = parse(&grid);
    assert_eq!(out[1..], [Outcome::Total(3), Outcome::Total(4), Outcome::Total(5)], "as numbers or as text");
}

#[test]
fn every_problem_of_a_row_is_reported() {
    assert_eq!(
        problem(vec![t("igår"), t("Fotboll"), t("många")]),
        [
            RowReason::UnreadableDate { value: "igår".into() },
            RowReason::UnknownActivity { value: "Fotboll".into(), suggestion: None },
            RowReason::BadCount { value: "många".into() },
        ]
    );
}

#[test]
fn blank_and_totals_rows_are_skipped_not_errors() {
    let grid = vec![
        header(),
        vec![t("2019-01-07"), t("Medborgarkontakt"), n(3.0)],
        vec![E, E, E, E, E, E, t("K. Lindberg")],
        vec![],
        vec![t("2019-01-14"), t("Medborgarkontakt"), n(2.0)],
        vec![t("Summa:"), E, n(5.0)],
        vec![E, t("Totalt antal"), n(5.0)],
        vec![E, E, n(5.0)],
    ];
    let (out, _) = parse(&grid);
    assert_eq!(
        out,
        [
            Outcome::Activity(activity(2, date(2019, 1, 7), "medborgarkontakt", 3)),
            Outcome::Blank(3),
            Outcome::Activity(activity(5, date(2019, 1, 14), "medborgarkontakt", 2)),
            Outcome::Total(6),
            Outcome::Total(7),
            Outcome::Total(8),
        ]
    );
}

#[test]
fn place_partners_and_tags_are_kept_but_responsible_and_comment_are_not() {
    let out = one_row(vec![
        t("2019-05-01"),
        t("Trafiksäkerhetsinsats"),
        n(1.0),
        t(" Töre "),
        t("Kalix kommun och grannsamverkan Töre"),
        t("A-traktor, Kvällstid"),
        t("K. Lindberg"),
        t("Ring Kalle"),
    ]);
    let Outcome::Activity(a) = &out[0] else { panic!("{out:?}") };
    assert_eq!(
        (a.place.as_str(), a.partners.as_str(), a.tags.as_str()),
        ("Töre", "Kalix kommun och grannsamverkan Töre", "A-traktor, Kvällstid")
    );
    let debug = format!("{out:?}");
    assert!(!debug.contains("Lindberg") && !debug.contains("Kalle"), "{debug}");
}

#[test]
fn merged_cells_below_the_header_fill_their_region() {
    // A date merged over rows 2–3 (0-based 1–2) in column A, and a merged title over the header.
    let grid = vec![
        vec![t("Titel")],
        header(),
        vec![t("2019-09-10"), t("Grannsamverkan")],
        vec![E, t("Kommunikation")],
        vec![E, t("Kommunikation")],
    ];
    let merges = vec![Merge { start: (0, 0), end: (0, 7) }, Merge { start: (2, 0), end: (3, 0) }];
    let (out, _) = parse_with(&grid, merges);
    assert_eq!(
        out,
        [
            Outcome::Activity(activity(3, date(2019, 9, 10), "grannsamverkan", 1)),
            Outcome::Activity(activity(4, date(2019, 9, 10), "kommunikation", 1)),
            Outcome::Problem(RowProblem {
                row: 5,
                reason: RowReason::MissingDate,
                // Its period is the rows' above it.
                date: Some(date(2019, 9, 10)),
                kind: Some("kommunikation".into()),
                municipality: String::new(),
            }),
        ]
    );
}

#[test]
fn the_header_search_gives_up_after_thirty_filled_rows() {
    let dict = dict();
    let mut parser = SheetParser::new(&dict, "Data", Vec::new());
    let mut sink = |_| {};
    // Far down the sheet, blank rows above do not count against the search.
    for r in 1000..1030 {
        assert!(!parser.gave_up(), "row {r}");
        parser.cell(r, 0, n(f64::from(r)), &mut sink);
    }
    parser.cell(1030, 0, n(0.0), &mut sink);
    assert!(parser.gave_up());
}

#[test]
fn a_totals_word_in_a_comment_does_not_hide_an_activity() {
    let grid = vec![
        vec![t("Kommentar"), t("Datum"), t("Aktivitet")],
        vec![t("Totalt 12 deltagare"), t("2019-05-01"), t("Grannsamverkan")],
        vec![t("Summan av kardemumman"), t("2019-05-02"), t("Grannsamverkan")],
        vec![t("Summa"), E, E],
    ];
    let (out, _) = parse(&grid);
    assert_eq!(
        out,
        [
            Outcome::Activity(activity(2, date(2019, 5, 1), "grannsamverkan", 1)),
            Outcome::Activity(activity(3, date(2019, 5, 2), "grannsamverkan", 1)),
            Outcome::Total(4),
        ]
    );
}

#[test]
fn a_row_problem_keeps_the_date_and_the_kind_it_names_or_resembles() {
    let kept = |cells| match one_row(cells).as_slice() {
        [Outcome::Problem(p), ..] => (p.date, p.kind.clone()),
        other => panic!("expected a problem, got {other:?}"),
    };
    assert_eq!(
        kept(vec![t("2019-05-01"), t("Medborgarkontakr")]),
        (Some(date(2019, 5, 1)), Some("medborgarkontakt".into()))
    );
    assert_eq!(kept(vec![t("31/2"), t("Kommunikation")]), (None, Some("kommunikation".into())));
    assert_eq!(kept(vec![t("2019-05-01"), t("Fotboll")]), (Some(date(2019, 5, 1)), None));
    assert_eq!(
        kept(vec![t("2019-05-01"), t("Kommunikation"), t("två")]),
        (Some(date(2019, 5, 1)), Some("kommunikation".into()))
    );
}

#[test]
fn an_implausibly_large_count_is_an_error() {
    let ok = one_row(vec![t("2019-05-01"), t("Kommunikation"), n(10_000.0)]);
    assert_eq!(ok, [Outcome::Activity(activity(2, date(2019, 5, 1), "kommunikation", 10_000))]);
    for (cell, shown) in
        [(n(20190305.0), "20190305"), (t("3000000000"), "3000000000"), (n(1e12), "1000000000000")]
    {
        assert_eq!(
            problem(vec![t("2019-05-01"), t("Kommunikation"), cell]),
            [RowReason::CountTooLarge { value: shown.into(), limit: 10_000 }]
        );
    }
}

/// The dictionary of a source of the sample police area (examples/polisomrade).
fn area_dict(source: &str) -> Dictionary {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/polisomrade/config.toml");
    let install = crate::config::Install::load(&path).unwrap();
    let source = install.sources().into_iter().find(|s| s.name == source).unwrap();
    Dictionary::for_source(&install, source)
}

/// Each row under a header with a Kommun column, read as `source`'s: its outcomes, row by row.
fn area_rows(source: &str, rows: &[[&str; 4]]) -> Vec<Outcome> {
    let mut grid = vec![["Datum", "Aktivitet", "Antal", "Kommun"].map(t).to_vec()];
    grid.extend(rows.iter().map(|r| r.map(|c| if c.is_empty() { E } else { t(c) }).to_vec()));
    let (out, end) = parse_by(&area_dict(source), &grid, Vec::new());
    assert_eq!(end, SheetEnd::Read { header_row: 1 });
    out
}

fn reasons(out: &[Outcome]) -> Vec<&RowReason> {
    out.iter()
        .filter_map(|o| match o {
            Outcome::Problem(p) => Some(&p.reason),
            _ => None,
        })
        .collect()
}

#[test]
fn a_municipalitys_own_log_counts_its_rows_and_names_a_row_of_another_municipality() {
    let out = area_rows(
        "kalix",
        &[
            ["2019-03-05", "Trygghetsvandring", "1", ""],
            ["2019-03-06", "Trygghetsvandring", "1", "Kalix kommun"],
            ["2019-03-07", "Trygghetsvandring", "1", "Överkalix"],
            ["", "", "", "Kalix"],
        ],
    );
    let counted: Vec<&str> = out
        .iter()
        .filter_map(|o| match o {
            Outcome::Activity(a) => Some(a.municipality.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(counted, ["kalix", "kalix"]);
    assert_eq!(
        reasons(&out),
        [&RowReason::OfAnotherMunicipality { value: "Överkalix".into(), own: "Kalix kommun".into() }]
    );
    // The row of Överkalix is Kalix's problem: told to Kalix's log keeper.
    assert!(out.iter().any(|o| matches!(o, Outcome::Problem(p) if p.row == 4 && p.municipality == "kalix")));
    assert!(out.iter().any(|o| matches!(o, Outcome::Blank(5))), "a Kommun alone makes no row: {out:?}");
}

#[test]
fn in_the_shared_log_an_activity_of_another_municipality_says_so_instead_of_a_near_name() {
    // Inbrottsinsats is one of Kalix's activities, not Haparanda's.
    let out = area_rows(
        "polisen",
        &[["2020-03-05", "Inbrottsinsats", "1", "Haparanda"], ["2020-03-05", "Inbrottsinsats", "1", "Kalix"]],
    );
    assert_eq!(
        reasons(&out),
        [&RowReason::ActivityOfAnotherMunicipality {
            value: "Inbrottsinsats".into(),
            municipality: "Haparanda kommun".into()
        }]
    );
    // An activity no municipality has keeps its suggestion.
    let out = area_rows("polisen", &[["2020-03-05", "Fotpatrulerring", "1", "Haparanda"]]);
    assert!(matches!(reasons(&out)[..], [RowReason::UnknownActivity { suggestion: Some(_), .. }]), "{out:?}");
}
