//! The hostile files of issue 14, each read by the binary as the service reads it: time and peak
//! memory of one `once` pass (ingest, mail) and a draft follow-up, over a fresh install holding
//! that one file.
//!
//! Run with `cargo bench --bench hostile`. Each case runs in a child process of this bench (started
//! again with `--child FILE`), so that the peak resident memory it reports (of pledgewatch and its
//! reader processes) belongs to that case alone. The files are in `tests/fixtures/hostile/`, made by
//! `make.py` there.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1]);
    } else if args.iter().any(|a| a == "--bench") {
        bench();
    } else {
        println!("hostile bench: not run (use `cargo bench --bench hostile`)");
    }
}

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures/hostile")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|n| [".xlsx", ".xls", ".ods"].iter().any(|ext| n.ends_with(ext)))
        .collect();
    names.sort();
    names
}

fn bench() {
    println!(
        "{:<28} {:>9} {:>9} {:>8} {:>10} {:>10}",
        "file", "on disk", "exit", "time s", "peak MB", "store KB"
    );
    for name in fixtures() {
        let exe = std::env::current_exe().expect("the bench binary");
        let out = Command::new(exe).args(["--child", &name]).output().expect("run a case");
        let stdout = String::from_utf8_lossy(&out.stdout);
        match stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) {
            Some(line) => println!("{line}"),
            None => println!("{name}: no result ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)),
        }
    }
}

fn child(name: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("a temp dir");
    for source in ["polisen", "kommun"] {
        std::fs::create_dir_all(dir.path().join("data/inbox").join(source)).expect("an inbox folder");
    }
    std::fs::copy(root.join("config.toml"), dir.path().join("config.toml")).expect("the config");
    let file = root.join("tests/fixtures/hostile").join(name);
    std::fs::copy(&file, dir.path().join("data/inbox/kommun").join(name)).expect("the file");
    let started = Instant::now();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run pledgewatch")
    };
    // A pass in the period (ingest, reminders, digest, data-quality mail), then a draft follow-up
    // (HTML and PDF) with what it read.
    let pass = run(&["once", "--now", "2019-01-14 07:00"]);
    let draft = run(&["report", "--as-of", "2019-01-14"]);
    let status = if pass.success() { draft } else { pass };
    let secs = started.elapsed().as_secs_f64();
    let peak_kb = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage")
        .max_rss();
    let store: u64 = ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(dir.path().join(format!("data/pledgewatch.sqlite{s}"))).ok())
        .map(|m| m.len())
        .sum();
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    println!(
        "RESULT {name:<28} {:>7.1}KB {:>9} {secs:>8.2} {:>10.1} {:>10}",
        size as f64 / 1024.0,
        status.code().map_or_else(|| "signal".to_owned(), |c| c.to_string()),
        peak_kb as f64 / 1024.0,
        store / 1024
    );
}
