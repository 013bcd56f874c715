//! A small builder for end-to-end tests: a temporary install (config, inbox folders, state), real
//! spreadsheet files written by rust_xlsxwriter or copied from `tests/fixtures/`, the real binary,
//! and the real SQLite store.

use std::path::{Path, PathBuf};
use std::process::Command;

use mail_parser::{MessageParser, MimeHeaders};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value as Json;

/// The pledge with `id` in a `status --json` document.
pub(crate) fn pledge<'a>(status: &'a Json, id: &str) -> &'a Json {
    status["pledges"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["id"] == id))
        .unwrap_or_else(|| panic!("no pledge {id} in {status:#}"))
}

/// A temporary installation of pledgewatch.
pub(crate) struct Env {
    dir: tempfile::TempDir,
}

/// A small deterministic generator (an LCG), so that damaged or mutated files can be made again.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }
}

/// What a run of the binary gave.
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    /// The shipped config with its two sources (`data/inbox/polisen`, `data/inbox/kommun`), empty.
    pub(crate) fn new() -> Env {
        let env = Env { dir: tempfile::tempdir().expect("temp dir") };
        let shipped =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap();
        env.write("config.toml", shipped.as_bytes());
        std::fs::create_dir_all(env.path("data/inbox/polisen")).unwrap();
        std::fs::create_dir_all(env.path("data/inbox/kommun")).unwrap();
        env
    }

    /// Changes the config: replaces `from` by `to` (which must occur).
    pub(crate) fn edit_config(&self, from: &str, to: &str) -> &Env {
        let text = std::fs::read_to_string(self.path("config.toml")).unwrap();
        assert!(text.contains(from), "config has no {from:?}");
        self.write("config.toml", text.replacen(from, to, 1).as_bytes());
        self
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> &Env {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// An install with one good log (the police's, one row), to prove that a run goes on beside
    /// the bad files put in with it.
    pub(crate) fn with_good_log() -> Env {
        let env = Env::new();
        env.log("data/inbox/polisen/bra.xlsx", &[("2019-01-07", "Medborgarkontakt", 3)]);
        env
    }

    /// Copies `tests/fixtures/NAME` to `rel`.
    pub(crate) fn fixture(&self, name: &str, rel: &str) -> &Env {
        let bytes =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap();
        self.write(rel, &bytes)
    }

    /// Copies the sample logs of the repository (`data/inbox/`, Kalix 2019) into this install.
    pub(crate) fn sample(&self) -> &Env {
        self.sample_file("data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx");
        self.sample_file("data/inbox/kommun/kommunen-aktivitetslogg-2019.ods")
    }

    /// Copies one file of the shipped sample (`rel`, from the repository's root) to the same path.
    pub(crate) fn sample_file(&self, rel: &str) -> &Env {
        self.write(rel, &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap())
    }

    /// The sample police area (`examples/polisomrade`: Kalix, Haparanda and Överkalix, the
    /// police's log of all three, each one's own log) as this install.
    pub(crate) fn area() -> Env {
        let env = Env { dir: tempfile::tempdir().expect("temp dir") };
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/polisomrade");
        fn copy(from: &Path, to: &Path) {
            for e in std::fs::read_dir(from).unwrap() {
                let e = e.unwrap();
                let target = to.join(e.file_name());
                if e.file_type().unwrap().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                    copy(&e.path(), &target);
                } else {
                    std::fs::copy(e.path(), target).unwrap();
                }
            }
        }
        copy(&root, env.dir.path());
        env
    }

    /// Every mail in the outbox folder (the `dir` transport), each as [`Env::mail_text`] shows it.
    pub(crate) fn mails(&self) -> Vec<String> {
        let mut out: Vec<String> = match std::fs::read_dir(self.path("data/outbox")) {
            Ok(dir) => dir.map(|e| self.mail_text(&std::fs::read(e.unwrap().path()).unwrap())).collect(),
            Err(_) => Vec::new(),
        };
        out.sort();
        out
    }

    /// Runs `status --json` with `args`, asserts success, and returns the document.
    pub(crate) fn status_json(&self, args: &[&str]) -> Json {
        let mut all = vec!["status", "--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(out.code, 0, "stderr: {}\nstdout: {}", out.stderr, out.stdout);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    }

    /// Gives every file under `data/inbox` the modification time `rfc3339`, as if the log keepers
    /// had last saved them then: the digest and the report mail print it, so a snapshot needs it
    /// fixed.
    pub(crate) fn saved_at(&self, rfc3339: &str) -> &Env {
        for source in std::fs::read_dir(self.path("data/inbox")).unwrap() {
            for file in std::fs::read_dir(source.unwrap().path()).unwrap() {
                set_mtime(&file.unwrap().path(), rfc3339);
            }
        }
        self
    }

    /// Gives the file `rel` the modification time `rfc3339`.
    pub(crate) fn file_saved_at(&self, rel: &str, rfc3339: &str) -> &Env {
        set_mtime(&self.path(rel), rfc3339);
        self
    }

    /// `text` as a snapshot shows it: line ends as `\n`, and this install's temporary folder written
    /// `<install>`, so that the same text is seen on any machine.
    pub(crate) fn normalised(&self, text: &str) -> String {
        text.replace("\r\n", "\n").replace(&self.dir.path().display().to_string(), "<install>")
    }

    /// A mail (`.eml` bytes) as a snapshot shows it: From, To, Cc, Subject, the names of the
    /// attachments, then the plain-text part, decoded. What differs from run to run (Date,
    /// Message-ID, the MIME boundaries and transfer encodings) is left out, and the text is
    /// [`Env::normalised`].
    pub(crate) fn mail_text(&self, eml: &[u8]) -> String {
        let m = MessageParser::default().parse(eml).expect("a MIME message");
        let addresses = |a: Option<&mail_parser::Address<'_>>| {
            a.into_iter()
                .flat_map(|a| a.iter())
                .map(|a| match (a.name(), a.address()) {
                    (Some(name), Some(address)) => format!("{name} <{address}>"),
                    (name, address) => name.or(address).unwrap_or_default().to_owned(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!("From: {}\nTo: {}\n", addresses(m.from()), addresses(m.to()));
        if m.cc().is_some() {
            out += &format!("Cc: {}\n", addresses(m.cc()));
        }
        out += &format!("Subject: {}\n", m.subject().unwrap_or_default());
        let attached: Vec<&str> = m.attachments().map(|a| a.attachment_name().unwrap_or("?")).collect();
        if !attached.is_empty() {
            out += &format!("Attachments: {}\n", attached.join(", "));
        }
        out += "\n";
        let text = m.body_text(0).expect("a plain-text part");
        let part = m.text_part(0).expect("a plain-text part");
        let flowed = part.content_type().and_then(|t| t.attribute("format")) == Some("flowed");
        out += &if flowed { reflowed(&text) } else { text.into_owned() };
        self.normalised(&out)
    }

    /// Writes an xlsx built by `build` to `rel`.
    pub(crate) fn xlsx(&self, rel: &str, build: impl FnOnce(&mut Workbook)) -> &Env {
        let mut wb = Workbook::new();
        build(&mut wb);
        let bytes = wb.save_to_buffer().expect("xlsx");
        self.write(rel, &bytes)
    }

    /// Writes a simple log: a header row and one row per (date, activity, count) in sheet "Logg".
    pub(crate) fn log(&self, rel: &str, rows: &[(&str, &str, u32)]) -> &Env {
        self.xlsx(rel, |wb| {
            let ws = wb.add_worksheet().set_name("Logg").unwrap();
            header(ws, 0);
            for (i, (date, activity, count)) in rows.iter().enumerate() {
                let r = i as u32 + 1;
                date_cell(ws, r, 0, date);
                ws.write_string(r, 1, *activity).unwrap();
                ws.write_number(r, 2, *count).unwrap();
            }
        })
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// The binary with `--config` pointing at this install, ready to run.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
        c.arg("--config").arg(self.path("config.toml")).args(args).current_dir(self.dir.path());
        c
    }

    /// Runs the binary with `--config` pointing at this install.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Self::finish(self.command(args))
    }

    /// Runs the binary as if the clock said `now` (RFC 3339).
    pub(crate) fn run_at(&self, now: &str, args: &[&str]) -> Output {
        let mut c = self.command(args);
        c.env("PLEDGEWATCH_NOW", now);
        Self::finish(c)
    }

    /// Runs the binary as a service user without privileges: as this user, or, when the tests run
    /// as root (who may read any folder), as `nobody` (uid 65534) through `setpriv`, with this
    /// install (and a copy of the binary in it) given to that user.
    pub(crate) fn run_unprivileged(&self, args: &[&str]) -> Output {
        let root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
        if !root {
            return self.run(args);
        }
        let bin = self.path("pledgewatch");
        if !bin.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_pledgewatch"), &bin).unwrap();
        }
        let status = Command::new("chown").args(["-R", "65534:65534"]).arg(self.dir.path()).status().unwrap();
        assert!(status.success(), "chown the install to nobody");
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .arg("--config")
            .arg(self.path("config.toml"))
            .args(args)
            .current_dir(self.dir.path());
        Self::finish(c)
    }

    /// Runs the binary, and fails the test if it has not finished within `limit`: a watchdog for
    /// work that once hung (far longer than any run should take; speed itself is for the benches).
    pub(crate) fn run_within(&self, limit: std::time::Duration, args: &[&str]) -> Output {
        let mut c = self.command(args);
        c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let mut child = c.spawn().expect("run pledgewatch");
        let started = std::time::Instant::now();
        while child.try_wait().expect("wait for pledgewatch").is_none() {
            if started.elapsed() > limit {
                let _ = child.kill();
                panic!("pledgewatch {args:?} did not finish within {limit:?}");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().expect("pledgewatch's output");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn finish(mut c: Command) -> Output {
        let out = c.output().expect("run pledgewatch");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `ingest --json`, asserts success, and returns the report.
    pub(crate) fn ingest(&self) -> Json {
        let out = self.run(&["ingest", "--json"]);
        assert_eq!(out.code, 0, "stderr: {}\nstdout: {}", out.stderr, out.stdout);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    }

    /// As [`Env::ingest`], with the clock at `now` (RFC 3339): the store records when each file was
    /// read, and the report mail prints the latest.
    pub(crate) fn ingest_at(&self, now: &str) -> Json {
        let out = self.run_at(now, &["ingest", "--json"]);
        assert_eq!(out.code, 0, "stderr: {}\nstdout: {}", out.stderr, out.stdout);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    }

    /// The store, opened read-only.
    pub(crate) fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(
            self.path("data/pledgewatch.sqlite"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap()
    }

    /// Every stored activity as "file|sheet|row|date|activity|count|place|partners|tags", in order.
    pub(crate) fn activities(&self) -> Vec<String> {
        let db = self.db();
        let mut stmt = db
            .prepare(
                "SELECT f.path, a.sheet, a.row, a.date, a.activity, a.count, a.place, a.partners, a.tags
                 FROM activities a JOIN files f ON f.id = a.file_id ORDER BY f.path, a.sheet, a.row",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let path: String = r.get(0)?;
            let name = path.rsplit('/').next().unwrap().to_owned();
            Ok(format!(
                "{name}|{}|{}|{}|{}|{}|{}|{}|{}",
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    /// Every stored problem as "file|level|sheet|row|code|message", the message as a log keeper
    /// reads it (made from the stored code and detail).
    pub(crate) fn problems(&self) -> Vec<String> {
        let db = self.db();
        let mut stmt = db
            .prepare(
                "SELECT f.path, p.level, p.sheet, p.row, p.code, p.detail
                 FROM problems p JOIN files f ON f.id = p.file_id ORDER BY f.path, p.id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let path: String = r.get(0)?;
            let name = path.rsplit('/').next().unwrap().to_owned();
            let row: Option<i64> = r.get(3)?;
            let (level, code, detail): (String, String, String) = (r.get(1)?, r.get(4)?, r.get(5)?);
            let reason = pledgewatch::model::Reason::decode(&level, &code, &detail)
                .unwrap_or_else(|| panic!("cannot decode {level} {code} {detail}"));
            Ok(format!(
                "{name}|{level}|{}|{}|{code}|{}",
                r.get::<_, String>(2)?,
                row.map_or(String::new(), |x| x.to_string()),
                pledgewatch::messages::problem_and_advice(
                    &reason,
                    &pledgewatch::messages::Hints { activities: &[], year: 2019, municipalities: &[] }
                )
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }
}

fn set_mtime(path: &Path, rfc3339: &str) {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.timestamp() as u64);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

/// The line of a refused file in the ingest report (asserting that it was refused).
pub(crate) fn refused<'a>(report: &'a Json, name: &str) -> &'a Json {
    let f = file(report, name);
    assert_eq!(f["status"], "refused", "{f:#}");
    f
}

/// The report line of the file whose path ends with `name`.
pub(crate) fn file<'a>(report: &'a Json, name: &str) -> &'a Json {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().rsplit('/').next() == Some(name))
        .unwrap_or_else(|| panic!("no file {name} in {report:#}"))
}

/// `(status, rows_read, row_errors)` of a file in the report.
pub(crate) fn status(report: &Json, name: &str) -> (String, u64, u64) {
    let f = file(report, name);
    (
        f["status"].as_str().unwrap().to_owned(),
        f["rows_read"].as_u64().unwrap(),
        f["row_errors"].as_u64().unwrap(),
    )
}

/// The standard header in row `r`.
pub(crate) fn header(ws: &mut Worksheet, r: u32) {
    for (c, name) in ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"]
        .iter()
        .enumerate()
    {
        ws.write_string(r, c as u16, *name).unwrap();
    }
}

/// A real date cell (yyyy-mm-dd format) from "YYYY-MM-DD".
pub(crate) fn date_cell(ws: &mut Worksheet, r: u32, c: u16, iso: &str) {
    let p: Vec<u16> = iso.split('-').map(|x| x.parse().unwrap()).collect();
    let d = ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
    ws.write_datetime_with_format(r, c, &d, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
}

/// A format=flowed text as a client that reflows shows it (RFC 3676 section 4.2, DelSp=no): a line
/// ending in a space goes on in the next; one leading space (stuffing) is removed. Also checks that
/// no line is longer than 78 characters, as RFC 3676 asks, unless it is one long word.
pub(crate) fn reflowed(flowed: &str) -> String {
    let mut out = String::new();
    for line in flowed.lines() {
        assert!(
            line.chars().count() <= 78 || !line.trim().contains(' '),
            "a flowed line of {} characters: {line:?}",
            line.chars().count()
        );
        let line = line.strip_prefix(' ').unwrap_or(line);
        out.push_str(line);
        if !line.ends_with(' ') || line == "-- " {
            out.push('\n');
        }
    }
    out
}

/// How wide each mail's HTML part lays out in a phone's 375 CSS px, by headless Chromium (Debian's
/// `chromium`; `.ci/run` installs it): `(subject, content width, room)` per mail, where a mail fits
/// when its width is not more than its room. All mails are measured in one start, each in an iframe
/// 375 px wide (headless windows are at least 500 px wide). Skipped, with a note, only when
/// `PLEDGEWATCH_SKIP_CHROMIUM` is set; else a missing Chromium fails the test.
pub(crate) fn phone_widths(mails: &[Vec<u8>]) -> Option<Vec<(String, u32, u32)>> {
    let dir = tempfile::tempdir().unwrap();
    let mut frames = String::new();
    let mut subjects = Vec::new();
    for (i, bytes) in mails.iter().enumerate() {
        let m = MessageParser::default().parse(bytes).expect("a MIME message");
        let html = m.body_html(0).expect("an HTML part");
        let escaped =
            html.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
        frames += &format!(
            "<iframe id=\"m{i}\" style=\"width:375px;height:300px;border:0\" srcdoc=\"{escaped}\"></iframe>"
        );
        subjects.push(m.subject().unwrap_or_default().to_owned());
    }
    let page = format!(
        "<html><body>{frames}<script>window.addEventListener('load', () => {{ document.body.setAttribute('data-widths', \
         [...document.querySelectorAll('iframe')].map(f => f.contentDocument.documentElement.scrollWidth + ':' + \
         f.contentDocument.documentElement.clientWidth).join(' ')); }});</script></body></html>"
    );
    let path = dir.path().join("phone.html");
    std::fs::write(&path, page).unwrap();
    let out = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .args(["--virtual-time-budget=10000", "--dump-dom"])
        .arg(format!("file://{}", path.display()))
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) if std::env::var_os("PLEDGEWATCH_SKIP_CHROMIUM").is_some() => {
            eprintln!("skipping the phone widths: chromium: {e}");
            return None;
        }
        Err(e) => panic!(
            "chromium (Debian's package) is needed to measure the mails at 375 px: {e}; install it or set PLEDGEWATCH_SKIP_CHROMIUM=1"
        ),
    };
    let dom = String::from_utf8_lossy(&out.stdout);
    let widths = dom
        .split("data-widths=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("chromium gave no widths: {}", String::from_utf8_lossy(&out.stderr)));
    let pairs: Vec<(u32, u32)> = widths
        .split(' ')
        .map(|pair| {
            let (w, room) = pair.split_once(':').expect("width:room");
            (w.parse().unwrap(), room.parse().unwrap())
        })
        .collect();
    assert_eq!(pairs.len(), subjects.len(), "one width per mail: {widths}");
    Some(subjects.into_iter().zip(pairs).map(|(s, (w, room))| (s, w, room)).collect())
}
