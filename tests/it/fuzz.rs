//! A fuzz harness over the readers (issue 14): mutations of every spreadsheet fixture, hostile ones
//! included, all read in one `ingest` (each by its own reader process, as the service reads). Every
//! file is read or refused; a refusal has a Swedish reason and a plain detail of at most a few
//! hundred characters, never a panic's words; the run, and the good log beside them, go on.
//!
//! The suite runs 400 inputs from a fixed seed in a few seconds; `PLEDGEWATCH_FUZZ_INPUTS` and
//! `PLEDGEWATCH_FUZZ_SEED` run more, or others (`cargo test --test it fuzz -- --nocapture` prints
//! what became of them).

use std::io::{Read, Write};
use std::path::Path;

use crate::support::{Env, Rng, status};

/// Values that make parsers take other paths: edges of integer widths, markup, long runs.
const INTERESTING: [&[u8]; 12] = [
    b"\xff\xff\xff\xff",
    b"\x00\x00\x00\x00",
    b"\x7f\xff\xff\xff",
    b"\x00\x00\x00\x80",
    b"<",
    b">",
    b"\"",
    b"&amp;",
    b"99999999999",
    b"-1",
    b"1e308",
    b"<c r=\"XFD1048576\" t=\"s\"><v>999999</v></c>",
];

/// One mutation of `bytes`: bytes changed, interesting values written, cut short, a chunk repeated
/// or removed.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    match rng.below(6) {
        0 => bytes.truncate(rng.below(bytes.len())),
        1 => {
            for _ in 0..1 + rng.below(16) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
        }
        2 => {
            let value = INTERESTING[rng.below(INTERESTING.len())];
            let at = rng.below(bytes.len());
            let end = (at + value.len()).min(bytes.len());
            bytes[at..end].copy_from_slice(&value[..end - at]);
        }
        3 => {
            let value = INTERESTING[rng.below(INTERESTING.len())];
            let at = rng.below(bytes.len());
            bytes.splice(at..at, value.iter().copied());
        }
        4 => {
            let at = rng.below(bytes.len());
            let len = rng.below((bytes.len() - at).min(4096));
            let chunk: Vec<u8> = bytes[at..at + len].to_vec();
            let to = rng.below(bytes.len());
            bytes.splice(to..to, chunk);
        }
        _ => {
            let at = rng.below(bytes.len());
            let len = rng.below((bytes.len() - at).min(512));
            bytes.drain(at..at + len);
        }
    }
}

/// A zip-based workbook with its XML parts mutated and packed again: mutations the zip's checksums
/// would otherwise stop before any XML parser sees them.
fn mutate_zip(rng: &mut Rng, original: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(original)).ok()?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let target = rng.below(zip.len());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).ok()?;
        let name = part.name().ok()?.into_owned();
        let mut content = Vec::new();
        part.read_to_end(&mut content).ok()?;
        if i == target || (name.ends_with(".xml") && rng.below(4) == 0) {
            for _ in 0..1 + rng.below(4) {
                mutate(rng, &mut content);
            }
        }
        let options = zip::write::SimpleFileOptions::default();
        out.start_file(name, options).ok()?;
        out.write_all(&content).ok()?;
    }
    out.finish().ok().map(|c| c.into_inner())
}

/// An xls with bytes of its workbook stream changed in place (its length kept, so that the OLE
/// container around it still opens and the BIFF records reach calamine).
fn mutate_biff(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let Some(start) = bytes.windows(4).position(|w| w == b"\x09\x08\x10\x00") else { return bytes };
    let end = (start + 6 * 1024).min(bytes.len());
    for _ in 0..1 + rng.below(8) {
        let at = start + rng.below(end - start);
        if rng.below(2) == 0 {
            bytes[at] = rng.next() as u8;
        } else {
            let value = INTERESTING[rng.below(4)];
            let stop = (at + value.len()).min(end);
            bytes[at..stop].copy_from_slice(&value[..stop - at]);
        }
    }
    bytes
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Words of a panic's message (Rust's own), which a refusal must never carry.
const PANIC_WORDS: [&str; 7] = [
    "out of range for slice",
    "index out of bounds",
    "attempt to ",
    "called `Option::unwrap()`",
    "called `Result::unwrap()`",
    "panicked",
    "byte index",
];

/// Seeds too large to mutate quickly in a test build (their hostile part is one huge text).
const TOO_LARGE_TO_SEED: [&str; 2] = ["oversized-text.xlsx", "many-bad-rows.xlsx"];

#[test]
fn mutated_spreadsheets_are_read_or_refused_in_plain_words_and_the_run_goes_on() {
    let inputs = env_number("PLEDGEWATCH_FUZZ_INPUTS", 400) as usize;
    let mut rng = Rng(env_number("PLEDGEWATCH_FUZZ_SEED", 0x5EED_2014));
    let env = Env::new();
    env.log("data/inbox/polisen/bra.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    for folder in [dir.clone(), dir.join("hostile")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if ["xlsx", "xlsb", "xls", "ods"].contains(&ext.as_str())
                && !TOO_LARGE_TO_SEED.contains(&name.as_str())
            {
                seeds.push((ext, std::fs::read(&path).unwrap()));
            }
        }
    }
    seeds.sort();
    let mut names = Vec::new();
    for i in 0..inputs {
        let (ext, original) = &seeds[i % seeds.len()];
        let zipped = matches!(ext.as_str(), "xlsx" | "xlsb" | "ods") && original.starts_with(b"PK");
        let bytes = match zipped && rng.below(2) == 0 {
            true => mutate_zip(&mut rng, original).unwrap_or_else(|| original.clone()),
            false if ext == "xls" => mutate_biff(&mut rng, original),
            false => {
                let mut bytes = original.clone();
                for _ in 0..1 + rng.below(3) {
                    mutate(&mut rng, &mut bytes);
                }
                bytes
            }
        };
        let name = format!("fuzz-{i:05}.{ext}");
        env.write(&format!("data/inbox/kommun/{name}"), &bytes);
        names.push(name);
    }
    let report = env.ingest();
    assert_eq!(status(&report, "bra.xlsx"), ("new".into(), 1, 0));
    let mut tally = std::collections::BTreeMap::<String, usize>::new();
    for name in &names {
        let f = crate::support::file(&report, name);
        let state = f["status"].as_str().unwrap().to_owned();
        match state.as_str() {
            "refused" => {
                let reason = f["refusal"].as_str().unwrap();
                assert!(!reason.is_empty() && reason.is_char_boundary(reason.len()), "{name}: {f:#}");
                let detail = f["refusal_detail"].as_str().unwrap_or_default();
                assert!(detail.chars().count() <= 301, "{name}: a detail of {} characters", detail.len());
                assert!(!PANIC_WORDS.iter().any(|w| detail.contains(w)), "{name}: {detail}");
                // By the first words of the detail (the reader's), else of the reason.
                let words = if detail.is_empty() { reason } else { detail };
                let kind: String =
                    words.split([':', '(']).next().unwrap_or_default().chars().take(40).collect();
                *tally.entry(format!("refused: {}", kind.trim())).or_default() += 1;
            }
            "new" | "duplicate" => *tally.entry(state).or_default() += 1,
            other => panic!("{name}: {other}"),
        }
    }
    eprintln!("{inputs} mutated spreadsheets:");
    for (what, n) in &tally {
        eprintln!("  {n:6}  {what}");
    }
}
