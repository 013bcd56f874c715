//! The annual follow-up over a large year: the documents from the store (`report::publish::make`:
//! standings, content, HTML, PDF and public summary), as the report job and `pledgewatch report` make
//! them.
//!
//! Run with `cargo bench --bench report`. A store with `PLEDGEWATCH_BENCH_ROWS` activities (default
//! 20,000, spread over 2019 and the shipped config's activity kinds; a busy municipality logs a few
//! thousand a year) is written once to `target/bench-data/` and reused. Prints the median of
//! `PLEDGEWATCH_BENCH_RUNS` runs (default 3), the sizes, and the peak resident memory.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use pledgewatch::config::Config;
use pledgewatch::report::{Format, publish};
use pledgewatch::store::Store;

mod common;
use common::{env_number, median, peak_rss_kb, target_dir, write_store};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of tests; there are none
    }
    let rows: u32 = env_number("PLEDGEWATCH_BENCH_ROWS", 20_000);
    let runs: usize = env_number("PLEDGEWATCH_BENCH_RUNS", 3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = Config::load(&root.join("config.toml")).expect("the shipped config");
    // No comments file: the bench measures the report, not the sample's comments.
    config.report.comments = target_dir().join("bench-data").join("no-comments.toml");
    let dir = target_dir().join("bench-data").join(format!("reconcile-{rows}"));
    let store_path = dir.join("pledgewatch.sqlite");
    if !store_path.exists() {
        write_store(&config, &dir, rows);
    }
    let store = Store::open(&store_path).expect("open");
    let period = config.periods.iter().find(|p| p.id == "2019").expect("period 2019");
    let as_of = NaiveDate::from_ymd_opt(2020, 2, 3).unwrap();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); 3];
    let mut sizes = [0usize; 3];
    for _ in 0..runs {
        for (i, format) in Format::ALL.into_iter().enumerate() {
            let t = Instant::now();
            let made = publish::make(&config, &store, period, as_of, &[format]).expect("report");
            times[i].push(t.elapsed().as_secs_f64());
            sizes[i] = made.files[0].bytes.len();
        }
    }
    println!(
        "{rows} activities, {} pledges, period 2019, median of {runs} runs (store read included):",
        config.pledges.len()
    );
    for (i, format) in Format::ALL.into_iter().enumerate() {
        println!(
            "  {:<28} {:>8.3} s  ({:.1} MB)",
            format.file_name("2019", false),
            median(&mut times[i]),
            sizes[i] as f64 / 1e6
        );
    }
    println!("  peak resident memory         {:>8.0} MB", peak_rss_kb() as f64 / 1024.0);
}
