//! What the benches share: a store of generated activities, medians, the target folder, peak memory.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pledgewatch::config::Config;
use pledgewatch::model::ActivityRow;
use pledgewatch::store::{FileVersion, ReadCounts, Store};

/// A store with one file holding `rows` activities of every kind, spread over 2019.
pub(crate) fn write_store(config: &Config, dir: &Path, rows: u32) {
    let _ = std::fs::remove_dir_all(dir);
    let mut store = Store::open(&dir.join("pledgewatch.sqlite")).expect("create the store");
    let version = FileVersion {
        source: "polisen".into(),
        path: "data/inbox/polisen/bench.xlsx".into(),
        size: 1,
        mtime_ns: 0,
        hash: "bench".into(),
        format: Some("xlsx".into()),
        fingerprint: config.reading_fingerprint(),
    };
    let kinds: Vec<&str> = config.activities.iter().map(|a| a.id.as_str()).collect();
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let mut tx =
        store.begin_read(&version, "2019-12-31T00:00:00Z".parse().expect("a moment")).expect("begin");
    for i in 0..rows {
        let row = ActivityRow {
            row: i + 2,
            date: start + chrono::Days::new(u64::from(i % 365)),
            activity: kinds[i as usize % kinds.len()].to_owned(),
            count: 1 + i % 3,
            hours: None,
            place: "Kalix centrum".into(),
            partners: if i % 2 == 0 { "Kalix kommun och grannsamverkan".into() } else { String::new() },
            tags: if i % 5 == 0 { "A-traktor".into() } else { String::new() },
            municipality: String::new(),
        };
        tx.activity("Logg", &row).expect("insert");
    }
    tx.commit(ReadCounts { rows_read: u64::from(rows), ..ReadCounts::default() }).expect("commit");
}

pub(crate) fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

pub(crate) fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The peak resident set of this process (VmHWM), in KiB.
pub(crate) fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(str::to_owned))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
