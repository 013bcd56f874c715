//! How many cells each sheet of an xls or ods file spans, measured from the file without loading it.
//!
//! calamine loads these formats as a dense grid, every sheet at once, so one stray cell far down and
//! to the right costs gigabytes. The extent is measured the way calamine will lay out the grid (from
//! the first to the last cell holding a value; for xls also the declared DIMENSIONS, which calamine
//! reserves up front), so a workbook can be refused before it is loaded.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// (sheet name, cells spanned) for each sheet of an xls file.
///
/// Walked as calamine walks it: the globals up to their EOF give each sheet's name and offset
/// (BOUNDSHEET), and each sheet is read from its offset until its own EOF or the end of the stream,
/// however damaged what lies between. A DIMENSIONS record counts as soon as it is seen, since
/// calamine reserves what it declares right there.
pub(super) fn xls(bytes: &[u8]) -> Result<Vec<(String, u64)>, String> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| format!("OLE: {e}"))?;
    let name = if cfb.exists("/Workbook") { "/Workbook" } else { "/Book" };
    let mut stream = Vec::new();
    cfb.open_stream(name).and_then(|mut s| s.read_to_end(&mut stream)).map_err(|e| format!("OLE: {e}"))?;

    let mut sheets = Vec::new();
    for (typ, data) in records(&stream) {
        match typ {
            // FILEPASS: the rest is encrypted; calamine reports the password.
            0x002F => return Ok(Vec::new()),
            // BOUNDSHEET: a sheet's offset in the stream, and its name.
            0x0085 => {
                let offset = data
                    .get(..4)
                    .map_or(usize::MAX, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
                sheets.push((boundsheet_name(data), offset));
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok(sheets
        .into_iter()
        .map(|(name, offset)| (name, sheet_cells(stream.get(offset..).unwrap_or_default())))
        .collect())
}

/// The BIFF records (type, data) of `stream` from its start, until it ends or a record is cut short.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// The cells calamine makes of one sheet's records: the grid of its values, the grid of its
/// formulas, and every DIMENSIONS it reserves for.
fn sheet_cells(stream: &[u8]) -> u64 {
    let (mut values, mut formulas) = (Extent::default(), Extent::default());
    let mut seen_bof = false;
    // Nested substreams (embedded charts) are skipped, as calamine skips them.
    let mut nested = 0u32;
    for (typ, data) in records(stream) {
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
        if nested > 0 {
            match typ {
                0x0809 => nested += 1,
                0x000A => nested -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => nested += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // DIMENSIONS: calamine reserves rows × columns from it before reading a cell, so a
            // forged one must be caught here (an allocation failure cannot be caught).
            0x0200 => values.declared = values.declared.saturating_add(declared_cells(data)),
            // Cells with a value: NUMBER, LABEL, BOOLERR, LABELSST, RK, RSTRING.
            0x0203 | 0x0204 | 0x0205 | 0x00FD | 0x027E | 0x00D6 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    values.add(r, c, c, 1);
                }
            }
            // FORMULA: its value, and its formula in a grid of its own.
            0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    values.add(r, c, c, 1);
                    formulas.add(r, c, c, 1);
                }
            }
            // MULRK: several RK cells on one row; the last column closes the record.
            0x00BD if data.len() >= 6 => {
                if let (Some(r), Some(c0), Some(c1)) = (u16_at(0), u16_at(2), u16_at(data.len() - 2)) {
                    values.add(r, c0, c1.max(c0), 1);
                }
            }
            _ => {}
        }
    }
    values.cells().saturating_add(formulas.cells())
}

/// The cells calamine reserves for a DIMENSIONS record, computed as calamine does (u32 arithmetic).
fn declared_cells(r: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

fn boundsheet_name(data: &[u8]) -> String {
    // lbPlyPos (4), hsState (1), dt (1), then a ShortXLUnicodeString: cch (1), fHighByte (1), chars.
    let (Some(&cch), Some(&high)) = (data.get(6), data.get(7)) else { return String::new() };
    let chars = &data[8.min(data.len())..];
    if high & 1 == 1 {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(cch as usize).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch as usize).map(|&b| b as char).collect()
    }
}

/// The longest text an XML part may hold between two `<` or `>`, in bytes. An XML parser holds such a
/// text (a cell's value, an attribute) whole while it reads it, so one forged text of a gigabyte is
/// a gigabyte of memory however the rest is streamed. A cell holds at most 32,767 characters, at most
/// 8 bytes each when escaped: far below this.
pub(super) const MAX_XML_RUN: u64 = 1 << 20;

/// XML parts packed tighter than this (unpacked size over packed size) are read through for long
/// texts. Real sheets pack about 10 to 1; a text of one character repeated, the cheap way to make a
/// gigabyte from a few megabytes, packs about 1,000 to 1. A long text that packs poorly is as large
/// in the file, which `max_unpacked_mb` and the reader process's memory limit bound.
const SUSPECT_RATIO: u64 = 32;

/// The first XML part of a zip-based workbook (xlsx, ods) holding a text longer than
/// [`MAX_XML_RUN`] bytes, with that text's length; read through once, in fixed memory. Only parts
/// that could hold one and pack suspiciously tight are read ([`SUSPECT_RATIO`]): a sheet of a
/// million rows is not inflated twice.
pub(super) fn long_xml_text(bytes: &[u8]) -> Result<Option<(String, u64)>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("zip: {e}"))?;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| format!("zip: {e}"))?;
        let name = part.name().map_err(|e| format!("zip: {e}"))?.into_owned();
        let suspect =
            part.size() > MAX_XML_RUN && part.size() > part.compressed_size().saturating_mul(SUSPECT_RATIO);
        if !name.ends_with(".xml") || !suspect {
            continue;
        }
        // The bytes since the last `<` or `>`.
        let mut run = 0u64;
        loop {
            let n = part.read(&mut buf).map_err(|e| format!("{name}: {e}"))?;
            if n == 0 {
                break;
            }
            let mut last = None;
            for at in memchr::memchr2_iter(b'<', b'>', &buf[..n]) {
                run += (at - last.map_or(0, |l| l + 1)) as u64;
                if run > MAX_XML_RUN {
                    return Ok(Some((name, run)));
                }
                run = 0;
                last = Some(at);
            }
            run += (n - last.map_or(0, |l| l + 1)) as u64;
            if run > MAX_XML_RUN {
                return Ok(Some((name, run)));
            }
        }
    }
    Ok(None)
}

/// (sheet name, cells spanned) for each sheet of an ods file.
pub(super) fn ods(bytes: &[u8]) -> Result<Vec<(String, u64)>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("zip: {e}"))?;
    let content = zip.by_name("content.xml").map_err(|e| format!("content.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut name = String::new();
    let mut extent = Extent::default();
    let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| format!("content.xml: {e}"))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match AsRef::<str>::as_ref(&e.name()) {
                "table:table" => {
                    name = attr(e, "table:name").unwrap_or_default();
                    extent = Extent::default();
                    row = 0;
                }
                "table:table-row" => {
                    row_repeat = repeat(e, "table:number-rows-repeated");
                    col = 0;
                    if matches!(event, Event::Empty(_)) {
                        row += row_repeat;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat(e, "table:number-columns-repeated");
                    let has_value =
                        matches!(event, Event::Start(_)) || attr(e, "office:value-type").is_some();
                    if has_value {
                        extent.add(row, col, col + n - 1, row_repeat);
                    }
                    col += n;
                }
                _ => {}
            },
            Event::End(e) => match AsRef::<str>::as_ref(&e.name()) {
                "table:table-row" => row += row_repeat,
                "table:table" => out.push((std::mem::take(&mut name), std::mem::take(&mut extent).cells())),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| AsRef::<str>::as_ref(&a.key) == key).map(|a| a.value.into_owned())
}

fn repeat(e: &BytesStart<'_>, key: &str) -> u64 {
    attr(e, key).and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(1)
}

/// The bounding box of the cells holding a value, and what the file declares.
#[derive(Debug, Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    /// Cells the file itself declares (xls DIMENSIONS), which calamine reserves.
    declared: u64,
}

impl Extent {
    /// Cells from `first_col` to `last_col` on `row_count` rows from `row`.
    fn add(&mut self, row: u64, first_col: u64, last_col: u64, row_count: u64) {
        let last_row = row + row_count.max(1) - 1;
        self.rows = Some(self.rows.map_or((row, last_row), |(a, b)| (a.min(row), b.max(last_row))));
        self.cols =
            Some(self.cols.map_or((first_col, last_col), |(a, b)| (a.min(first_col), b.max(last_col))));
    }

    fn cells(&self) -> u64 {
        let used = match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        };
        used.max(self.declared)
    }
}
