//! Files and folders that hold names, addresses and the follow-up before it is public: kept to the
//! service's user and group whatever the umask, and written so that no one (a reader, a crash, a
//! full disk) ever sees half of one.
//!
//! A file is written under a temporary name beside its place, synced, then renamed into place (and
//! the folder synced): the name means the whole file. A write that fails removes what it wrote.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Files: the service's user reads and writes, its group reads.
pub(crate) const FILE_MODE: u32 = 0o640;
/// Folders: the service's user, and its group may look.
pub(crate) const DIR_MODE: u32 = 0o750;

/// From now on, what this process creates is not readable by others, even under umask 000 (the
/// store and its journal, which SQLite creates itself; the lock; every file written here). A umask
/// stricter than that is kept.
pub(crate) fn keep_files_private() {
    use nix::sys::stat::{Mode, umask};
    let old = umask(Mode::from_bits_truncate(0o027));
    umask(old | Mode::from_bits_truncate(0o027));
}

/// Creates `dir` and the folders above it that are missing, each [`DIR_MODE`].
pub(crate) fn create_dir_all(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(DIR_MODE).create(dir)
}

/// The temporary name `path` is written under: hidden, beside it, this process's own.
pub(crate) fn staging_name(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes a file at the temporary name of `path` with what `fill` writes, and syncs it; nothing is
/// left when it fails. The file is not yet in place: [`put_in_place`] does that.
pub(crate) fn stage(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<PathBuf> {
    let tmp = staging_name(path);
    let written = (|| {
        let mut file =
            OpenOptions::new().write(true).create(true).truncate(true).mode(FILE_MODE).open(&tmp)?;
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Renames a staged file into place and syncs its folder, so the new name survives a crash.
pub(crate) fn put_in_place(tmp: &Path, path: &Path) -> io::Result<()> {
    if let Err(e) = std::fs::rename(tmp, path) {
        let _ = std::fs::remove_file(tmp);
        return Err(e);
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

/// Writes `bytes` to `path` whole or not at all (see the module's doc).
pub(crate) fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = stage(path, |f| f.write_all(bytes))?;
    put_in_place(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_neither_the_file_nor_its_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.eml");
        let failed = stage(&path, |f| {
            f.write_all(b"From: half of a mail")?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC, as on a full disk
        });
        assert_eq!(failed.unwrap_err().raw_os_error(), Some(28));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        write(&path, b"From: a whole mail").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"From: a whole mail");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_and_folders_are_private_to_the_service_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("data/reports");
        create_dir_all(&nested).unwrap();
        write(&nested.join("r.pdf"), b"%PDF").unwrap();
        assert_eq!(mode(&dir.path().join("data")), DIR_MODE & !current_umask());
        assert_eq!(mode(&nested.join("r.pdf")), FILE_MODE & !current_umask());
    }

    /// The umask, read without changing it for good.
    fn current_umask() -> u32 {
        use nix::sys::stat::{Mode, umask};
        let m = umask(Mode::from_bits_truncate(0o022));
        umask(m);
        m.bits()
    }
}
