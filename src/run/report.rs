//! The verb `report`: write the follow-up of a period (or a draft of it) to the reports folder.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{
    EXIT_CANTCREAT, EXIT_DATA, EXIT_IO, EXIT_SOFTWARE, EXIT_USAGE, open_store, today, warn_if_no_store,
};
use crate::config::Config;
use crate::report::delivery::{Delivery, Outcome, delivery};
use crate::report::{self, Format, ReportError};

pub(super) fn report(
    config: &Config,
    period: Option<&str>,
    as_of: Option<NaiveDate>,
    formats: &[Format],
    out: Option<&Path>,
) -> ExitCode {
    let as_of = as_of.unwrap_or_else(|| today(config));
    let chosen = match period {
        Some(id) => config.period(id),
        None => report::default_period(&config.periods, as_of),
    };
    let Some(period) = chosen else {
        let known: Vec<&str> = config.periods.iter().map(|p| p.id.as_str()).collect();
        match period {
            Some(id) => {
                eprintln!("error: no period {id:?} in the config; expected one of: {}", known.join(", "))
            }
            None => eprintln!(
                "error: no period has begun on {as_of}; name one with --period ({})",
                known.join(", ")
            ),
        }
        return ExitCode::from(EXIT_USAGE);
    };
    if as_of < period.start {
        eprintln!(
            "error: period {} begins on {}, after {as_of}: there is nothing to report yet",
            period.id, period.start
        );
        return ExitCode::from(EXIT_USAGE);
    }
    warn_if_no_store(config);
    let store = match open_store(config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let formats = if formats.is_empty() { Format::ALL.to_vec() } else { formats.to_vec() };
    let dir = out.map_or_else(|| config.report.dir.clone(), Path::to_path_buf);
    let mailed = match store.has_message(&crate::mail::report::key(&period.id)) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_IO);
        }
    };
    let made = match report::publish::make(config, &store, period, as_of, &formats) {
        Ok(made) => made,
        Err(e) => return report_failed(&e),
    };
    let plan = config.report.plan(&period.id);
    let delivery = delivery(Outcome::Made(&made), plan, today(config), mailed, config.mail.news_for_days);
    // The follow-up that was mailed stays in the reports folder as it was mailed: a version that
    // differs (a comment or a log changed since) goes elsewhere.
    if delivery == Delivery::KeepMailed && out.is_none() {
        let changed: Vec<&str> = made
            .files
            .iter()
            .filter(|f| std::fs::read(dir.join(&f.file_name)).is_ok_and(|old| old != f.bytes))
            .map(|f| f.file_name.as_str())
            .collect();
        if !changed.is_empty() {
            eprintln!(
                "error: the follow-up of period {} was mailed, and its files in {} are kept as mailed; \
                 this version differs ({}: the comments, the logs or the config changed since). \
                 Write it elsewhere with --out DIR.",
                period.id,
                dir.display(),
                changed.join(", ")
            );
            return ExitCode::from(EXIT_CANTCREAT);
        }
    }
    let written = report::publish::write(&made, &dir).map(|paths| (paths, made));
    match written {
        Ok((paths, made)) => {
            let kind = if made.is_final {
                format!("Follow-up of period {}", made.period)
            } else {
                format!(
                    "DRAFT follow-up of period {} as of {} (the period ends {})",
                    made.period, made.as_of, period.end
                )
            };
            println!("{kind}:");
            if made.activities == 0 {
                eprintln!(
                    "warning: the store holds no activity dated in period {}; run `pledgewatch ingest` first?",
                    made.period
                );
            }
            let c = &made.counts;
            if made.is_final {
                println!(
                    "  {} pledges: {} met, {} partly met, {} not met, {} done (no number)",
                    c.total, c.met, c.partly, c.not_met, c.done
                );
            }
            for p in paths {
                println!("  wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_failed(&e),
    }
}

fn report_failed(e: &ReportError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(match e {
        ReportError::Store(_) => EXIT_IO,
        ReportError::Comments { .. } => EXIT_DATA,
        ReportError::Pdf(_) => EXIT_SOFTWARE,
        ReportError::Write { .. } => EXIT_CANTCREAT,
    })
}
