//! Lists the files in the source folders: path, size and modification time. Reads no content.
//!
//! Lock files of Excel (`~$…`) and LibreOffice (`.~lock.…#`), hidden files and the system's own
//! `Thumbs.db` and `desktop.ini` are not logs and are passed over. Subfolders are scanned too.
//! A link is followed only to a file inside the source folder: a link out of it (to `/etc/shadow`,
//! to a spreadsheet elsewhere) or to nothing (broken, or a loop) is not read, and said so.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::config::{Config, Source};

/// A file found in a source folder.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The source it was found in.
    pub(crate) source: String,
    /// Where it is on disk.
    pub(crate) abs: PathBuf,
    /// Path relative to the config file's directory, `/` separators: its identity in the store.
    pub(crate) rel: String,
    /// Size in bytes.
    pub(crate) size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub(crate) mtime_ns: i64,
    /// Found through a link (to a file in the same folder): of byte-identical files, the link is
    /// the copy, not the log it leads to.
    pub(crate) link: bool,
}

/// What a scan of one source folder found.
#[derive(Debug, Clone)]
pub(crate) struct SourceScan {
    /// The source's name.
    pub(crate) source: String,
    /// The files found, sorted by path.
    pub(crate) files: Vec<Found>,
    /// Links that are not followed: (path as `rel`, why).
    pub(crate) links: Vec<(String, crate::model::FileRefusal)>,
    /// Why the folder, or part of it, could not be listed. When set, files not found are not taken
    /// to be gone: a folder on a share that is not mounted must not make a year's logs "missing".
    pub(crate) error: Option<String>,
}

/// Scans these source folders (the install's, each once).
pub(crate) fn scan(config: &Config, sources: &[&Source]) -> Vec<SourceScan> {
    sources.iter().map(|s| scan_source(config, s)).collect()
}

fn scan_source(config: &Config, source: &Source) -> SourceScan {
    let mut scan =
        SourceScan { source: source.name.clone(), files: Vec::new(), links: Vec::new(), error: None };
    if !source.dir.is_dir() {
        scan.error = Some(format!("folder {} does not exist or is not a folder", source.dir.display()));
        return scan;
    }
    let root = std::fs::canonicalize(&source.dir).unwrap_or_else(|_| source.dir.clone());
    walk(config, source, &root, &source.dir, &mut scan);
    scan.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    scan
}

fn walk(config: &Config, source: &Source, root: &Path, dir: &Path, scan: &mut SourceScan) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            scan.error = Some(format!("cannot list {}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                scan.error = Some(format!("cannot list {}: {e}", dir.display()));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_not_a_log(&name) {
            continue;
        }
        let path = entry.path();
        // A link to a folder is not followed: two links to "." would make the walk endless.
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link && let Some(refusal) = link_out(root, &path) {
            tracing::warn!(path = ?path, refusal = ?refusal, "a link that is not followed");
            scan.links.push((relative(&config.base_dir, &path), refusal));
            continue;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                scan.error = Some(format!("cannot read {}: {e}", path.display()));
                continue;
            }
        };
        if meta.is_dir() && is_link {
            tracing::warn!(path = ?path, "not following a link to a folder");
        } else if meta.is_dir() {
            walk(config, source, root, &path, scan);
        } else if meta.is_file() {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            scan.files.push(Found {
                source: source.name.clone(),
                rel: relative(&config.base_dir, &path),
                abs: path,
                size: meta.len(),
                mtime_ns,
                link: is_link,
            });
        }
    }
}

/// Why the link at `path` is not followed: it leads out of the source folder `root` (canonical),
/// or nowhere. `None`: it leads to something inside.
fn link_out(root: &Path, path: &Path) -> Option<crate::model::FileRefusal> {
    use crate::model::FileRefusal;
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(root) => None,
        Ok(target) => Some(FileRefusal::Link { target: target.display().to_string() }),
        Err(e) => {
            let to = std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
            Some(FileRefusal::Link { target: format!("{to} ({e})") })
        }
    }
}

/// Lock files, hidden files and system files.
fn is_not_a_log(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// `path` relative to `base`, with `/` separators; the full path when it lies elsewhere.
pub(crate) fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let joined = parts.join("/");
    if path.is_absolute() && rel == path { joined.replacen("//", "/", 1) } else { joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_system_files_are_not_logs() {
        for name in ["~$logg.xlsx", ".~lock.logg.ods#", ".DS_Store", "Thumbs.db", "desktop.ini"] {
            assert!(is_not_a_log(name), "{name}");
        }
        assert!(!is_not_a_log("logg 2019.xlsx"));
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("/srv/pw"), Path::new("/srv/pw/data/inbox/a.xlsx")),
            "data/inbox/a.xlsx"
        );
        assert_eq!(relative(Path::new("/srv/pw"), Path::new("/mnt/share/a.xlsx")), "/mnt/share/a.xlsx");
    }
}
