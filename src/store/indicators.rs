//! SQL of what indicator and plan sheets hold: indicator values and planned activities, written by a
//! file's read (inside its transaction), read for the reconcile step with where each came from.
//! Called only by `store/`.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::model::{IndicatorRow, Measured, Provenance, Reading};

/// Adds an indicator value read from `sheet` of the file `file_id`.
pub(super) fn insert(conn: &Connection, file_id: i64, sheet: &str, r: &IndicatorRow) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO indicator_values (file_id, sheet, row, municipality, indicator, year, day, value, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let (year, day) = match r.measured {
        Measured::Year(y) => (Some(y), None),
        Measured::Day(d) => (None, Some(d.format("%Y-%m-%d").to_string())),
    };
    stmt.execute(params![file_id, sheet, r.row, r.municipality, r.indicator, year, day, r.value, r.origin])?;
    Ok(())
}

/// Removes a file's indicator values (inside the caller's transaction).
pub(super) fn clear(conn: &Connection, file_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM indicator_values WHERE file_id = ?1", [file_id]).map(drop)
}

/// Every stored indicator value of a municipality (its scope; empty for a municipality alone), by
/// indicator, then file, sheet and row.
pub(super) fn readings(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<Reading>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, f.path, v.sheet, v.row, v.indicator, v.year, v.day, v.value, v.origin
         FROM indicator_values v JOIN files f ON f.id = v.file_id
         WHERE v.municipality = ?1
         ORDER BY v.indicator, f.path, v.sheet, v.row",
    )?;
    stmt.query_map([municipality], |r| {
        let measured = match (r.get::<_, Option<i32>>(5)?, r.get::<_, Option<String>>(6)?) {
            (_, Some(day)) => Measured::Day(NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
            })?),
            (Some(y), None) => Measured::Year(y),
            (None, None) => {
                return Err(rusqlite::Error::InvalidColumnType(
                    5,
                    "year".into(),
                    rusqlite::types::Type::Null,
                ));
            }
        };
        Ok(Reading {
            id: r.get(0)?,
            source: Provenance {
                file: r.get::<_, String>(1)?.into(),
                sheet: r.get::<_, String>(2)?.into(),
                row: Some(r.get(3)?),
            },
            indicator: r.get::<_, String>(4)?.into(),
            measured,
            value: r.get(7)?,
            origin: r.get::<_, String>(8)?.into(),
        })
    })?
    .collect()
}

/// Adds a planned activity read from `sheet` of the file `file_id`.
pub(super) fn insert_plan(
    conn: &Connection,
    file_id: i64,
    sheet: &str,
    p: &crate::model::PlanRow,
) -> rusqlite::Result<()> {
    use crate::pledge::PlanDate;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO plan_rows (file_id, sheet, row, municipality, pledge, day, year, week, what, party)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let (day, year, week) = match p.planned.when {
        PlanDate::Day(d) => (Some(d.format("%Y-%m-%d").to_string()), None, None),
        PlanDate::Week { year, week } => (None, Some(year), Some(week)),
    };
    let pl = &p.planned;
    stmt.execute(params![
        file_id,
        sheet,
        p.row,
        p.municipality,
        p.pledge,
        day,
        year,
        week,
        pl.what,
        pl.party
    ])?;
    Ok(())
}

/// Removes a file's planned activities (inside the caller's transaction).
pub(super) fn clear_plans(conn: &Connection, file_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM plan_rows WHERE file_id = ?1", [file_id]).map(drop)
}

/// Every stored planned activity of a municipality, by pledge, then file, sheet and row.
pub(super) fn plans(conn: &Connection, municipality: &str) -> rusqlite::Result<Vec<crate::model::SheetPlan>> {
    use crate::pledge::{PlanDate, Planned};
    let mut stmt = conn.prepare(
        "SELECT f.path, p.sheet, p.row, p.pledge, p.day, p.year, p.week, p.what, p.party
         FROM plan_rows p JOIN files f ON f.id = p.file_id
         WHERE p.municipality = ?1
         ORDER BY p.pledge, f.path, p.sheet, p.row",
    )?;
    stmt.query_map([municipality], |r| {
        let when = match (
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<i32>>(5)?,
            r.get::<_, Option<u32>>(6)?,
        ) {
            (Some(day), _, _) => PlanDate::Day(NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
            })?),
            (None, Some(year), Some(week)) => PlanDate::Week { year, week },
            _ => {
                return Err(rusqlite::Error::InvalidColumnType(4, "day".into(), rusqlite::types::Type::Null));
            }
        };
        Ok(crate::model::SheetPlan {
            source: Provenance {
                file: r.get::<_, String>(0)?.into(),
                sheet: r.get::<_, String>(1)?.into(),
                row: Some(r.get(2)?),
            },
            pledge: r.get(3)?,
            planned: Planned { when, what: r.get(7)?, party: r.get(8)? },
        })
    })?
    .collect()
}
