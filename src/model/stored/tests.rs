//! The stored encoding, case by case: each reason's code and detail exactly as stores hold them
//! (what schema 1 to 6 wrote through serde, and what problem keys are made of), and back.

use super::super::{Column, FileRefusal, LooksLike, Reason, RowReason, SheetNote};

/// `reason` is stored as `level`, `code`, `detail`, and is read back from them.
fn check(reason: Reason, level: &str, code: &str, detail: &str) {
    let written = match &reason {
        Reason::Row(r) => ("row", r.as_str(), r.detail()),
        Reason::Sheet(n) => ("sheet", SheetNote::CODE, n.detail()),
        Reason::File(f) => ("file", f.as_str(), f.detail()),
        Reason::Written(_) => unreachable!("never written"),
    };
    assert_eq!(written, (level, code, detail.to_owned()));
    assert_eq!(Reason::decode(level, code, detail), Some(reason));
}

#[test]
fn each_row_reason_is_stored_as_its_code_and_its_fields() {
    let row = Reason::Row;
    let s = |t: &str| t.to_owned();
    check(row(RowReason::MissingDate), "row", "missing_date", r#"{"code":"missing_date"}"#);
    check(
        row(RowReason::UnreadableDate { value: s("31/2") }),
        "row",
        "unreadable_date",
        r#"{"code":"unreadable_date","value":"31/2"}"#,
    );
    check(
        row(RowReason::NumberAsDate { value: s("43528") }),
        "row",
        "number_as_date",
        r#"{"code":"number_as_date","value":"43528"}"#,
    );
    check(row(RowReason::MissingActivity), "row", "missing_activity", r#"{"code":"missing_activity"}"#);
    check(
        row(RowReason::UnknownIndicator { value: s("Trygg i centum"), suggestion: s("Trygg i centrum") }),
        "row",
        "unknown_indicator",
        r#"{"code":"unknown_indicator","value":"Trygg i centum","suggestion":"Trygg i centrum"}"#,
    );
    check(row(RowReason::MissingYear), "row", "missing_year", r#"{"code":"missing_year"}"#);
    check(
        row(RowReason::UnknownPledge {
            value: s("Trygghetsvandringr"),
            suggestion: Some(s("Trygghetsvandringar")),
        }),
        "row",
        "unknown_pledge",
        r#"{"code":"unknown_pledge","value":"Trygghetsvandringr","suggestion":"Trygghetsvandringar"}"#,
    );
    check(row(RowReason::MissingPlanDate), "row", "missing_plan_date", r#"{"code":"missing_plan_date"}"#);
    check(
        row(RowReason::BadWeek { value: s("v. 60") }),
        "row",
        "bad_week",
        r#"{"code":"bad_week","value":"v. 60"}"#,
    );
    check(row(RowReason::MissingPlanned), "row", "missing_planned", r#"{"code":"missing_planned"}"#);
    check(
        row(RowReason::NotAnOwner {
            value: s("Grannsamverkan"),
            owners: vec![s("Polisen"), s("Kalix kommun")],
        }),
        "row",
        "not_an_owner",
        r#"{"code":"not_an_owner","value":"Grannsamverkan","owners":"Polisen\u001fKalix kommun"}"#,
    );
    check(
        row(RowReason::BadYear { value: s("i fjol") }),
        "row",
        "bad_year",
        r#"{"code":"bad_year","value":"i fjol"}"#,
    );
    check(row(RowReason::MissingValue), "row", "missing_value", r#"{"code":"missing_value"}"#);
    check(
        row(RowReason::BadValue { value: s("hög") }),
        "row",
        "bad_value",
        r#"{"code":"bad_value","value":"hög"}"#,
    );
    check(
        row(RowReason::FractionForPercent { value: s("0,951") }),
        "row",
        "fraction_for_percent",
        r#"{"code":"fraction_for_percent","value":"0,951"}"#,
    );
    check(
        row(RowReason::UnknownActivity {
            value: s("Medborgarkontakr"),
            suggestion: Some(s("Medborgarkontakt")),
        }),
        "row",
        "unknown_activity",
        r#"{"code":"unknown_activity","value":"Medborgarkontakr","suggestion":"Medborgarkontakt"}"#,
    );
    check(
        row(RowReason::UnknownActivity { value: s("Fika \"extra\"\n"), suggestion: None }),
        "row",
        "unknown_activity",
        r#"{"code":"unknown_activity","value":"Fika \"extra\"\n","suggestion":null}"#,
    );
    check(
        row(RowReason::BadCount { value: s("två") }),
        "row",
        "bad_count",
        r#"{"code":"bad_count","value":"två"}"#,
    );
    check(
        row(RowReason::CountTooLarge { value: s("43528"), limit: 10_000 }),
        "row",
        "count_too_large",
        r#"{"code":"count_too_large","value":"43528","limit":10000}"#,
    );
    check(
        row(RowReason::CellError { column: Column::Count, value: s("#N/A") }),
        "row",
        "cell_error",
        r##"{"code":"cell_error","column":"count","value":"#N/A"}"##,
    );
}

#[test]
fn each_note_and_refusal_is_stored_as_its_code_and_its_fields() {
    let file = Reason::File;
    let s = |t: &str| t.to_owned();
    check(
        Reason::Sheet(SheetNote { sheet: s("Anteckningar"), missing: vec![Column::Date, Column::Activity] }),
        "sheet",
        "sheet_skipped",
        r#"{"sheet":"Anteckningar","missing":["date","activity"]}"#,
    );
    check(file(FileRefusal::Empty), "file", "empty", r#"{"code":"empty"}"#);
    check(
        file(FileRefusal::NotASpreadsheet { looks_like: LooksLike::Excel2003Xml }),
        "file",
        "not_a_spreadsheet",
        r#"{"code":"not_a_spreadsheet","looks_like":"excel2003_xml"}"#,
    );
    check(
        file(FileRefusal::NotASpreadsheet { looks_like: LooksLike::OtherOpenDocument }),
        "file",
        "not_a_spreadsheet",
        r#"{"code":"not_a_spreadsheet","looks_like":"other_open_document"}"#,
    );
    check(
        file(FileRefusal::UnsupportedType { extension: s("csv") }),
        "file",
        "unsupported_type",
        r#"{"code":"unsupported_type","extension":"csv"}"#,
    );
    check(
        file(FileRefusal::Corrupt { detail: s("EOF") }),
        "file",
        "corrupt",
        r#"{"code":"corrupt","detail":"EOF"}"#,
    );
    check(file(FileRefusal::Encrypted), "file", "encrypted", r#"{"code":"encrypted"}"#);
    check(
        file(FileRefusal::TooLargeUnpacked { limit_mb: 200 }),
        "file",
        "too_large_unpacked",
        r#"{"code":"too_large_unpacked","limit_mb":200}"#,
    );
    check(
        file(FileRefusal::TooManyRows { sheet: s("Logg"), limit: 5 }),
        "file",
        "too_many_rows",
        r#"{"code":"too_many_rows","sheet":"Logg","limit":5}"#,
    );
    check(
        file(FileRefusal::TooManyCells { sheet: s("Logg"), cells: 9, limit: 4 }),
        "file",
        "too_many_cells",
        r#"{"code":"too_many_cells","sheet":"Logg","cells":9,"limit":4}"#,
    );
    check(file(FileRefusal::NoUsableSheet), "file", "no_usable_sheet", r#"{"code":"no_usable_sheet"}"#);
    check(
        file(FileRefusal::OversizedText { part: s("xl/sharedStrings.xml") }),
        "file",
        "oversized_text",
        r#"{"code":"oversized_text","part":"xl/sharedStrings.xml"}"#,
    );
    check(
        file(FileRefusal::Link { target: s("/etc/shadow") }),
        "file",
        "link",
        r#"{"code":"link","target":"/etc/shadow"}"#,
    );
    check(
        file(FileRefusal::ReaderFailed { detail: s("xlsx: boom") }),
        "file",
        "reader_failed",
        r#"{"code":"reader_failed","detail":"xlsx: boom"}"#,
    );
    check(
        file(FileRefusal::Unreadable { detail: s("Permission denied (os error 13)") }),
        "file",
        "unreadable",
        r#"{"code":"unreadable","detail":"Permission denied (os error 13)"}"#,
    );
}

#[test]
fn every_column_and_look_has_its_own_code() {
    for c in Column::ALL {
        assert_eq!(Column::from_code(c.as_str()), Some(c));
    }
    for l in LooksLike::ALL {
        assert_eq!(LooksLike::from_code(l.as_str()), Some(l));
    }
}

#[test]
fn what_cannot_be_decoded_is_none() {
    assert_eq!(Reason::decode("row", "no_such_code", r#"{"code":"no_such_code"}"#), None);
    assert_eq!(Reason::decode("row", "bad_count", r#"{"code":"bad_count"}"#), None, "a field missing");
    assert_eq!(Reason::decode("row", "missing_date", ""), None, "no JSON");
    assert_eq!(
        Reason::decode(
            "file",
            "not_a_spreadsheet",
            r#"{"code":"not_a_spreadsheet","looks_like":"an HTML page"}"#
        ),
        None
    );
    assert_eq!(Reason::decode("sheet", "other", r#"{"sheet":"X","missing":[]}"#), None);
}
