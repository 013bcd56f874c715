//! SQL for the memory of what was decided: pledge lapses, digests, problems told about, follow-ups
//! mailed and the figures they stated. Each is kept per municipality: its scope (empty for a
//! municipality alone); a key told about is stored as decided, `scope/…` in a police area, and
//! given back without it. Called only by `store/mod.rs`, which owns the transactions.

use rusqlite::{Connection, OptionalExtension, params};

use crate::notices::{DigestMemory, Memory, PledgeMemory, ReportedFigure};

/// A key as the municipality's decisions made it: without `scope/`, when it has it (for a
/// municipality alone, or the area's own round, every key).
fn own_key<'k>(scope: &str, key: &'k str) -> Option<&'k str> {
    if scope.is_empty() { Some(key) } else { key.strip_prefix(scope)?.strip_prefix('/') }
}

/// What was decided before for a municipality.
pub(super) fn memory(conn: &Connection, scope: &str) -> rusqlite::Result<Memory> {
    let mut stmt = conn.prepare(
        "SELECT pledge, period, status, lapse, reminders, last_reminder FROM pledge_notices WHERE municipality = ?1",
    )?;
    let pledges = stmt
        .query_map([scope], |r| {
            let status: String = r.get(2)?;
            Ok(PledgeMemory {
                pledge: r.get(0)?,
                period: r.get(1)?,
                // A status this build does not know (a store written by a newer one) starts afresh.
                status: status.parse().unwrap_or(crate::rules::Status::OnTrack),
                lapse: r.get(3)?,
                reminders: r.get(4)?,
                last_reminder: r
                    .get::<_, Option<String>>(5)?
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let digest = last_digest(conn, scope)?;
    let mut stmt = conn.prepare("SELECT key FROM noticed_problems")?;
    let noticed = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|k| k.map(|k| own_key(scope, &k).map(str::to_owned)).transpose())
        .collect::<rusqlite::Result<_>>()?;
    // A follow-up's mail is under `report/{period}` (a draft is never queued).
    let mut stmt =
        conn.prepare("SELECT key, MIN(created_at) FROM outbox WHERE kind = 'report' GROUP BY key")?;
    let reports_mailed = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|k| {
            k.map(|(k, at)| {
                let period = own_key(scope, &k)?.strip_prefix("report/")?;
                Some((period.to_owned(), at))
            })
            .transpose()
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare("SELECT period, pledge, count, verdict FROM reported_figures WHERE municipality = ?1")?;
    let reported = stmt
        .query_map([scope], |r| {
            Ok(ReportedFigure { period: r.get(0)?, pledge: r.get(1)?, count: r.get(2)?, verdict: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Memory { pledges, digest, noticed, reports_mailed, reported })
}

/// The figures of the municipality's latest digest (by the day it was computed for, then its week).
fn last_digest(conn: &Connection, scope: &str) -> rusqlite::Result<Option<DigestMemory>> {
    let last = conn
        .query_row(
            "SELECT week, as_of FROM digests WHERE municipality = ?1 ORDER BY as_of DESC, week DESC LIMIT 1",
            [scope],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?;
    let Some((week, as_of)) = last else { return Ok(None) };
    let mut stmt =
        conn.prepare("SELECT digest_key, count FROM digest_counts WHERE municipality = ?1 AND week = ?2")?;
    let counts = stmt
        .query_map(params![scope, week], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let as_of = chrono::NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").ok();
    Ok(Some(DigestMemory { week, as_of, counts }))
}

/// Remembers a municipality's decisions (inside the caller's transaction); their keys told about
/// are stored as they are (scoped by the caller).
pub(super) fn remember(
    conn: &Connection,
    scope: &str,
    d: &crate::notices::Decisions,
    now: &str,
) -> rusqlite::Result<()> {
    for m in &d.pledges {
        conn.execute(
            "INSERT INTO pledge_notices (municipality, pledge, period, status, lapse, reminders, last_reminder)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(municipality, pledge, period) DO UPDATE SET status = excluded.status, lapse = excluded.lapse,
                reminders = excluded.reminders, last_reminder = excluded.last_reminder",
            params![
                scope,
                m.pledge,
                m.period,
                m.status.as_str(),
                m.lapse,
                m.reminders,
                m.last_reminder.map(|d| d.to_string())
            ],
        )?;
    }
    if let Some(dg) = &d.digest {
        conn.execute(
            "INSERT INTO digests (municipality, week, as_of) VALUES (?1, ?2, ?3)
             ON CONFLICT(municipality, week) DO UPDATE SET as_of = excluded.as_of",
            params![scope, dg.week, dg.as_of.map(|d| d.to_string()).unwrap_or_default()],
        )?;
        conn.execute(
            "DELETE FROM digest_counts WHERE municipality = ?1 AND week = ?2",
            params![scope, dg.week],
        )?;
        for (key, count) in &dg.counts {
            conn.execute(
                "INSERT INTO digest_counts (municipality, week, digest_key, count) VALUES (?1, ?2, ?3, ?4)",
                params![scope, dg.week, key, count],
            )?;
        }
    }
    for f in &d.reported {
        conn.execute(
            "INSERT INTO reported_figures (municipality, period, pledge, count, verdict) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(municipality, period, pledge) DO UPDATE SET count = excluded.count, verdict = excluded.verdict",
            params![scope, f.period, f.pledge, f.count, f.verdict],
        )?;
    }
    for key in &d.noticed {
        conn.execute(
            "INSERT INTO noticed_problems (key, noticed_at) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING",
            params![key, now],
        )?;
    }
    Ok(())
}
