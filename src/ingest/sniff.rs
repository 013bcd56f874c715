//! What a file really is, from its bytes rather than its name, and whether it is safe to open:
//! empty, text or HTML under a spreadsheet's name, a password-protected workbook, a broken or
//! oversized zip (zip bombs).
//!
//! Works on bytes in memory; opens nothing on disk. What a refused file looks like is data
//! ([`LooksLike`]); `messages/` says it in Swedish.

use std::io::{Cursor, Read};

use crate::model::{FileRefusal, LooksLike};

/// A spreadsheet format calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97–2003 workbook (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
}

impl Format {
    /// The usual file extension, for messages and the store.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }

    /// The format of that [`name`](Format::name).
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        [Format::Xlsx, Format::Xlsb, Format::Xls, Format::Ods].into_iter().find(|f| f.name() == name)
    }
}

/// The extensions read as spreadsheets (lower case).
pub(crate) const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The parts of a zip-based workbook that calamine loads whole; they are unpacked once here to
/// check their real size, since a zip's declared sizes can lie. Worksheets are streamed and capped
/// by rows and cells instead.
fn loaded_whole(name: &str) -> bool {
    !(name.starts_with("xl/worksheets/") || name.starts_with("xl/media/") || name.starts_with("Pictures/"))
}

/// Decides the format of `bytes`, or why the file is refused.
pub(crate) fn sniff(bytes: &[u8], max_unpacked: u64) -> Result<Format, FileRefusal> {
    if bytes.is_empty() {
        return Err(FileRefusal::Empty);
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return sniff_zip(bytes, max_unpacked);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    Err(FileRefusal::NotASpreadsheet { looks_like: describe_other(bytes) })
}

fn sniff_zip(bytes: &[u8], max_unpacked: u64) -> Result<Format, FileRefusal> {
    let corrupt = |e: zip::result::ZipError| FileRefusal::Corrupt { detail: format!("zip: {e}") };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let limit_mb = max_unpacked >> 20;
    let too_large = FileRefusal::TooLargeUnpacked { limit_mb };

    let mut declared: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(corrupt)?;
        if entry.encrypted() {
            return Err(FileRefusal::Encrypted);
        }
        declared = declared.saturating_add(entry.size());
        names.push(entry.name().map_err(corrupt)?.into_owned());
    }
    if declared > max_unpacked {
        return Err(too_large);
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    let format = if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("xl/workbook.bin") {
        Format::Xlsb
    } else if has("content.xml") || has("mimetype") {
        if is_encrypted_ods(&mut zip) {
            return Err(FileRefusal::Encrypted);
        }
        let mimetype = read_small(&mut zip, "mimetype").unwrap_or_default();
        if !mimetype.is_empty() && !mimetype.contains("opendocument.spreadsheet") {
            return Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::OtherOpenDocument });
        }
        Format::Ods
    } else if has("word/document.xml") {
        return Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::Word });
    } else if has("ppt/presentation.xml") {
        return Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::PowerPoint });
    } else {
        return Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::Zip });
    };

    // Unpack the parts loaded whole, counting real bytes, to catch lying sizes.
    let mut unpacked: u64 = 0;
    let mut sink = [0u8; 64 * 1024];
    for (i, name) in names.iter().enumerate() {
        if !loaded_whole(name) {
            continue;
        }
        let mut entry = zip.by_index(i).map_err(corrupt)?;
        loop {
            let n =
                entry.read(&mut sink).map_err(|e| FileRefusal::Corrupt { detail: format!("{name}: {e}") })?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            if unpacked > max_unpacked {
                return Err(too_large);
            }
        }
    }
    Ok(format)
}

fn read_small(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut s = String::new();
    entry.take(64 * 1024).read_to_string(&mut s).ok()?;
    Some(s)
}

/// An encrypted ODS keeps its manifest readable and declares encryption there.
fn is_encrypted_ods(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    read_small(zip, "META-INF/manifest.xml").is_some_and(|m| m.contains("encryption-data"))
}

fn sniff_ole(bytes: &[u8]) -> Result<Format, FileRefusal> {
    let cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| FileRefusal::Corrupt { detail: format!("OLE: {e}") })?;
    let has = |name: &str| cfb.exists(name);
    if has("/EncryptedPackage") || has("/EncryptionInfo") {
        // A password-protected xlsx/xlsb is an OLE container holding the encrypted workbook.
        return Err(FileRefusal::Encrypted);
    }
    if has("/Workbook") || has("/Book") {
        return Ok(Format::Xls);
    }
    if has("/WordDocument") {
        return Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::Word });
    }
    Err(FileRefusal::NotASpreadsheet { looks_like: LooksLike::OtherOffice })
}

/// What a file that is neither zip nor OLE looks like.
fn describe_other(bytes: &[u8]) -> LooksLike {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") || trimmed.contains("<table") {
        LooksLike::Html
    } else if trimmed.starts_with("<?xml") && trimmed.contains("urn:schemas-microsoft-com:office:spreadsheet")
    {
        LooksLike::Excel2003Xml
    } else if trimmed.starts_with("%pdf") {
        LooksLike::Pdf
    } else if head.iter().all(|b| !b.is_ascii_control() || b"\r\n\t".contains(b)) {
        LooksLike::Text
    } else {
        LooksLike::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_html_pdf_are_refused_with_what_they_look_like() {
        assert_eq!(sniff(b"", 1 << 30), Err(FileRefusal::Empty));
        let looks = |b: &[u8]| match sniff(b, 1 << 30) {
            Err(FileRefusal::NotASpreadsheet { looks_like }) => looks_like,
            other => panic!("{other:?}"),
        };
        assert_eq!(looks(b"Datum;Aktivitet\n2019-01-01;Medborgarkontakt\n"), LooksLike::Text);
        assert_eq!(looks(b"<html><body><table><tr><td>x</td></tr></table>"), LooksLike::Html);
        assert_eq!(looks(b"%PDF-1.7\n\x00\x01"), LooksLike::Pdf);
        assert_eq!(looks(&[0u8, 1, 2, 3, 200, 201]), LooksLike::Unknown);
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let mut bytes = ZIP_MAGIC.to_vec();
        bytes.extend_from_slice(&[0; 40]);
        assert!(matches!(sniff(&bytes, 1 << 30), Err(FileRefusal::Corrupt { .. })));
    }
}
