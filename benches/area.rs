//! Issue 15's speed requirement for a police area, measured in one run: "A store of 10,000,000
//! activities (50 municipalities × 10 years × 20,000 rows): `status` for one municipality and period
//! ≤ 50 ms, the follow-up of one ≤ 1 s, a daily reminders pass over all 50 ≤ 30 s".
//!
//! Run with `cargo bench --bench area` (on the 2-core development machine about 3½ minutes the first
//! time, 45 s of it writing the 1.2 GB store, and 2 minutes once it exists; another 1.2 GB while a
//! pass runs on its copy). It writes, once, under `target/bench-data/area-50x10x20000/`:
//!
//! - a police area: `config.toml` (the police, its LPO chief and kommunpolis, its log `polisen`,
//!   mail by the `dir` transport, the state in `data/`) and `kommuner/m01.toml` … `m50.toml`, each a
//!   municipality with its own party, three people, log, 10 yearly periods 2015–2024 (each with its
//!   follow-up on 1 February of the next year), 6 activity kinds and 8 pledges of every rule kind
//!   (total, rate, ongoing, qualitative; with partners and report tags);
//! - the store `data/pledgewatch.sqlite`, written through the `Store` API as ingest writes it: for
//!   each municipality and year 20,000 activities in two files, 10,000 in the police's log
//!   (`data/inbox/polisen/m07-2019.xlsx`) and 10,000 in the municipality's own
//!   (`data/inbox/m07/m07-2019.xlsx`), spread over the year (2024 up to 9 June, the day before the
//!   pass) and the kinds; the walks of `trygghetsvandringar` are rare, so some pledges are behind
//!   and the passes have reminders to decide. Each file in the inbox is a small placeholder whose
//!   size and modification time the store records, so that the ingest of `once` finds every file
//!   unchanged, as the daemon's daily pass does (the placeholders are not workbooks: nothing here
//!   reads them).
//!
//! It is reused while its `data/complete` says it was written whole, by this layout, for this
//! reading fingerprint (a change of the reader or of the config's names makes it write it again).
//! The bench then runs the release binary (`pledgewatch`, built by `cargo bench`), each run in a
//! child process of this bench (started again with `--child`), so that the peak resident memory
//! it reports (getrusage of its children) is that run's alone; it prints every run and a table of
//! the medians against the targets:
//!
//! - `status -m m17 --period 2020 --as-of 2024-06-10 --json`: one municipality and period;
//! - `report -m m17 --period 2020 --as-of 2024-06-10 --out DIR`: the follow-up of one (HTML, PDF and
//!   summary);
//! - `notify --as-of 2024-06-10` over all 50, on a fresh copy of the store (`config-pass.toml`, the
//!   same area with its state in `pass/`): the first pass, which decides every reminder, outcome and
//!   the week's digest (a Monday), and writes them as .eml files;
//! - then `once --now "2024-06-11 07:00"` on that copy: the next day's scheduled pass, as the daemon
//!   runs it (ingest of the unchanged inbox, reminders, send). Before the first pass the copy is given
//!   the job history of a daemon that has served the area all along (by SQL into `job_runs`, which
//!   has no API): the follow-ups of 2015–2023 done on their days, the first pass's morning jobs done;
//!   without it `once` would catch up every follow-up (a one-off slot is never skipped).
//!
//! `PLEDGEWATCH_BENCH_RUNS` (default 5) sets the runs of `status` and `report` (after one warm-up
//! each), `PLEDGEWATCH_BENCH_PASSES` (default 3) those of the two passes (each on a fresh copy).
//! `PLEDGEWATCH_BENCH_MUNICIPALITIES` (default 50) and `PLEDGEWATCH_BENCH_ROWS` (a municipality's
//! activities a year, default 20,000) make a smaller area for trying the bench out; the targets are
//! meant for the defaults. The exit code is 0 whether or not the targets are met.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Instant, UNIX_EPOCH};

use chrono::{DateTime, Days, NaiveDate, Utc};
use pledgewatch::config::Install;
use pledgewatch::model::ActivityRow;
use pledgewatch::store::{FileVersion, ReadCounts, Store};

#[allow(dead_code)] // write_store and peak_rss_kb are the other benches'
mod common;
use common::{env_number, median, target_dir};

/// Changed whenever what `write_area` or `write_store` writes changes: a store of another layout is
/// written again.
const LAYOUT: u32 = 1;
const FIRST_YEAR: i32 = 2015;
const LAST_YEAR: i32 = 2024;
const DEFAULT_MUNICIPALITIES: usize = 50;
const DEFAULT_ROWS: u32 = 20_000;
/// The municipality and period of `status` and `report`.
const CHOSEN: usize = 17;
const PERIOD: &str = "2020";
/// The day of the first pass (a Monday: the week's digest is decided too), and the next day's pass.
const AS_OF: &str = "2024-06-10";
const NEXT_PASS: &str = "2024-06-11 07:00";
/// The last year is logged up to the day before the first pass.
const LOGGED_UNTIL: (u32, u32) = (6, 9);

const STATUS_TARGET_MS: f64 = 50.0;
const REPORT_TARGET_MS: f64 = 1000.0;
const PASS_TARGET_MS: f64 = 30_000.0;

/// The activity kinds of every municipality: id, name.
const KINDS: [(&str, &str); 6] = [
    ("medborgarkontakt", "Medborgarkontakt"),
    ("trafiksakerhetsinsats", "Trafiksäkerhetsinsats"),
    ("narkotikainsats", "Narkotikainsats"),
    ("tidig-insats", "Tidig insats"),
    ("grannsamverkan", "Grannsamverkan"),
    ("trygghetsvandring", "Trygghetsvandring"),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
    } else if args.iter().any(|a| a == "--bench") {
        bench();
    } else {
        // `cargo test --benches` / `--all-targets` runs bench binaries without `--bench`.
        println!("area bench: not run (use `cargo bench --bench area`)");
    }
}

// ---------------------------------------------------------------------------------------------
// The parent: the area and its store, the runs, the table.

fn bench() {
    let municipalities: usize = env_number("PLEDGEWATCH_BENCH_MUNICIPALITIES", DEFAULT_MUNICIPALITIES);
    let rows: u32 = env_number("PLEDGEWATCH_BENCH_ROWS", DEFAULT_ROWS);
    let runs: usize = env_number("PLEDGEWATCH_BENCH_RUNS", 5usize).max(1);
    let passes: usize = env_number("PLEDGEWATCH_BENCH_PASSES", 3usize).max(1);
    assert!(municipalities >= 1 && rows >= 2, "at least one municipality and two rows a year");
    let years = (LAST_YEAR - FIRST_YEAR + 1) as usize;
    let dir = target_dir().join("bench-data").join(format!("area-{municipalities}x{years}x{rows}"));
    write_area(&dir, municipalities);
    let config = dir.join("config.toml");
    let install = Install::load(&config).unwrap_or_else(|e| panic!("the area's config: {e:?}"));
    let fingerprint = install.reading_fingerprint();
    let pass_config = dir.join("config-pass.toml");
    let pass_install = Install::load(&pass_config).unwrap_or_else(|e| panic!("the pass's config: {e:?}"));
    assert_eq!(pass_install.reading_fingerprint(), fingerprint, "the pass reads the inbox as the area");

    let total = municipalities as u64 * years as u64 * u64::from(rows);
    let key = format!(
        "layout {LAYOUT}\nmunicipalities {municipalities}\nyears {FIRST_YEAR}-{LAST_YEAR}\nrows {rows}\nfingerprint {fingerprint}\n"
    );
    let marker = dir.join("data/complete");
    let store_path = dir.join("data/pledgewatch.sqlite");
    let build_secs = match std::fs::read_to_string(&marker) {
        Ok(text) if text.starts_with(&key) && store_path.is_file() => {
            let secs = text.lines().find_map(|l| l.strip_prefix("build_secs ")).and_then(|s| s.parse().ok());
            println!("reusing the store at {} (written whole earlier)", store_path.display());
            secs.unwrap_or(f64::NAN)
        }
        _ => {
            println!(
                "writing {total} activities ({municipalities} municipalities × {years} years × {rows}) to {} …",
                store_path.display()
            );
            let started = Instant::now();
            write_store(&dir, municipalities, rows, &fingerprint);
            let secs = started.elapsed().as_secs_f64();
            std::fs::write(&marker, format!("{key}build_secs {secs:.1}\n")).expect("write data/complete");
            secs
        }
    };
    // Opening applies any migration of this build (in place, once), before anything is timed.
    let store = Store::open(&store_path).expect("open the store");
    let schema = store.schema_version().expect("schema version");
    let files = store.files().expect("the files");
    let stored: u64 = files.iter().map(|f| store.activity_count(f.id).expect("count")).sum();
    drop(store);
    assert_eq!(stored, total, "activities in the store");
    let size = store_bytes(&dir.join("data"));
    println!(
        "store: {stored} activities in {} files, schema {schema}, {:.0} MB; written in {build_secs:.1} s",
        files.len(),
        size as f64 / 1e6
    );
    let check = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .arg("--config")
        .arg(&config)
        .arg("check")
        .output()
        .expect("run check");
    assert!(check.status.success(), "check fails:\n{}", String::from_utf8_lossy(&check.stdout));

    let chosen = format!("m{:02}", CHOSEN.min(municipalities));
    let results = [status_runs(&dir, &config, &chosen, runs), report_runs(&dir, &config, &chosen, runs)];
    let [notify, once] = pass_runs(&dir, &pass_config, municipalities, passes);
    let results = [&results[0], &results[1], &notify, &once];

    println!();
    println!(
        "police area: {municipalities} municipalities × {years} years × {rows} activities = {total} \
         ({:.0} MB store, written in {build_secs:.1} s)",
        size as f64 / 1e6
    );
    println!("{:<58} {:>5} {:>10} {:>9} {:>11}  result", "what", "runs", "median ms", "peak MB", "target");
    let mut failed = 0;
    for r in results {
        let ms = r.median_ms();
        let pass = ms <= r.target_ms;
        failed += usize::from(!pass);
        println!(
            "{:<58} {:>5} {ms:>10.1} {:>9.1} {:>11}  {}",
            r.what,
            r.runs.len(),
            r.peak_mb(),
            format!("≤ {:.0} ms", r.target_ms),
            if pass { "PASS" } else { "FAIL" }
        );
    }
    if municipalities != DEFAULT_MUNICIPALITIES || rows != DEFAULT_ROWS {
        println!(
            "(not the default size: the targets are meant for {DEFAULT_MUNICIPALITIES} municipalities × \
             {DEFAULT_ROWS} activities a year)"
        );
    }
    println!(
        "{}",
        if failed == 0 { "all targets met".to_owned() } else { format!("{failed} target(s) FAILED") }
    );
}

/// The runs of one measurement.
struct Runs {
    what: String,
    target_ms: f64,
    runs: Vec<Measurement>,
}

impl Runs {
    fn new(what: String, target_ms: f64) -> Runs {
        Runs { what, target_ms, runs: Vec::new() }
    }

    fn median_ms(&self) -> f64 {
        median(&mut self.runs.iter().map(|m| m.secs * 1000.0).collect::<Vec<_>>())
    }

    fn peak_mb(&self) -> f64 {
        self.runs.iter().map(|m| m.peak_mb).fold(0.0, f64::max)
    }

    fn push(&mut self, m: Measurement) {
        println!("  {}: {:.1} ms, {:.1} MB", self.what, m.secs * 1000.0, m.peak_mb);
        self.runs.push(m);
    }
}

fn status_runs(dir: &Path, config: &Path, chosen: &str, runs: usize) -> Runs {
    let out = dir.join("runs/status.json");
    let args =
        pledgewatch_args(config, &["status", "-m", chosen, "--period", PERIOD, "--as-of", AS_OF, "--json"]);
    let mut r = Runs::new(format!("status -m {chosen} --period {PERIOD} --json"), STATUS_TARGET_MS);
    measure(&out, &args); // warm-up
    for _ in 0..runs {
        r.push(measure(&out, &args));
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("status's output")).expect("status --json");
    let pledges = json["pledges"].as_array().expect("pledges");
    let counted: usize = pledges.iter().filter_map(|p| p["counted"].as_array()).map(Vec::len).sum();
    assert!(
        !pledges.is_empty()
            && pledges.iter().all(|p| p["municipality"] == chosen && p["period"] == PERIOD)
            && counted > 0,
        "status --json is not of {chosen} in {PERIOD}, or counts nothing"
    );
    let behind = pledges.iter().filter(|p| p["verdict"] != "met").count();
    println!(
        "  ({} pledges, {counted} activities counted, {behind} not met; {:.1} MB of JSON)",
        pledges.len(),
        std::fs::metadata(&out).map_or(0, |m| m.len()) as f64 / 1e6
    );
    r
}

fn report_runs(dir: &Path, config: &Path, chosen: &str, runs: usize) -> Runs {
    let reports = dir.join("runs/report");
    let mut args = pledgewatch_args(config, &["report", "-m", chosen, "--period", PERIOD, "--as-of", AS_OF]);
    args.extend(["--out".into(), reports.clone().into_os_string()]);
    let out = dir.join("runs/report.txt");
    let mut r =
        Runs::new(format!("report -m {chosen} --period {PERIOD} (HTML, PDF, summary)"), REPORT_TARGET_MS);
    for run in 0..=runs {
        let _ = std::fs::remove_dir_all(&reports);
        let m = measure(&out, &args);
        if run > 0 {
            r.push(m); // the first is a warm-up
        }
    }
    let written: Vec<String> = std::fs::read_dir(&reports)
        .expect("the report's folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(written.iter().any(|n| n.ends_with(".pdf")), "report wrote no PDF: {written:?}");
    println!("  (wrote {})", written.join(", "));
    r
}

/// Each pass on a fresh copy of the store: `notify` on the day, then `once` the next morning.
fn pass_runs(dir: &Path, config: &Path, municipalities: usize, passes: usize) -> [Runs; 2] {
    let state = dir.join("pass");
    let mut notify = Runs::new(format!("notify --as-of {AS_OF} (all, first pass, digest)"), PASS_TARGET_MS);
    let mut once = Runs::new(format!("once --now \"{NEXT_PASS}\" (all, next day's pass)"), PASS_TARGET_MS);
    let notify_args = pledgewatch_args(config, &["notify", "--as-of", AS_OF]);
    let once_args = pledgewatch_args(config, &["once", "--now", NEXT_PASS]);
    for _ in 0..passes {
        let _ = std::fs::remove_dir_all(&state);
        std::fs::create_dir_all(&state).expect("create pass/");
        for suffix in ["", "-wal"] {
            let from = dir.join(format!("data/pledgewatch.sqlite{suffix}"));
            if from.exists() {
                std::fs::copy(&from, state.join(format!("pledgewatch.sqlite{suffix}")))
                    .expect("copy the store");
            }
        }
        seed_job_history(&state.join("pledgewatch.sqlite"), municipalities);
        notify.push(measure(&dir.join("runs/notify.txt"), &notify_args));
        let mails = eml_count(&state);
        once.push(measure(&dir.join("runs/once.txt"), &once_args));
        println!("    ({mails} mails from notify, {} from once)", eml_count(&state) - mails);
    }
    // The copy's store goes (1 GB); its outbox stays, to be looked at.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(state.join(format!("pledgewatch.sqlite{suffix}")));
    }
    let said = std::fs::read_to_string(dir.join("runs/once.txt")).unwrap_or_default();
    println!("  (once said: {})", said.lines().collect::<Vec<_>>().join(" | "));
    [notify, once]
}

/// The daemon's job history, as if it had served the area all along: each follow-up's job ran on
/// its day (else `once` would write all 500 follow-ups now, a one-off slot being never skipped), and
/// the ingest, reminders and digest of the morning of the first pass ran. The store has no API for
/// this (only the jobs write it): the rows go in by SQL, into `job_runs` (migration 0004).
fn seed_job_history(store: &Path, municipalities: usize) {
    let conn = rusqlite::Connection::open(store).expect("open the copy");
    let insert = |job: &str, slot: &str| {
        conn.execute(
            "INSERT INTO job_runs (job, slot, outcome, started_at, finished_at, detail)
             VALUES (?1, ?2, 'ok', ?2, ?2, 'the area bench: as if run on its day')",
            [job, slot],
        )
        .expect("record a job run");
    };
    // 07:00 in Stockholm (CEST) on the first pass's day.
    let morning = format!("{AS_OF}T05:00:00Z");
    for job in ["ingest", "reminders", "digest"] {
        insert(job, &morning);
    }
    // Each follow-up of a year before the last, in mid-February of the next year: after its day
    // (1 February, or the next working day), long before the pass.
    for m in 1..=municipalities {
        for year in FIRST_YEAR..LAST_YEAR {
            let job = format!("report:{}/{year}", municipality_id(m));
            insert(&job, &format!("{}-02-15T12:00:00Z", year + 1));
        }
    }
}

/// The .eml files the `dir` transport wrote under `state`.
fn eml_count(state: &Path) -> usize {
    fn walk(dir: &Path, n: &mut usize) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, n);
            } else if path.extension().is_some_and(|e| e == "eml") {
                *n += 1;
            }
        }
    }
    let mut n = 0;
    walk(state, &mut n);
    n
}

fn pledgewatch_args(config: &Path, args: &[&str]) -> Vec<OsString> {
    let mut out: Vec<OsString> = vec!["--config".into(), config.into()];
    out.extend(args.iter().map(OsString::from));
    out
}

/// One run's numbers.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    secs: f64,
    peak_mb: f64,
}

/// Runs `pledgewatch ARGS…` in a child of this bench (`--child OUT ARGS…`), its stdout into `out`,
/// and reads the child's `RESULT secs peak_kb` line.
fn measure(out: &Path, args: &[OsString]) -> Measurement {
    std::fs::create_dir_all(out.parent().expect("a folder")).expect("create runs/");
    let exe = std::env::current_exe().expect("the bench binary's path");
    let child = Command::new(exe).arg("--child").arg(out).args(args).output().expect("start a run");
    let stdout = String::from_utf8_lossy(&child.stdout);
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(child.status.success(), "run {args:?} failed ({}):\n{stdout}{stderr}", child.status);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("run {args:?} printed no RESULT line:\n{stdout}{stderr}"));
    let fields: Vec<f64> = line.split_whitespace().map(|x| x.parse().expect("a number")).collect();
    let [secs, peak_kb] = fields[..] else { panic!("bad RESULT line {line:?}") };
    Measurement { secs, peak_mb: peak_kb / 1024.0 }
}

/// The store's size with its journal.
fn store_bytes(state: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(state.join(format!("pledgewatch.sqlite{s}"))).ok())
        .map(|m| m.len())
        .sum()
}

// ---------------------------------------------------------------------------------------------
// The child: one run of the binary, printed as `RESULT secs peak_kb`.

fn child(args: &[String]) {
    let [out, rest @ ..] = args else { panic!("usage: --child OUT ARGS…") };
    let stdout = std::fs::File::create(out).expect("create the run's output");
    let started = Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(rest)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("run pledgewatch");
    let secs = started.elapsed().as_secs_f64();
    let peak_kb = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage")
        .max_rss();
    if !run.status.success() {
        eprint!("{}", String::from_utf8_lossy(&run.stderr));
        eprintln!("pledgewatch {rest:?}: {}", run.status);
        std::process::exit(1);
    }
    println!("RESULT {secs} {peak_kb}");
}

// ---------------------------------------------------------------------------------------------
// The area.

fn municipality_id(m: usize) -> String {
    format!("m{m:02}")
}

/// The municipality's name: made-up names, `Norrby kommun` … `Mellannäs kommun`.
fn municipality_name(m: usize) -> String {
    const FIRST: [&str; 5] = ["Norr", "Söder", "Väster", "Öster", "Mellan"];
    const LAST: [&str; 10] = ["by", "sund", "åsen", "torp", "vik", "fors", "dal", "holm", "berga", "näs"];
    let i = m - 1;
    let name = format!("{}{}", FIRST[(i / LAST.len()) % FIRST.len()], LAST[i % LAST.len()]);
    match i / (FIRST.len() * LAST.len()) {
        0 => format!("{name} kommun"),
        n => format!("{name} {} kommun", n + 1),
    }
}

/// Writes the area's config files and its source folders (the same text every time).
fn write_area(dir: &Path, municipalities: usize) {
    std::fs::create_dir_all(dir.join("kommuner")).expect("create the area's folder");
    let mut members = String::new();
    for m in 1..=municipalities {
        let id = municipality_id(m);
        members.push_str(&format!("\n[[municipality]]\nid = \"{id}\"\nconfig = \"kommuner/{id}.toml\"\n"));
        write_if_changed(&dir.join(format!("kommuner/{id}.toml")), &municipality_file(m));
        std::fs::create_dir_all(dir.join("data/inbox").join(&id)).expect("create a source folder");
    }
    std::fs::create_dir_all(dir.join("data/inbox/polisen")).expect("create the police's folder");
    for (name, state) in [("config.toml", "data"), ("config-pass.toml", "pass")] {
        write_if_changed(&dir.join(name), &format!("{}{members}", area_file(state)));
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// The area's `config.toml` but its `[[municipality]]` tables, with its state in `state`.
fn area_file(state: &str) -> String {
    format!(
        r#"# The police area of `cargo bench --bench area` (benches/area.rs), written by it.
police_area = "Lokalpolisområde Bänkby"
timezone = "Europe/Stockholm"
state_dir = "{state}"

[[party]]
id = "polisen"
name = "Lokalpolisområde Bänkby"
contacts = ["lpo-chef"]

[[person]]
id = "lpo-chef"
name = "Lena Holmgren"
title = "LPO-chef, Lokalpolisområde Bänkby"
email = "lena.holmgren@polisen.example"

[[person]]
id = "kommunpolis"
name = "Jonas Berg"
title = "kommunpolis"
email = "jonas.berg@polisen.example"

[mail]
from = "pledgewatch@polisen.example"
from_name = "Medborgarlöften Bänkby"
transport = "dir"
digest_to = ["lpo-chef"]

[schedule]
ingest = "*/15 * * * mon-fri"
reminders = "07:00"
digest = "mon 07:00"
catch_up_hours = 72
report = "08:00"
watch_inbox = false

[[source]]
name = "polisen"
dir = "data/inbox/polisen"
party = "polisen"
log_keeper = "kommunpolis"
"#
    )
}

/// A municipality's file: its name, party, people, log, periods, activities and pledges.
fn municipality_file(m: usize) -> String {
    let (id, name) = (municipality_id(m), municipality_name(m));
    let mut text = format!(
        r#"# {name} of the police area of `cargo bench --bench area`, written by it.
municipality = "{name}"

[[party]]
id = "kommunen"
name = "{name}"
contacts = ["samordnare"]

[[person]]
id = "samordnare"
name = "Sara Nilsson {m:02}"
title = "trygghetssamordnare, {name}"
email = "samordnare@{id}.example"

[[person]]
id = "kommunalrad"
name = "Per Öhman {m:02}"
title = "kommunalråd, {name}"
email = "kommunalrad@{id}.example"

[[person]]
id = "bra-ordforande"
name = "Åsa Lindqvist {m:02}"
title = "ordförande i det lokala brottsförebyggande rådet"
email = "bra@{id}.example"

[mail]
digest_to = ["kommunalrad"]
coordinator = "samordnare"

[[source]]
name = "{id}"
dir = "../data/inbox/{id}"
party = "kommunen"
log_keeper = "samordnare"
"#
    );
    for year in FIRST_YEAR..=LAST_YEAR {
        text.push_str(&format!(
            "\n[[period]]\nid = \"{year}\"\nstart = {year}-01-01\nend = {year}-12-31\n[period.report]\n\
             date = {}-02-01\nto = [\"bra-ordforande\"]\ncc = [\"lpo-chef\", \"kommunalrad\"]\n",
            year + 1
        ));
    }
    for (kind, kind_name) in KINDS {
        text.push_str(&format!("\n[[activity]]\nid = \"{kind}\"\nname = \"{kind_name}\"\n"));
    }
    text.push_str(PLEDGES);
    text
}

/// Every municipality's pledges: each rule kind, partners, report tags.
const PLEDGES: &str = r#"
[[pledge]]
id = "medborgarkontakter"
title = "Medborgarkontakter"
promise = "Genomföra minst tre medborgarkontakter i snitt per vecka."
owners = ["polisen"]
activities = ["medborgarkontakt"]
rule = { kind = "rate", at_least = 3, per = "week" }

[[pledge]]
id = "trafiksakerhet"
title = "Trafiksäkerhetsinsatser"
promise = "Genomföra minst fyra trafiksäkerhetsinsatser, bland annat mot A-traktorer."
owners = ["polisen"]
activities = ["trafiksakerhetsinsats"]
rule = { kind = "total", at_least = 4 }
report_tags = ["A-traktor"]

[[pledge]]
id = "trafik-varje-manad"
title = "Trafikkontroller varje månad"
promise = "Göra trafikkontroller varje månad."
owners = ["polisen"]
activities = ["trafiksakerhetsinsats"]
rule = { kind = "ongoing", at_least = 1, each = "month" }

[[pledge]]
id = "narkotika"
title = "Riktade insatser mot narkotikamissbruk"
promise = "Genomföra minst två riktade insatser mot narkotikamissbruk, i samverkan."
owners = ["polisen", "kommunen"]
activities = ["narkotikainsats"]
rule = { kind = "total", at_least = 2 }
partners = { non_empty = true }

[[pledge]]
id = "tidiga-insatser"
title = "Tidiga insatser mot ANDTS"
promise = "Prioritera det förebyggande arbetet med tidiga insatser."
owners = ["polisen", "kommunen"]
activities = ["tidig-insats"]
rule = { kind = "qualitative" }

[[pledge]]
id = "kommunen-narvaro"
title = "Kommunens närvaro"
promise = "Kommunen deltar i minst två insatser i månaden."
owners = ["kommunen"]
activities = ["tidig-insats", "grannsamverkan"]
rule = { kind = "rate", at_least = 2, per = "month" }

[[pledge]]
id = "grannsamverkan"
title = "Grannsamverkan"
promise = "Löpande arbeta med grannsamverkan."
owners = ["polisen", "kommunen"]
activities = ["grannsamverkan"]
rule = { kind = "ongoing", at_least = 1, each = "quarter" }

[[pledge]]
id = "trygghetsvandringar"
title = "Trygghetsvandringar"
promise = "Genomföra minst två trygghetsvandringar tillsammans med kommunen och grannsamverkan."
owners = ["polisen", "kommunen"]
activities = ["trygghetsvandring"]
rule = { kind = "total", at_least = 2 }
partners = { all_of = [["kommun", "polis"], ["grannsamverkan"]] }
"#;

// ---------------------------------------------------------------------------------------------
// The store.

/// Writes the store afresh: for each municipality and year its two files (the police's, its own),
/// each in one transaction of the `Store` API, as ingest writes a file.
fn write_store(dir: &Path, municipalities: usize, rows: u32, fingerprint: &str) {
    let data = dir.join("data");
    for name in ["pledgewatch.sqlite", "pledgewatch.sqlite-wal", "pledgewatch.sqlite-shm", "complete"] {
        let _ = std::fs::remove_file(data.join(name));
    }
    let mut store = Store::open(&data.join("pledgewatch.sqlite")).expect("create the store");
    let started = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for m in 1..=municipalities {
        for year in FIRST_YEAR..=LAST_YEAR {
            for own in [false, true] {
                let n = if own { rows - rows / 2 } else { rows / 2 };
                write_file(&mut store, dir, LogFile { m, year, own, rows: n }, fingerprint, &mut rng);
            }
        }
        if m.is_multiple_of(5) || m == municipalities {
            println!("  {m} of {municipalities} municipalities, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    drop(store); // checkpoints the journal into the store
}

/// One log file of a municipality and year.
#[derive(Clone, Copy)]
struct LogFile {
    m: usize,
    year: i32,
    /// The municipality's own log, else the police's.
    own: bool,
    rows: u32,
}

/// A placeholder in the inbox and its rows in the store, its record matching the placeholder's size
/// and modification time (so ingest finds it unchanged).
fn write_file(store: &mut Store, dir: &Path, f: LogFile, fingerprint: &str, rng: &mut Rng) {
    let id = municipality_id(f.m);
    let source = if f.own { id.clone() } else { "polisen".to_owned() };
    let rel = format!("data/inbox/{source}/{id}-{}.xlsx", f.year);
    let content = format!("A placeholder of the area bench (benches/area.rs): {rel}\n");
    let path = dir.join(&rel);
    std::fs::write(&path, &content).expect("write a placeholder");
    let meta = std::fs::metadata(&path).expect("the placeholder");
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    let version = FileVersion {
        source,
        path: rel,
        size: meta.len(),
        mtime_ns,
        hash: blake3::hash(content.as_bytes()).to_hex().to_string(),
        format: Some("xlsx".into()),
        fingerprint: fingerprint.to_owned(),
    };
    // Read a few days after the year's end; the current year the day before the pass.
    let read_at = if f.year == LAST_YEAR {
        format!("{LAST_YEAR}-{:02}-{:02}T18:00:00Z", LOGGED_UNTIL.0, LOGGED_UNTIL.1)
    } else {
        format!("{}-01-10T12:00:00Z", f.year + 1)
    };
    let read_at: DateTime<Utc> = read_at.parse().expect("a moment");
    let mut tx = store.begin_read(&version, read_at).expect("begin");
    for row in rows_of(f, rng) {
        tx.activity("Logg", &row).expect("insert");
    }
    tx.commit(ReadCounts { rows_read: u64::from(f.rows), ..ReadCounts::default() }).expect("commit");
}

/// A file's rows, by date over the year (the last year up to `LOGGED_UNTIL`). Mostly contacts and
/// traffic; in the police's log 0–2 walks a year, some without neighbourhood watch as partner, so
/// that `trygghetsvandringar` is behind or not met in some municipalities and years.
fn rows_of(f: LogFile, rng: &mut Rng) -> Vec<ActivityRow> {
    const PLACES: [&str; 8] =
        ["Centrum", "Torget", "Resecentrum", "Skolan", "Idrottshallen", "Strandgatan", "Hamnen", "Byn"];
    const PARTNERS: [&str; 6] =
        ["", "", "Socialtjänsten", "Kommunen och grannsamverkan", "Räddningstjänsten", "Fältgruppen; Skolan"];
    const TAGS: [&str; 6] = ["", "", "", "A-traktor", "Helg", "Skola;Kväll"];
    let start = NaiveDate::from_ymd_opt(f.year, 1, 1).expect("1 January");
    let end = if f.year == LAST_YEAR {
        NaiveDate::from_ymd_opt(f.year, LOGGED_UNTIL.0, LOGGED_UNTIL.1).expect("a day")
    } else {
        NaiveDate::from_ymd_opt(f.year, 12, 31).expect("31 December")
    };
    let days = (end - start).num_days() as u64 + 1;
    let walks = if f.own { 0 } else { (f.m + f.year as usize) % 3 };
    let walk_partners =
        if (f.m + f.year as usize).is_multiple_of(5) { "Kommunen" } else { "Kommunen och grannsamverkan" };
    let walk_rows: Vec<u32> = (0..walks as u32).map(|j| (j + 1) * f.rows / (walks as u32 + 1)).collect();
    (0..f.rows)
        .map(|i| {
            let date = start + Days::new(u64::from(i) * days / u64::from(f.rows));
            let walk = walk_rows.contains(&i);
            let kind = match rng.below(100) {
                _ if walk => KINDS[5].0,
                0..50 => KINDS[0].0,
                50..70 => KINDS[1].0,
                70..78 => KINDS[2].0,
                78..88 => KINDS[3].0,
                _ => KINDS[4].0,
            };
            ActivityRow {
                row: i + 2,
                date,
                activity: kind.to_owned(),
                count: 1 + rng.below(3) as u32,
                hours: None,
                place: PLACES[rng.below(PLACES.len())].to_owned(),
                partners: if walk {
                    walk_partners.to_owned()
                } else {
                    PARTNERS[rng.below(PARTNERS.len())].to_owned()
                },
                tags: TAGS[rng.below(TAGS.len())].to_owned(),
                municipality: municipality_id(f.m),
            }
        })
        .collect()
}

/// xorshift64*: repeatable and cheap.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}
