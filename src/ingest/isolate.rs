//! The reader process: the service runs calamine in a child process of its own binary
//! (`pledgewatch read-workbook`, a hidden verb), under a limit on memory and on processor time.
//!
//! A parser can fail in ways no thread can contain: an allocation the size of a forged sheet
//! aborts the process, a stack overflow aborts it, a loop never returns. In the child, each of
//! these ends that process only, and the file is refused with what happened; the service goes on.
//! The file's bytes go to the child on its stdin (the bytes that were hashed), its cells come back
//! on its stdout (`wire` below), and the row parser stays in the service (`read.rs`).
//!
//! Where no reader process is set ([`read_in_child`] is called by the binary at start; the
//! library's own tests and the benchmarks read on a thread), calamine runs in this process.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;

use super::rows::{Merge, Value};
use super::sniff::Format;
use super::workbook::{self, Cells};
use crate::config::IngestSettings;
use crate::model::{FileRefusal, Reason};

static READER: OnceLock<PathBuf> = OnceLock::new();

/// From now on, workbooks are read by `exe` (pledgewatch's own binary, `/proc/self/exe`) as a
/// child process. Set once, at the start of the process.
pub fn read_in_child(exe: PathBuf) {
    let _ = READER.set(exe);
}

/// The binary that reads workbooks, when it is a child process.
pub(super) fn reader() -> Option<&'static Path> {
    READER.get().map(PathBuf::as_path)
}

/// The limits a reader process runs under, and what it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReaderArgs {
    /// The format's name (`xlsx`, `xlsb`, `xls`, `ods`).
    pub(crate) format: String,
    /// Most rows a sheet may have.
    pub(crate) max_rows: u64,
    /// Most cells an xls or ods workbook may span.
    pub(crate) max_cells: u64,
    /// The most memory (address space) the process may use, in MB.
    pub(crate) memory_mb: u64,
    /// The most processor time the process may use, in seconds.
    pub(crate) cpu_seconds: u64,
    /// Texts longer than this (in characters) are cut to one character more: the service shortens
    /// them, and need not receive the rest.
    pub(crate) max_cell_chars: u64,
}

impl ReaderArgs {
    fn of(format: Format, limits: &IngestSettings) -> ReaderArgs {
        ReaderArgs {
            format: format.name().to_owned(),
            max_rows: limits.max_rows,
            max_cells: limits.max_cells,
            memory_mb: limits.reader_memory_mb,
            cpu_seconds: limits.reader_cpu_seconds,
            max_cell_chars: limits.max_cell_chars,
        }
    }

    /// The command line of `pledgewatch read-workbook` (the flags `cli.rs` declares).
    fn command_line(&self) -> Vec<String> {
        vec![
            "read-workbook".into(),
            self.format.clone(),
            format!("--max-rows={}", self.max_rows),
            format!("--max-cells={}", self.max_cells),
            format!("--memory-mb={}", self.memory_mb),
            format!("--cpu-seconds={}", self.cpu_seconds),
            format!("--max-cell-chars={}", self.max_cell_chars),
        ]
    }
}

/// Reads the workbook in `bytes` in a child process running `exe`, feeding its cells to `sink`.
pub(super) fn read(
    exe: &Path,
    bytes: &[u8],
    format: Format,
    limits: &IngestSettings,
    sink: &mut dyn Cells,
) -> Result<(), FileRefusal> {
    let args = ReaderArgs::of(format, limits);
    let mut child = Command::new(exe)
        .args(args.command_line())
        // The reason a reader stopped is the first line it wrote; a backtrace would only bury it.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| FileRefusal::ReaderFailed {
            detail: format!("the reader process {} could not start: {e}", exe.display()),
        })?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let (ended, stderr) = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A reader that stops early closes its stdin; what it did is in its exit status.
            let _ = stdin.map(|mut s| s.write_all(bytes));
        });
        let stderr = scope.spawn(move || stderr.map(first_words).unwrap_or_default());
        let ended = match stdout {
            Some(out) => wire::decode(BufReader::with_capacity(1 << 16, out), sink),
            None => Err(io::Error::other("no stdout")),
        };
        (ended, stderr.join().unwrap_or_default())
    });
    let status = child.wait();
    if !stderr.is_empty() && ended.is_ok() {
        tracing::warn!(format = %args.format, ?stderr, "the reader process said");
    }
    match ended {
        Ok(wire::End::Done) => Ok(()),
        Ok(wire::End::Refused(refusal)) => Err(refusal),
        Err(cut) => {
            let why = status
                .map_or_else(|e| format!("could not be waited for: {e}"), |s| stopped(s, &args, &stderr));
            tracing::warn!(format = %args.format, %why, stream = %cut, ?stderr, "the reader process failed");
            Err(FileRefusal::ReaderFailed { detail: format!("the reader {why}") })
        }
    }
}

/// Why a reader process ended without finishing, in plain English.
fn stopped(status: ExitStatus, args: &ReaderArgs, stderr: &str) -> String {
    const SIGKILL: i32 = 9;
    const SIGXCPU: i32 = 24;
    const SIGABRT: i32 = 6;
    match status.signal() {
        Some(SIGABRT) if stderr.contains("memory allocation") => {
            format!("needed more memory than the {} MB it may use", args.memory_mb)
        }
        Some(SIGXCPU) => format!("used more than the {} s of processor time it may use", args.cpu_seconds),
        Some(SIGKILL) => "was killed (out of memory, or out of processor time)".into(),
        Some(SIGABRT) => "crashed (aborted)".into(),
        Some(signal) => format!("crashed (signal {signal})"),
        None => format!("stopped without finishing ({status})"),
    }
}

/// The start of what a reader process wrote to stderr (at most 1,000 bytes; the rest is read and
/// dropped, so the process never waits on a full pipe), for the log.
fn first_words(stderr: impl Read) -> String {
    let mut first = Vec::new();
    let mut stderr = BufReader::new(stderr);
    let _ = (&mut stderr).take(1_000).read_to_end(&mut first);
    let _ = io::copy(&mut stderr, &mut io::sink());
    String::from_utf8_lossy(&first).trim().to_owned()
}

/// The verb `read-workbook`: in a reader process, reads the workbook on stdin under the limits in
/// `args` and writes its cells to stdout.
pub(crate) fn serve(args: &ReaderArgs) -> io::Result<()> {
    use rlimit::Resource;
    let memory = args.memory_mb.saturating_mul(1 << 20);
    Resource::AS.set(memory, memory)?;
    Resource::CPU.set(args.cpu_seconds, args.cpu_seconds.saturating_add(5))?;
    // An abort is expected here; it is not worth a core dump.
    Resource::CORE.set(0, 0)?;
    let format = Format::from_name(&args.format)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("no format {:?}", args.format)))?;
    let limits =
        IngestSettings { max_rows: args.max_rows, max_cells: args.max_cells, ..IngestSettings::default() };
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    let keep = usize::try_from(args.max_cell_chars).unwrap_or(usize::MAX).saturating_add(1);
    let mut out = wire::Writer::new(BufWriter::with_capacity(1 << 16, io::stdout().lock()), keep);
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        workbook::read(&bytes, format, &limits, &mut out)
    }));
    let refusal = match read {
        Ok(Ok(())) => None,
        Ok(Err(refusal)) => Some(refusal),
        // The panic's own words are on stderr (the panic hook's), which the service logs.
        Err(panic) => Some(super::read::reader_fault(format, panic.as_ref())),
    };
    out.end(refusal.as_ref())
}

/// What a reader process writes: a tag byte per message, then its fields, little-endian; a text is
/// its length (u32) and its UTF-8 bytes. The stream ends with `D` (done) or `R` (refused).
mod wire {
    use super::*;

    const SHEET: u8 = b'S';
    const CELL: u8 = b'C';
    const SHEET_END: u8 = b'E';
    const DONE: u8 = b'D';
    const REFUSED: u8 = b'R';

    const EMPTY: u8 = 0;
    const TEXT: u8 = 1;
    const NUMBER: u8 = 2;
    const DATE_TIME: u8 = 3;
    const BOOL: u8 = 4;
    const ERROR: u8 = 5;
    const DURATION: u8 = 6;

    /// No text the reader sends is longer (a cell holds at most 32,767 characters).
    const MAX_TEXT: u32 = 64 << 20;

    /// How a reader's stream ended.
    pub(super) enum End {
        Done,
        Refused(FileRefusal),
    }

    /// Encodes cells on the reader's side. A write that fails (the service has gone) stops the read.
    pub(super) struct Writer<W: Write> {
        w: W,
        /// Characters of a text sent at most.
        keep: usize,
        failed: Option<io::Error>,
    }

    impl<W: Write> Writer<W> {
        pub(super) fn new(w: W, keep: usize) -> Self {
            Writer { w, keep, failed: None }
        }

        fn put(&mut self, write: impl FnOnce(&mut W) -> io::Result<()>) -> bool {
            if self.failed.is_none()
                && let Err(e) = write(&mut self.w)
            {
                self.failed = Some(e);
            }
            self.failed.is_none()
        }

        /// The last message, `D` or `R`, and the flush.
        pub(super) fn end(mut self, refusal: Option<&FileRefusal>) -> io::Result<()> {
            self.put(|w| match refusal {
                None => w.write_all(&[DONE]),
                Some(r) => {
                    w.write_all(&[REFUSED])?;
                    text(w, r.as_str())?;
                    text(w, &r.detail())
                }
            });
            match self.failed.take() {
                Some(e) => Err(e),
                None => self.w.flush(),
            }
        }
    }

    impl<W: Write> Cells for Writer<W> {
        fn sheet(&mut self, name: &str, merges: Vec<Merge>) {
            self.put(|w| {
                w.write_all(&[SHEET])?;
                text(w, name)?;
                w.write_all(&(merges.len() as u32).to_le_bytes())?;
                for m in &merges {
                    for n in [m.start.0, m.start.1, m.end.0, m.end.1] {
                        w.write_all(&n.to_le_bytes())?;
                    }
                }
                Ok(())
            });
        }

        fn cell(&mut self, row: u32, col: u32, value: Value<'_>) -> bool {
            let keep = self.keep;
            self.put(|w| {
                w.write_all(&[CELL])?;
                w.write_all(&row.to_le_bytes())?;
                w.write_all(&col.to_le_bytes())?;
                match &value {
                    Value::Empty => w.write_all(&[EMPTY]),
                    Value::Text(t) => {
                        w.write_all(&[TEXT])?;
                        // No text of at most `keep` bytes has more than `keep` characters.
                        let end = match t.len() > keep {
                            true => t.char_indices().nth(keep).map_or(t.len(), |(at, _)| at),
                            false => t.len(),
                        };
                        text(w, &t[..end])
                    }
                    Value::Number(n) => {
                        w.write_all(&[NUMBER])?;
                        w.write_all(&n.to_bits().to_le_bytes())
                    }
                    Value::Duration(days) => {
                        w.write_all(&[DURATION])?;
                        w.write_all(&days.to_bits().to_le_bytes())
                    }
                    Value::DateTime(d) => {
                        let d = d.and_utc();
                        w.write_all(&[DATE_TIME])?;
                        w.write_all(&d.timestamp().to_le_bytes())?;
                        w.write_all(&d.timestamp_subsec_nanos().to_le_bytes())
                    }
                    Value::Bool(b) => w.write_all(&[BOOL, u8::from(*b)]),
                    Value::Error(e) => {
                        w.write_all(&[ERROR])?;
                        text(w, e)
                    }
                }
            })
        }

        fn sheet_end(&mut self) {
            self.put(|w| w.write_all(&[SHEET_END]));
        }
    }

    fn text(w: &mut impl Write, s: &str) -> io::Result<()> {
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX).min(MAX_TEXT);
        // Cut at a character boundary, should a text ever be longer than any cell.
        let cut = (0..=len as usize).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        w.write_all(&(cut as u32).to_le_bytes())?;
        w.write_all(&s.as_bytes()[..cut])
    }

    /// Decodes a reader's stream into `sink`. An error: the stream was cut or is not what a reader
    /// writes (the process's exit status says why).
    pub(super) fn decode(mut r: impl BufRead, sink: &mut dyn Cells) -> io::Result<End> {
        // After `false` from the sink, the rest of that sheet's cells are passed over.
        let mut wanted = true;
        loop {
            match u8_(&mut r)? {
                SHEET => {
                    let name = string(&mut r)?;
                    let n = u32_(&mut r)?;
                    let mut merges = Vec::new();
                    for _ in 0..n {
                        let (a, b, c, d) = (u32_(&mut r)?, u32_(&mut r)?, u32_(&mut r)?, u32_(&mut r)?);
                        merges.push(Merge { start: (a, b), end: (c, d) });
                    }
                    sink.sheet(&name, merges);
                    wanted = true;
                }
                CELL => {
                    let (row, col) = (u32_(&mut r)?, u32_(&mut r)?);
                    let value = value(&mut r)?;
                    if wanted {
                        wanted = sink.cell(row, col, value);
                    }
                }
                SHEET_END => sink.sheet_end(),
                DONE => return Ok(End::Done),
                REFUSED => {
                    let (code, detail) = (string(&mut r)?, string(&mut r)?);
                    return match Reason::decode("file", &code, &detail) {
                        Some(Reason::File(refusal)) => Ok(End::Refused(refusal)),
                        _ => Err(invalid(format!("a refusal this pledgewatch does not know: {code}"))),
                    };
                }
                tag => return Err(invalid(format!("unknown message {tag}"))),
            }
        }
    }

    fn value(r: &mut impl BufRead) -> io::Result<Value<'static>> {
        Ok(match u8_(r)? {
            EMPTY => Value::Empty,
            TEXT => Value::Text(string(r)?.into()),
            NUMBER => Value::Number(f64::from_bits(u64::from_le_bytes(bytes(r)?))),
            DURATION => Value::Duration(f64::from_bits(u64::from_le_bytes(bytes(r)?))),
            DATE_TIME => {
                let secs = i64::from_le_bytes(bytes(r)?);
                let nanos = u32_(r)?;
                let d = chrono::DateTime::from_timestamp(secs, nanos)
                    .ok_or_else(|| invalid("a date out of range"))?;
                Value::DateTime(d.naive_utc())
            }
            BOOL => Value::Bool(u8_(r)? != 0),
            ERROR => Value::Error(string(r)?),
            tag => return Err(invalid(format!("unknown value {tag}"))),
        })
    }

    fn bytes<const N: usize>(r: &mut impl BufRead) -> io::Result<[u8; N]> {
        let mut b = [0u8; N];
        r.read_exact(&mut b)?;
        Ok(b)
    }

    fn u8_(r: &mut impl BufRead) -> io::Result<u8> {
        bytes::<1>(r).map(|b| b[0])
    }

    fn u32_(r: &mut impl BufRead) -> io::Result<u32> {
        bytes(r).map(u32::from_le_bytes)
    }

    fn string(r: &mut impl BufRead) -> io::Result<String> {
        let len = u32_(r)?;
        if len > MAX_TEXT {
            return Err(invalid(format!("a text of {len} bytes")));
        }
        let mut b = vec![0u8; len as usize];
        r.read_exact(&mut b)?;
        String::from_utf8(b).map_err(|_| invalid("a text that is not UTF-8"))
    }

    fn invalid(what: impl Into<String>) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, what.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a sink was given, as text.
    #[derive(Default)]
    struct Seen(Vec<String>);

    impl Cells for Seen {
        fn sheet(&mut self, name: &str, merges: Vec<Merge>) {
            self.0.push(format!("sheet {name} {merges:?}"));
        }
        fn cell(&mut self, row: u32, col: u32, value: Value<'_>) -> bool {
            self.0.push(format!("{row},{col} {value:?}"));
            row < 5
        }
        fn sheet_end(&mut self) {
            self.0.push("end".into());
        }
    }

    #[test]
    fn every_value_crosses_the_wire_unchanged_and_a_sheet_stops_when_the_sink_says_so() {
        let date =
            chrono::NaiveDate::from_ymd_opt(2019, 10, 7).unwrap().and_hms_nano_opt(8, 30, 1, 5).unwrap();
        let values = [
            Value::Empty,
            Value::Text("Trygghetsvandring åäö".into()),
            Value::Number(0.1 + 0.2),
            Value::Number(f64::MIN_POSITIVE),
            Value::DateTime(date),
            Value::Bool(true),
            Value::Error("#N/A".into()),
        ];
        let mut buf = Vec::new();
        let mut w = wire::Writer::new(&mut buf, 100);
        w.sheet("Logg", vec![Merge { start: (1, 2), end: (3, 4) }]);
        for (i, v) in values.iter().enumerate() {
            w.cell(i as u32, 7, v.clone());
        }
        w.sheet_end();
        w.end(None).unwrap();

        let mut seen = Seen::default();
        assert!(matches!(wire::decode(&buf[..], &mut seen), Ok(wire::End::Done)));
        let mut expected = vec!["sheet Logg [Merge { start: (1, 2), end: (3, 4) }]".to_owned()];
        // Row 5 answers `false`: row 6 is not given.
        expected.extend(values.iter().take(6).enumerate().map(|(i, v)| format!("{i},7 {v:?}")));
        expected.push("end".into());
        assert_eq!(seen.0, expected);
    }

    #[test]
    fn a_refusal_crosses_the_wire_and_a_cut_stream_is_an_error() {
        let refusal = FileRefusal::TooManyCells { sheet: "Blad1".into(), cells: 5_000_000, limit: 4_000_000 };
        let mut buf = Vec::new();
        let mut w = wire::Writer::new(&mut buf, 100);
        w.sheet("Blad1", Vec::new());
        w.end(Some(&refusal)).unwrap();
        match wire::decode(&buf[..], &mut Seen::default()) {
            Ok(wire::End::Refused(r)) => assert_eq!(r, refusal),
            _ => panic!("not the refusal"),
        }
        for cut in 0..buf.len() {
            assert!(wire::decode(&buf[..cut], &mut Seen::default()).is_err(), "cut at {cut}");
        }
    }
}
