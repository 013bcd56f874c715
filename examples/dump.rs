//! Dumps every sheet of a spreadsheet (xlsx, xlsm, xlsb, xls, ods) as calamine reads it: one line
//! per non-empty cell with its spreadsheet address and calamine's cell type, plus formulas.
//!
//! ```text
//! cargo run --example dump -- FILE...
//! ```
//!
//! Handy for describing a fixture, or for seeing why a loggförare's file reads the way it does.

use calamine::{Data, Reader, open_workbook_auto};

/// `0, 0` -> `A1`.
fn address(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

fn describe(d: &Data) -> String {
    match d {
        Data::Empty => "Empty".into(),
        Data::Int(i) => format!("Int({i})"),
        Data::Float(f) => format!("Float({f})"),
        Data::String(s) => format!("String({s:?})"),
        Data::Bool(b) => format!("Bool({b})"),
        Data::DateTime(dt) => format!(
            "DateTime(serial {}, {:?}{})",
            dt.as_f64(),
            dt.as_datetime().map(|t| t.to_string()),
            if dt.is_duration() { ", duration" } else { "" }
        ),
        Data::DateTimeIso(s) => format!("DateTimeIso({s})"),
        Data::DurationIso(s) => format!("DurationIso({s})"),
        Data::Error(e) => format!("Error({e:?})"),
    }
}

fn dump(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    println!("== {path}");
    let mut wb = open_workbook_auto(path)?;
    for name in wb.sheet_names() {
        println!("-- sheet {name:?}");
        let range = wb.worksheet_range(&name)?;
        if let Some((r0, c0)) = range.start() {
            for (i, row) in range.rows().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    if !matches!(cell, Data::Empty) {
                        println!("{:>6}  {}", address(r0 + i as u32, c0 + j as u32), describe(cell));
                    }
                }
            }
        } else {
            println!("   (empty)");
        }
        if let Ok(formulas) = wb.worksheet_formula(&name)
            && let Some((r0, c0)) = formulas.start()
        {
            for (i, row) in formulas.rows().enumerate() {
                for (j, f) in row.iter().enumerate() {
                    if !f.is_empty() {
                        println!("{:>6}  formula {f}", address(r0 + i as u32, c0 + j as u32));
                    }
                }
            }
        }
    }
    Ok(())
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: cargo run --example dump -- FILE...");
        std::process::exit(2);
    }
    let mut failed = false;
    for p in &paths {
        if let Err(e) = dump(p) {
            println!("!! {p}: {e}");
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
