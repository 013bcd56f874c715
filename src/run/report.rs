//! The verb `report`: write the follow-up of a period (or a draft of it) to the reports folder.

use std::path::Path;

use chrono::NaiveDate;

use super::{Error, open_store, today, unknown_period, warn_if_no_store};
use crate::config::Config;
use crate::pledge::Period;
use crate::report::delivery::{Delivery, Hold, Outcome, delivery};
use crate::report::{self, Format, Made};

pub(super) fn report(
    config: &Config,
    period: Option<&str>,
    as_of: Option<NaiveDate>,
    formats: &[Format],
    out: Option<&Path>,
) -> Result<(), Error> {
    let as_of = as_of.unwrap_or_else(|| today(config));
    let period = chosen_period(config, period, as_of)?;
    warn_if_no_store(config);
    let store = open_store(config)?;
    let formats = if formats.is_empty() { Format::ALL.to_vec() } else { formats.to_vec() };
    let dir = out.map_or_else(|| config.report.dir.clone(), Path::to_path_buf);
    let mailed = store.has_message(&crate::mail::report::key(config, &period.id))?;
    let corrected = if mailed && out.is_some() { corrected(config, &store, period)? } else { None };
    let made = report::publish::make_as(config, &store, period, as_of, &formats, corrected, false)?;
    let plan = config.report.plan(&period.id);
    let supply = crate::supply::Supply::look(config, &store)?;
    let delivery = delivery(
        Outcome::Made(&made),
        plan,
        today(config),
        mailed,
        config.mail.news_for_days,
        supply.all_delivered(),
    );
    if delivery == Delivery::Hold(Hold::Awaited) {
        eprintln!(
            "warning: {}: its pledges show nothing done; the daemon holds the follow-up's mail until the logs are in",
            super::mail::awaited_sentence(&supply)
        );
    }
    // The follow-up that was mailed stays in the reports folder as it was mailed: a version that
    // differs (a comment or a log changed since) goes elsewhere.
    if delivery == Delivery::KeepMailed && out.is_none() {
        let changed: Vec<String> = made
            .files
            .iter()
            .filter(|f| std::fs::read(dir.join(&f.file_name)).is_ok_and(|old| old != f.bytes))
            .map(|f| f.file_name.clone())
            .collect();
        if !changed.is_empty() {
            return Err(Error::KeptAsMailed { period: period.id.clone(), dir, changed });
        }
    }
    let paths = report::publish::write(&made, &dir)?;
    print_made(config, &made, period, &paths);
    Ok(())
}

/// When a figure that the mailed follow-up of `period` stated has changed since (a correction was,
/// or will be, told): the version written elsewhere is a corrected one, dated today.
fn corrected(
    config: &Config,
    store: &crate::store::Store,
    period: &Period,
) -> Result<Option<report::content::Corrected>, Error> {
    let memory = store.mail_memory_of(config.store_scope())?;
    let Some(mailed_at) = memory.reports_mailed.get(&period.id).and_then(|s| crate::store::parse_stamp(s))
    else {
        return Ok(None);
    };
    let made_on = today(config);
    let finished = crate::rules::standings_in(
        &config.pledges,
        period,
        &config.periods,
        &store.log_in(config.store_scope(), &crate::rules::days_to_read(&config.periods, &[period]))?,
        made_on,
    );
    // A change told already (a correction in the outbox), or one still to tell.
    let prefix = config.scoped(&format!("{}/{}/", crate::notices::Kind::Correction.as_str(), period.id));
    let told = store.outbox()?.iter().any(|m| m.key.starts_with(&prefix));
    let changed = told || !crate::notices::corrections(&memory, &finished, &period.id).is_empty();
    Ok(changed.then(|| report::content::Corrected { mailed_on: config.today(mailed_at), made_on }))
}

/// The period named, or the latest begun on `as_of`; one that has begun by `as_of`.
fn chosen_period<'a>(config: &'a Config, id: Option<&str>, as_of: NaiveDate) -> Result<&'a Period, Error> {
    let period = match id {
        Some(id) => config.period(id).ok_or_else(|| unknown_period(config, id))?,
        None => report::default_period(&config.periods, as_of).ok_or_else(|| Error::NoPeriodBegun {
            as_of,
            known: config.periods.iter().map(|p| p.id.clone()).collect(),
        })?,
    };
    if as_of < period.start {
        return Err(Error::PeriodNotBegun { period: period.id.clone(), start: period.start, as_of });
    }
    Ok(period)
}

fn print_made(config: &Config, made: &Made, period: &Period, paths: &[std::path::PathBuf]) {
    // In a police area, whose follow-up it is.
    let of = if config.scope.is_some() { format!("{}, ", config.municipality) } else { String::new() };
    let kind = if made.is_final {
        format!("Follow-up of {of}period {}", made.period)
    } else {
        format!(
            "DRAFT follow-up of {of}period {} as of {} (the period ends {})",
            made.period, made.as_of, period.end
        )
    };
    sayln!("{kind}:");
    if made.activities == 0 {
        eprintln!(
            "warning: the store holds no activity dated in period {}; run `pledgewatch ingest` first?",
            made.period
        );
    }
    let c = &made.counts;
    if made.is_final {
        let unmeasured =
            if c.not_measured > 0 { format!(", {} not measured", c.not_measured) } else { String::new() };
        sayln!(
            "  {} {}: {} met, {} partly met, {} not met, {} done (no number){unmeasured}",
            c.total,
            if c.total == 1 { "pledge" } else { "pledges" },
            c.met,
            c.partly,
            c.not_met,
            c.done
        );
    }
    for p in paths {
        sayln!("  wrote {}", p.display());
    }
}
