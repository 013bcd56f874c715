//! Reconcile over a large store: reading every activity from SQLite (`Store::log`), computing every
//! pledge's standing (`rules::standing`) and making the `status --json` document.
//!
//! Run with `cargo bench --bench reconcile`. A store with `PLEDGEWATCH_BENCH_ROWS` activities (default
//! 1,000,000, spread over 2019 and the shipped config's activity kinds) is written once to
//! `target/bench-data/reconcile/` and reused while it exists. Prints the median of
//! `PLEDGEWATCH_BENCH_RUNS` runs (default 5) of each step and the peak resident memory. A year of a
//! real municipality's logs is a few thousand rows; a million shows how it scales.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use pledgewatch::config::Config;
use pledgewatch::store::Store;

mod common;
use common::{env_number, median, peak_rss_kb, target_dir, write_store};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of tests; there are none
    }
    let rows: u32 = env_number("PLEDGEWATCH_BENCH_ROWS", 1_000_000);
    let runs: usize = env_number("PLEDGEWATCH_BENCH_RUNS", 5);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&root.join("config.toml")).expect("the shipped config");
    let dir = target_dir().join("bench-data").join(format!("reconcile-{rows}"));
    let store_path = dir.join("pledgewatch.sqlite");
    if !store_path.exists() {
        let started = Instant::now();
        write_store(&config, &dir, rows);
        println!(
            "wrote {rows} activities to {} in {:.1} s",
            store_path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let as_of = NaiveDate::from_ymd_opt(2019, 9, 30).unwrap();
    let (mut load, mut standing, mut json) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let store = Store::open(&store_path).expect("open");
        let log = store.log().expect("log");
        let files = store.files().expect("files");
        load.push(t.elapsed().as_secs_f64());
        assert_eq!(log.activities.len(), rows as usize);

        let t = Instant::now();
        let standings = pledgewatch::rules::standing(&config.pledges, &config.periods, &log, as_of);
        standing.push(t.elapsed().as_secs_f64());
        assert_eq!(standings.len(), config.pledges.len());

        let supply = pledgewatch::supply::Supply::look(&config, &store).expect("supply");
        let t = Instant::now();
        let outside = pledgewatch::rules::outside_periods(&config.periods, &log.activities);
        let input = pledgewatch::views::status::StatusInput {
            config: &config,
            as_of,
            standings: &standings,
            log: &log,
            files: &files,
            outside_periods: &outside,
            supply: &supply,
        };
        bytes = serde_json::to_string(&pledgewatch::views::status::json(&input)).expect("json").len();
        json.push(t.elapsed().as_secs_f64());
    }
    println!("{rows} activities, {} pledges, as of {as_of}, median of {runs} runs:", config.pledges.len());
    println!("  read the store (Store::log)      {:>8.3} s", median(&mut load));
    println!("  rules::standing                  {:>8.3} s", median(&mut standing));
    println!(
        "  status --json document           {:>8.3} s  ({:.1} MB)",
        median(&mut json),
        bytes as f64 / 1e6
    );
    println!("  peak resident memory             {:>8.0} MB", peak_rss_kb() as f64 / 1024.0);
}
