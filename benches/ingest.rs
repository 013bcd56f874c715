//! Ingest of a 1,000,000-row activity log against bare calamine, in the same run.
//!
//! Run with `cargo bench --bench ingest`. The workbook (sheet "Logg", 7 columns) is written once to
//! `target/bench-data/activities-1m.xlsx` and reused while it exists. Every measurement runs in a
//! child process (this binary, started again with `--child MODE …`), so that the peak resident memory
//! it reports (VmHWM) belongs to that measurement alone:
//!
//! - `bare`: calamine's range read (`worksheet_range`) and a walk over every cell: the reference.
//! - `cells`: calamine's streaming cell reader over every cell: a second reference line.
//! - `ingest`: `pledgewatch::ingest` on a fresh state folder, timed from loading the config until
//!   `ingest` returns (closing the store, which checkpoints SQLite's WAL, is shown apart), with the
//!   workbook read by a reader process of the pledgewatch binary, as the service reads it; its peak
//!   memory is this process's and the reader's together.
//! - `thread`: the same ingest with the workbook read on a thread of this process (as the library's
//!   own tests read), for the cost of the reader process.
//! - `rescan`: the same ingest again on the same state folder, with the inbox unchanged.
//!
//! The targets (from the issue) are checked and printed as PASS or FAIL; the exit code is 0 either way,
//! so that the numbers are always shown. `PLEDGEWATCH_BENCH_ROWS` and `PLEDGEWATCH_BENCH_RUNS` change
//! the row count and the number of runs (for trying the bench out quickly); the targets are meant for
//! the defaults.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const SHEET: &str = "Logg";
const HEADER: [&str; 7] = ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig"];
const DEFAULT_ROWS: u32 = 1_000_000;
const DEFAULT_RUNS: usize = 5;
const RESCANS: usize = 5;

/// Ingest within this many times bare calamine's time.
const TIME_TARGET: f64 = 1.3;
/// Ingest's peak memory at most this share of bare calamine's.
const MEMORY_TARGET: f64 = 1.0 / 3.0;
/// A re-scan of the unchanged inbox within this share of the first ingest's time.
const RESCAN_TARGET: f64 = 0.02;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
    } else if args.iter().any(|a| a == "--bench") {
        bench();
    } else {
        // `cargo test --benches` / `--all-targets` runs bench binaries without `--bench`.
        println!("ingest bench: not run (use `cargo bench --bench ingest`)");
    }
}

// ---------------------------------------------------------------------------------------------
// The parent: writes the workbook, starts the measurements, prints the table.

fn bench() {
    let rows = env_number("PLEDGEWATCH_BENCH_ROWS", DEFAULT_ROWS);
    let runs = env_number("PLEDGEWATCH_BENCH_RUNS", DEFAULT_RUNS).max(1);
    let data_dir = target_dir().join("bench-data");
    std::fs::create_dir_all(&data_dir).expect("create target/bench-data");
    let name = if rows == DEFAULT_ROWS {
        "activities-1m.xlsx".to_owned()
    } else {
        format!("activities-{rows}.xlsx")
    };
    let xlsx = data_dir.join(name);
    if !xlsx.is_file() {
        let started = Instant::now();
        println!("writing {} ({rows} rows)…", xlsx.display());
        write_workbook(&xlsx, rows);
        println!("  written in {:.1} s", started.elapsed().as_secs_f64());
    }
    let size = std::fs::metadata(&xlsx).expect("workbook written").len();
    // Same start for every run: the file in the page cache.
    black_box(std::fs::read(&xlsx).expect("read the workbook"));

    let runs_dir = data_dir.join("runs");
    std::fs::create_dir_all(&runs_dir).expect("create target/bench-data/runs");
    let expected = rows.to_string();

    println!(
        "ingest bench: {rows} rows × {} columns, {} ({:.1} MB), {runs} runs each, {RESCANS} re-scans",
        HEADER.len(),
        xlsx.display(),
        mb(size)
    );
    let mut bare = Vec::new();
    let mut cells = Vec::new();
    let mut ingest = Vec::new();
    let mut thread = Vec::new();
    let mut kept_state = None;
    for run in 0..runs {
        bare.push(measure(&["bare", path_arg(&xlsx), &expected]));
        cells.push(measure(&["cells", path_arg(&xlsx), &expected]));
        let state = InboxDir::new(&runs_dir, &xlsx);
        ingest.push(measure(&["ingest", path_arg(&state.config), &expected]));
        thread.push(measure(&["thread", path_arg(&InboxDir::new(&runs_dir, &xlsx).config), &expected]));
        println!(
            "  run {}: bare {:.3} s {:.0} MB | cells {:.3} s {:.0} MB | ingest {:.3} s {:.0} MB (+ close {:.3} s) | in a thread {:.3} s {:.0} MB",
            run + 1,
            bare[run].secs,
            bare[run].peak_mb,
            cells[run].secs,
            cells[run].peak_mb,
            ingest[run].secs,
            ingest[run].peak_mb,
            ingest[run].close_secs,
            thread[run].secs,
            thread[run].peak_mb,
        );
        if kept_state.is_none() {
            kept_state = Some(state);
        }
    }
    let state = kept_state.expect("at least one run");
    let mut rescan = Vec::new();
    for _ in 0..RESCANS {
        rescan.push(measure(&["rescan", path_arg(&state.config), &expected]));
    }
    println!(
        "  re-scans: {}",
        rescan.iter().map(|m| format!("{:.4} s", m.secs)).collect::<Vec<_>>().join(", ")
    );

    let bare = Summary::of(&bare);
    let cells = Summary::of(&cells);
    let ingest = Summary::of(&ingest);
    let thread = Summary::of(&thread);
    let rescan = Summary::of(&rescan);

    println!();
    println!("{:<34} {:>5} {:>10} {:>9} {:>9}", "mode", "runs", "median s", "peak MB", "close s");
    for (label, s) in [
        ("bare calamine (worksheet_range)", &bare),
        ("calamine cells reader (reference)", &cells),
        ("pledgewatch ingest", &ingest),
        ("pledgewatch ingest (in a thread)", &thread),
        ("pledgewatch re-scan (unchanged)", &rescan),
    ] {
        let close = if s.close_secs > 0.0 { format!("{:.3}", s.close_secs) } else { "-".to_owned() };
        println!("{label:<34} {:>5} {:>10.3} {:>9.1} {close:>9}", s.runs, s.secs, s.peak_mb);
    }
    println!();
    println!("{:<34} {:>9} {:>9}  result", "check", "value", "target");
    let checks = [
        ("ingest / bare time", ingest.secs / bare.secs, TIME_TARGET, false),
        ("ingest / bare peak memory", ingest.peak_mb / bare.peak_mb, MEMORY_TARGET, false),
        ("re-scan / ingest time", rescan.secs / ingest.secs, RESCAN_TARGET, true),
    ];
    let mut failed = 0;
    for (label, value, target, percent) in checks {
        let pass = value <= target;
        failed += usize::from(!pass);
        let (value, target) = if percent {
            (format!("{:.2} %", value * 100.0), format!("≤ {:.0} %", target * 100.0))
        } else {
            (format!("{value:.2}×"), format!("≤ {target:.2}×"))
        };
        println!("{label:<34} {value:>9} {target:>9}  {}", if pass { "PASS" } else { "FAIL" });
    }
    if rows != DEFAULT_ROWS || runs < DEFAULT_RUNS {
        println!(
            "(not the default size: the targets are meant for {DEFAULT_ROWS} rows, {DEFAULT_RUNS} runs)"
        );
    }
    println!(
        "{}",
        if failed == 0 { "all targets met".to_owned() } else { format!("{failed} target(s) FAILED") }
    );
}

/// One child's numbers.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    secs: f64,
    peak_mb: f64,
    close_secs: f64,
}

/// Median time and largest peak of a mode's runs.
struct Summary {
    runs: usize,
    secs: f64,
    peak_mb: f64,
    close_secs: f64,
}

impl Summary {
    fn of(ms: &[Measurement]) -> Summary {
        let median = |f: fn(&Measurement) -> f64| {
            let mut v: Vec<f64> = ms.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        Summary {
            runs: ms.len(),
            secs: median(|m| m.secs),
            peak_mb: ms.iter().map(|m| m.peak_mb).fold(0.0, f64::max),
            close_secs: median(|m| m.close_secs),
        }
    }
}

/// Runs this binary as `--child ARGS…` and reads its `RESULT secs peak_kb close_secs` line.
fn measure(args: &[&str]) -> Measurement {
    let exe = std::env::current_exe().expect("the bench binary's path");
    let out = Command::new(exe).arg("--child").args(args).output().expect("start a measurement");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "measurement {args:?} failed ({}):\n{stdout}{stderr}", out.status);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("measurement {args:?} printed no RESULT line:\n{stdout}{stderr}"));
    let fields: Vec<f64> = line.split_whitespace().map(|x| x.parse().expect("a number")).collect();
    let [secs, peak_kb, close_secs] = fields[..] else { panic!("bad RESULT line {line:?}") };
    Measurement { secs, peak_mb: peak_kb / 1024.0, close_secs }
}

/// A fresh folder with the repository's config, one source folder holding only the workbook, the
/// other source folder empty, and the state folder inside. Removed when dropped.
struct InboxDir {
    _dir: tempfile::TempDir,
    config: PathBuf,
}

impl InboxDir {
    fn new(parent: &Path, xlsx: &Path) -> InboxDir {
        let dir = tempfile::Builder::new().prefix("ingest-").tempdir_in(parent).expect("a temp dir");
        let (text, sources) = bench_config(include_str!("../config.toml"));
        for (i, source) in sources.iter().enumerate() {
            let folder = dir.path().join(source);
            std::fs::create_dir_all(&folder).expect("create a source folder");
            if i == 0 {
                let file = folder.join(xlsx.file_name().expect("a file name"));
                if std::fs::hard_link(xlsx, &file).is_err() {
                    std::fs::copy(xlsx, &file).expect("copy the workbook into the inbox");
                }
            }
        }
        let config = dir.path().join("config.toml");
        std::fs::write(&config, text).expect("write config.toml");
        InboxDir { _dir: dir, config }
    }
}

/// The repository's config with its state in `state` and its sources' folders in `inbox/big` (the
/// first `[[source]]`) and `inbox/emptyN` (the others). Returns the text and the source folders in order.
fn bench_config(original: &str) -> (String, Vec<String>) {
    let mut sources = Vec::new();
    let mut state_set = false;
    let mut text = String::new();
    let mut table = "";
    for line in original.lines() {
        if line.trim_start().starts_with('[') {
            table = line.trim();
        }
        let key = line.split('=').next().unwrap_or("").trim();
        if key == "state_dir" && table.is_empty() {
            text.push_str("state_dir = \"state\"\n");
            state_set = true;
        } else if key == "dir" && table == "[[source]]" {
            let folder = if sources.is_empty() {
                "inbox/big".to_owned()
            } else {
                format!("inbox/empty{}", sources.len())
            };
            text.push_str(&format!("dir = \"{folder}\"\n"));
            sources.push(folder);
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    assert!(state_set, "config.toml has no state_dir line");
    assert!(!sources.is_empty(), "config.toml has no source dir");
    (text, sources)
}

/// Writes the activity log: a header and `rows` rows, in low-memory mode (rows go to a temporary
/// file as they are written, strings to the shared string table as Excel does).
fn write_workbook(path: &Path, rows: u32) {
    const ACTIVITIES: [&str; 10] = [
        "Medborgarkontakt",
        "Trafiksäkerhetsinsats",
        "Narkotikainsats",
        "Tidig insats",
        "Hundsök skola",
        "Grannsamverkan",
        "Trygghetsvandring",
        "Inbrottsinsats",
        "Skoterstöldsinsats",
        "Kommunikation",
    ];
    const PLACES: [&str; 8] = [
        "Kalix centrum",
        "Torget",
        "Resecentrum",
        "Näsbyskolan",
        "Centralskolan",
        "Strandgatan",
        "Rolfs",
        "Töre",
    ];
    const PARTNERS: [&str; 6] = [
        "",
        "Socialtjänsten",
        "Kommunen och Grannsamverkan",
        "Räddningstjänsten",
        "Fältgruppen; Skolan",
        "Kalix kommun, Grannsamverkan",
    ];
    const TAGS: [&str; 5] = ["", "", "A-traktor", "Helg", "Skola;Kväll"];
    const INITIALS: [&str; 7] = ["AB", "KL", "MN", "EJ", "PS", "LH", "TÖ"];
    const MONTH_DAYS: [u16; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet_with_low_memory().expect("a low-memory worksheet");
    sheet.set_name(SHEET).expect("sheet name");
    for (col, title) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold).expect("header");
    }
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        // xorshift64*: repeatable and cheap.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    };
    for i in 0..rows {
        let r = i + 1;
        // Dates spread evenly over 2019, in row order as a log grows.
        let mut day = (u64::from(i) * 365 / u64::from(rows)) as u16;
        let mut month = 0;
        while day >= MONTH_DAYS[month] {
            day -= MONTH_DAYS[month];
            month += 1;
        }
        let date = ExcelDateTime::from_ymd(2019, month as u8 + 1, day as u8 + 1).expect("a date in 2019");
        sheet.write_datetime_with_format(r, 0, &date, &date_format).expect("date");
        sheet.write_string(r, 1, ACTIVITIES[next(ACTIVITIES.len())]).expect("activity");
        sheet.write_number(r, 2, (1 + next(5)) as f64).expect("count");
        sheet.write_string(r, 3, PLACES[next(PLACES.len())]).expect("place");
        for (col, options) in [(4, &PARTNERS[..]), (5, &TAGS[..])] {
            let text = options[next(options.len())];
            if !text.is_empty() {
                sheet.write_string(r, col, text).expect("text");
            }
        }
        sheet.write_string(r, 6, INITIALS[next(INITIALS.len())]).expect("initials");
    }
    let partial = path.with_extension("xlsx.partial");
    workbook.save(&partial).expect("save the workbook");
    std::fs::rename(&partial, path).expect("move the workbook in place");
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v.parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

// ---------------------------------------------------------------------------------------------
// The children: one measurement each, printed as `RESULT secs peak_kb close_secs`.

fn child(args: &[String]) {
    let [mode, path, expected] = args else { panic!("usage: --child MODE PATH ROWS") };
    let path = Path::new(path);
    let expected: u64 = expected.parse().expect("expected row count");
    let (secs, close_secs) = match mode.as_str() {
        "bare" => (bare(path, expected), 0.0),
        "cells" => (cells(path, expected), 0.0),
        "ingest" => {
            pledgewatch::ingest::read_in_child(env!("CARGO_BIN_EXE_pledgewatch").into());
            ingest(path, expected, pledgewatch::ingest::FileStatus::New)
        }
        "thread" => ingest(path, expected, pledgewatch::ingest::FileStatus::New),
        "rescan" => ingest(path, expected, pledgewatch::ingest::FileStatus::Unchanged),
        other => panic!("unknown mode {other}"),
    };
    println!("RESULT {secs} {} {close_secs}", peak_rss_kb());
}

/// calamine's range read, then every cell touched.
fn bare(path: &Path, expected: u64) -> f64 {
    let started = Instant::now();
    let mut wb: Xlsx<_> = open_workbook(path).expect("open the workbook");
    let range = wb.worksheet_range(SHEET).expect("read the sheet");
    let mut sum = 0u64;
    let mut rows = 0u64;
    for row in range.rows() {
        rows += 1;
        for cell in row {
            sum = sum.wrapping_add(touch_owned(cell));
        }
    }
    black_box(sum);
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(rows, expected + 1, "bare calamine: rows in the range (header included)");
    secs
}

/// calamine's streaming cell reader, every cell touched.
fn cells(path: &Path, expected: u64) -> f64 {
    let started = Instant::now();
    let mut wb: Xlsx<_> = open_workbook(path).expect("open the workbook");
    let mut reader = wb.worksheet_cells_reader(SHEET).expect("a cell reader");
    let mut sum = 0u64;
    let mut last_row = 0;
    while let Some(cell) = reader.next_cell().expect("a cell") {
        last_row = cell.get_position().0;
        sum = sum.wrapping_add(touch_ref(cell.get_value()));
    }
    black_box(sum);
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(u64::from(last_row), expected, "cells reader: last 0-based row");
    secs
}

fn touch_owned(d: &Data) -> u64 {
    match d {
        Data::Int(i) => *i as u64,
        Data::Float(f) => f.to_bits(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len() as u64,
        Data::Bool(b) => u64::from(*b),
        Data::DateTime(dt) => dt.as_f64().to_bits(),
        Data::Error(_) => 1,
        Data::Empty => 0,
    }
}

fn touch_ref(d: &DataRef<'_>) -> u64 {
    match d {
        DataRef::Int(i) => *i as u64,
        DataRef::Float(f) => f.to_bits(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len() as u64,
        DataRef::SharedString(s) => s.len() as u64,
        DataRef::Bool(b) => u64::from(*b),
        DataRef::DateTime(dt) => dt.as_f64().to_bits(),
        DataRef::Error(_) => 1,
        DataRef::Empty => 0,
    }
}

/// `pledgewatch ingest` as the command runs it: config, store, ingest. Returns the time until
/// `ingest` returned, and the time closing the store took after it.
fn ingest(config_path: &Path, expected: u64, status: pledgewatch::ingest::FileStatus) -> (f64, f64) {
    let now = chrono::Utc::now();
    let started = Instant::now();
    let install = pledgewatch::config::Install::load(config_path).unwrap_or_else(|e| panic!("config: {e}"));
    let mut store =
        pledgewatch::store::Store::open(&install.municipalities[0].store_path()).expect("open the store");
    let report =
        pledgewatch::ingest::ingest(&install, &mut store, now, &pledgewatch::ingest::Quiet).expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    let closing = Instant::now();
    drop(store);
    let close_secs = closing.elapsed().as_secs_f64();

    let [file] = &report.files[..] else {
        panic!("ingest: expected one file in the report, got {:#?}", report.files)
    };
    assert!(
        file.status == status && file.rows_read == expected && file.row_errors == 0,
        "ingest: expected {status:?} with {expected} rows read and no row errors, got {file:#?}"
    );
    (secs, close_secs)
}

/// The peak resident set of this process (VmHWM), in KiB.
/// This process's peak resident memory, and that of the largest process it started and waited for
/// (the reader), which ran while it did.
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let own: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status");
    let children = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage")
        .max_rss();
    own + children.max(0) as u64
}
