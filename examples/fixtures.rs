//! Writes `OUTDIR/messy.xlsx`, the source of the reader test fixtures in `tests/fixtures/`.
//!
//! ```text
//! cargo run --example fixtures -- OUTDIR
//! ```
//!
//! `tests/fixtures/generate.sh` runs this and lets LibreOffice re-save the workbook as
//! `messy.ods` and `messy.xls` (and a copy as `messy.xlsx`), so the tests read files saved by a real
//! spreadsheet program. `tests/fixtures/README.md` lists, row by row, what each sheet holds and what
//! a correct reader must make of it: keep the two in step when changing anything here.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};
use std::path::PathBuf;

/// A cell value in a data row.
enum V {
    Blank,
    Text(&'static str),
    Num(f64),
    /// A date cell formatted `yyyy-mm-dd`.
    Date(u16, u8, u8),
    /// A date-time cell formatted `yyyy-mm-dd hh:mm`.
    DateTime(u16, u8, u8, u16, u8),
}

use V::{Blank, Date, DateTime, Num, Text};

/// The data rows of sheet "Logg", spreadsheet rows 5..=18, in header order:
/// Datum, AKTIVITET, antal, Plats, Samverkan, Taggar, Ansvarig, Kommentar, Extra.
fn logg_rows() -> Vec<[V; 9]> {
    vec![
        // row 5: a date cell
        [
            Date(2019, 1, 15),
            Text("Medborgarkontakt"),
            Num(2.0),
            Text("Torget"),
            Blank,
            Blank,
            Text("K. Lindberg"),
            Blank,
            Text("x"),
        ],
        // row 6: a date-time cell, two tags
        [
            DateTime(2019, 4, 2, 18, 45),
            Text("Trafiksäkerhetsinsats"),
            Num(1.0),
            Text("Strandgatan"),
            Blank,
            Text("A-traktor, Kvällstid"),
            Text("M. Björk"),
            Text("Kontroll av A-traktorer"),
            Blank,
        ],
        // row 7: ISO date typed as text, Antal typed as text
        [
            Text("2019-03-05"),
            Text("Medborgarkontakt"),
            Text("3"),
            Text("Kalix resecentrum"),
            Blank,
            Blank,
            Text("K. Lindberg"),
            Blank,
            Blank,
        ],
        // row 8: ISO date-time typed as text, Antal empty (= 1), partners split on ';'
        [
            Text("2019-06-12 14:30"),
            Text("Narkotikainsats"),
            Blank,
            Text("Kalix centrum"),
            Text("Socialtjänsten; skolan"),
            Blank,
            Text("J. Eriksson"),
            Blank,
            Blank,
        ],
        // row 9: a plain number in the date column (43528 would be 2019-03-04): an error
        [Num(43528.0), Text("Medborgarkontakt"), Num(1.0), Text("Torget"), Blank, Blank, Blank, Blank, Blank],
        // row 10: no date: an error
        [
            Blank,
            Text("Grannsamverkan"),
            Num(1.0),
            Text("Sangis"),
            Blank,
            Blank,
            Text("A. Stenlund"),
            Blank,
            Blank,
        ],
        // row 11: unknown activity (typo): an error with a suggestion
        [
            Date(2019, 5, 8),
            Text("Medborgarkontakr"),
            Num(1.0),
            Text("Töre"),
            Blank,
            Blank,
            Blank,
            Blank,
            Blank,
        ],
        // row 12: activity in odd case with spaces; partners split on ' och '
        [
            Date(2019, 9, 26),
            Text("  trygghetsVANDRING "),
            Num(1.0),
            Text("Töre"),
            Text("Kalix kommun och grannsamverkan Töre"),
            Blank,
            Blank,
            Text("Belysning påpekad"),
            Text("y"),
        ],
        // row 13: fully blank
        [Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank, Blank],
        // row 14: Antal 0 is valid
        [
            Date(2019, 7, 1),
            Text("Kommunikation"),
            Num(0.0),
            Text("Facebook"),
            Blank,
            Blank,
            Blank,
            Blank,
            Blank,
        ],
        // row 15: Antal as a word: an error
        [
            Date(2019, 8, 20),
            Text("Hundsök skola"),
            Text("två"),
            Text("Furuhedsskolan"),
            Blank,
            Blank,
            Blank,
            Blank,
            Blank,
        ],
        // row 16: negative Antal: an error
        [
            Date(2019, 10, 10),
            Text("Inbrottsinsats"),
            Num(-1.0),
            Text("Nyborg"),
            Blank,
            Blank,
            Blank,
            Blank,
            Blank,
        ],
        // row 17: fractional Antal: an error
        [
            Date(2019, 11, 5),
            Text("Skoterstöldsinsats"),
            Num(2.5),
            Text("Morjärv"),
            Blank,
            Blank,
            Blank,
            Blank,
            Blank,
        ],
        // row 18: partners split on ' och ', one tag
        [
            Date(2019, 12, 3),
            Text("Tidig insats"),
            Num(1.0),
            Text("Manhemsskolan"),
            Text("Polisen och socialtjänsten"),
            Text("ANDTS"),
            Blank,
            Blank,
            Blank,
        ],
    ]
}

struct Formats {
    date: Format,
    datetime: Format,
}

fn write(ws: &mut Worksheet, row: u32, col: u16, v: &V, f: &Formats) -> Result<(), XlsxError> {
    match *v {
        Blank => {}
        Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Num(n) => {
            ws.write_number(row, col, n)?;
        }
        Date(y, m, d) => {
            ws.write_datetime_with_format(row, col, ExcelDateTime::from_ymd(y, m, d)?, &f.date)?;
        }
        DateTime(y, m, d, h, mi) => {
            let dt = ExcelDateTime::from_ymd(y, m, d)?.and_hms(h, mi, 0)?;
            ws.write_datetime_with_format(row, col, dt, &f.datetime)?;
        }
    }
    Ok(())
}

fn messy() -> Result<Workbook, XlsxError> {
    let f = Formats {
        date: Format::new().set_num_format("yyyy-mm-dd"),
        datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
    };
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2020, 1, 7)?.and_hms(8, 0, 0)?;
    wb.set_properties(
        &DocProperties::new().set_author("pledgewatch fixtures").set_creation_datetime(&created),
    );

    // Sheet 1 "Logg": title, note, blank, header in row 4, data rows 5..=18, "Summa" in row 19.
    let mut ws = Worksheet::new();
    ws.set_name("Logg")?;
    ws.merge_range(0, 0, 0, 8, "Testlogg för pledgewatch 2019", &Format::new().set_bold())?;
    ws.write_string(1, 0, "Anteckning: raderna nedan är gjorda för att testa inläsningen.")?;
    let header =
        [" Datum:", "AKTIVITET", "antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar", "Extra"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(3, c as u16, *h)?;
    }
    let rows = logg_rows();
    let mut sum = 0.0;
    for (i, cells) in rows.iter().enumerate() {
        let row = 4 + i as u32;
        for (c, v) in cells.iter().enumerate() {
            write(&mut ws, row, c as u16, v, &f)?;
        }
        if let Num(n) = cells[2] {
            sum += n;
        }
    }
    let sum_row = 4 + rows.len() as u32; // 0-based 18 = spreadsheet row 19
    assert_eq!(sum_row, 18);
    ws.write_string(sum_row, 0, "Summa")?;
    // Excel's SUM ignores numbers typed as text (rows 7 and 15):
    // rows 5, 6, 9, 10, 11, 12, 14, 16, 17, 18 = 2+1+1+1+1+1+0-1+2.5+1 = 9.5.
    ws.write_formula(sum_row, 2, Formula::new("=SUM(C5:C18)").set_result(sum.to_string()))?;
    assert_eq!(sum, 9.5);
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(4, 34)?;
    ws.set_column_width(5, 22)?;
    wb.push_worksheet(ws);

    // Sheet 2 "Anteckningar": free text, no header.
    let mut notes = Worksheet::new();
    notes.set_name("Anteckningar")?;
    notes.write_string(0, 0, "Anteckningar")?;
    notes.write_string(1, 0, "Kom ihåg att spara filen varje fredag.")?;
    notes.write_string(2, 0, "Hundsöket i augusti blev inställt.")?;
    wb.push_worksheet(notes);

    // Sheet 3 "Kommun": header in row 1, three valid rows.
    let mut k = Worksheet::new();
    k.set_name("Kommun")?;
    let header = ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"];
    for (c, h) in header.iter().enumerate() {
        k.write_string(0, c as u16, *h)?;
    }
    let krows: [[V; 5]; 3] = [
        [Date(2019, 2, 7), Text("Grannsamverkan"), Num(1.0), Text("Sangis"), Text("Polisen")],
        [Date(2019, 3, 15), Text("Kommunikation"), Blank, Text("Facebook"), Blank],
        [
            Date(2019, 4, 25),
            Text("Trygghetsvandring"),
            Num(2.0),
            Text("Sangis"),
            Text("Polisen; Grannsamverkan Sangis"),
        ],
    ];
    for (i, cells) in krows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            write(&mut k, 1 + i as u32, c as u16, v, &f)?;
        }
    }
    k.set_column_width(0, 12)?;
    k.set_column_width(4, 32)?;
    wb.push_worksheet(k);
    Ok(wb)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: cargo run --example fixtures -- OUTDIR")?;
    std::fs::create_dir_all(&out)?;
    let p = out.join("messy.xlsx");
    messy()?.save(&p)?;
    println!("wrote {}", p.display());
    Ok(())
}
