//! Which logs have arrived: each configured source has either delivered (the store counts a file of
//! it, even one since gone from its folder) or is awaited: it never has (its folder is empty, holds
//! only refused files, or does not exist), or its folder is gone now (a share not mounted, a path
//! changed), so what it holds since cannot be known.
//!
//! The principle it serves (ARCHITECTURE, "A figure is backed by its logs"): a mail states a pledge's
//! figures only when every source of the pledge's owners has delivered; until then the mail is held,
//! and the log keepers and the coordinator are told what is awaited. Pure but for [`Supply::look`],
//! which reads the store, and [`Folder::at`], which looks at a folder.

use crate::config::Config;
use crate::store::FileRecord;

/// A source that has never delivered a file the store counts, or whose folder cannot be looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Awaited {
    /// The source's name.
    pub(crate) source: String,
    /// Its folder as it is.
    pub(crate) folder: Folder,
}

/// A source's folder, as pledgewatch finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Folder {
    /// It can be listed (it may be empty, or hold only files that could not be read).
    Listed,
    /// It does not exist (a misspelled path, a share not mounted).
    Missing,
    /// It exists, and pledgewatch may not list it (its permissions).
    Unlistable,
}

impl Folder {
    /// The folder of `dir` as it is on disk now.
    pub(crate) fn at(dir: &std::path::Path) -> Folder {
        if !dir.is_dir() {
            Folder::Missing
        } else if std::fs::read_dir(dir).is_err() {
            Folder::Unlistable
        } else {
            Folder::Listed
        }
    }
}

/// The state of the logs: the sources awaited, in config order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Supply {
    /// The sources that have never delivered.
    pub(crate) awaited: Vec<Awaited>,
}

impl Supply {
    /// The supply given the store's file records and each source's folder (called with each
    /// source's name).
    pub(crate) fn of(config: &Config, files: &[FileRecord], folder: impl Fn(&str) -> Folder) -> Supply {
        let awaited = config
            .sources
            .iter()
            .filter_map(|s| {
                let delivered = files.iter().any(|f| f.source == s.name && f.counted_hash.is_some());
                let folder = folder(&s.name);
                (!delivered || folder != Folder::Listed).then(|| Awaited { source: s.name.clone(), folder })
            })
            .collect();
        Supply { awaited }
    }

    /// The awaited sources of the parties that own `pledge` (empty: its figures can be stated).
    pub(crate) fn awaited_for<'a>(&'a self, config: &Config, pledge: &str) -> Vec<&'a Awaited> {
        let Some(p) = config.pledges.iter().find(|p| p.id == pledge) else { return Vec::new() };
        let owned: Vec<&str> =
            config.sources.iter().filter(|s| p.owners.contains(&s.party)).map(|s| s.name.as_str()).collect();
        self.awaited.iter().filter(|a| owned.contains(&a.source.as_str())).collect()
    }

    /// The supply now: the store's file records, and each source's folder as it is on disk. In a
    /// police area, a shared log (the police's) has delivered for a municipality once a file of it
    /// holds a row of that municipality: a log of the others' rows says nothing of this one's.
    pub fn look(config: &Config, store: &crate::store::Store) -> Result<Supply, crate::store::StoreError> {
        let mut files = config.own_files(store.files()?);
        if let Some(scope) = &config.scope {
            let with_rows = store.files_with_rows_of(scope)?;
            let shared = |name: &str| config.source(name).is_some_and(|s| s.municipality.is_none());
            files.retain(|f| !shared(&f.source) || with_rows.contains(&f.id));
        }
        Ok(Supply::of(config, &files, |name| {
            config.source(name).map_or(Folder::Missing, |s| Folder::at(&s.dir))
        }))
    }

    /// Whether the store holds `period`'s logs for `pledge`: each source of its owners has a file
    /// holding an activity dated in the period. Without them its figures for that period (a
    /// previous one, shown beside this one) would be zero for want of data, not of work.
    pub(crate) fn period_delivered(
        config: &Config,
        files: &[FileRecord],
        log: &crate::model::Log,
        pledge: &crate::pledge::Pledge,
        period: &crate::pledge::Period,
    ) -> bool {
        let owned = config.sources.iter().any(|s| pledge.owners.contains(&s.party));
        owned && Self::period_missing(config, files, log, pledge, period).is_empty()
    }

    /// The sources of `pledge`'s owners with no file holding an activity dated in `period`.
    pub(crate) fn period_missing<'a>(
        config: &'a Config,
        files: &[FileRecord],
        log: &crate::model::Log,
        pledge: &crate::pledge::Pledge,
        period: &crate::pledge::Period,
    ) -> Vec<&'a crate::config::Source> {
        let paths: std::collections::HashSet<&str> =
            log.activities.iter().filter(|a| period.contains(a.date)).map(|a| &*a.source.file).collect();
        let delivered: std::collections::HashSet<&str> =
            files.iter().filter(|f| paths.contains(f.path.as_str())).map(|f| f.source.as_str()).collect();
        config
            .sources
            .iter()
            .filter(|s| pledge.owners.contains(&s.party) && !delivered.contains(s.name.as_str()))
            .collect()
    }

    /// Whether every source has delivered.
    pub(crate) fn all_delivered(&self) -> bool {
        self.awaited.is_empty()
    }

    /// Whether every source of `pledge`'s owners has delivered.
    pub(crate) fn is_ready(&self, config: &Config, pledge: &str) -> bool {
        self.awaited_for(config, pledge).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::FileState;

    impl Supply {
        fn has_delivered(&self, source: &str) -> bool {
            !self.awaited.iter().any(|a| a.source == source)
        }
    }

    fn config() -> Config {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
        Config::load(&path).unwrap()
    }

    fn file(source: &str, state: FileState, counted: bool) -> FileRecord {
        FileRecord {
            id: 1,
            source: source.into(),
            path: format!("data/inbox/{source}/logg.xlsx"),
            size: 1,
            mtime_ns: 0,
            hash: "h".into(),
            state,
            format: None,
            duplicate_of: None,
            fingerprint: "f".into(),
            counted_hash: counted.then(|| "h".into()),
            rows_read: 0,
            rows_skipped: 0,
            row_problems: 0,
            values_read: 0,
            plans_read: 0,
            first_seen: String::new(),
            last_seen: String::new(),
            last_changed: String::new(),
            missing_since: None,
        }
    }

    #[test]
    fn a_source_has_delivered_once_the_store_counts_a_file_of_it_even_a_gone_one() {
        let config = config();
        let both = |_: &str| Folder::Listed;
        let none = Supply::of(&config, &[], both);
        assert_eq!(none.awaited.iter().map(|a| a.source.as_str()).collect::<Vec<_>>(), ["polisen", "kommun"]);
        // A refused file is no delivery; a counted one is, also once it is gone from its folder.
        let refused = Supply::of(&config, &[file("kommun", FileState::Refused, false)], both);
        assert!(!refused.has_delivered("kommun"));
        let gone = Supply::of(&config, &[file("polisen", FileState::Missing, true)], both);
        assert!(gone.has_delivered("polisen") && !gone.has_delivered("kommun"));
        // A source that delivered, whose folder is gone now: awaited again (its figures are stale).
        let gone = |name: &'static str, f: Folder| move |s: &str| if s == name { f } else { Folder::Listed };
        let unmounted =
            Supply::of(&config, &[file("polisen", FileState::Read, true)], gone("polisen", Folder::Missing));
        assert_eq!(unmounted.awaited[0], Awaited { source: "polisen".into(), folder: Folder::Missing });
        // So is one whose folder may not be listed: what it holds now cannot be known.
        let locked = Supply::of(
            &config,
            &[file("polisen", FileState::Read, true)],
            gone("polisen", Folder::Unlistable),
        );
        assert_eq!(locked.awaited[0], Awaited { source: "polisen".into(), folder: Folder::Unlistable });
        // A missing folder is told apart from an empty one.
        let misspelled = Supply::of(&config, &[], gone("kommun", Folder::Missing));
        assert_eq!(
            misspelled.awaited,
            [
                Awaited { source: "polisen".into(), folder: Folder::Listed },
                Awaited { source: "kommun".into(), folder: Folder::Missing },
            ]
        );
    }

    #[test]
    fn a_pledge_is_ready_when_every_source_of_its_owners_has_delivered() {
        let config = config();
        let police_only = Supply::of(&config, &[file("polisen", FileState::Read, true)], |_| Folder::Listed);
        // medborgarkontakter is the police's own; trygghetsvandringar and kommunikation are joint
        // (see config.toml).
        assert!(police_only.is_ready(&config, "medborgarkontakter"));
        assert!(!police_only.is_ready(&config, "trygghetsvandringar"));
        assert_eq!(police_only.awaited_for(&config, "kommunikation")[0].source, "kommun");
        let all = Supply::of(
            &config,
            &[file("polisen", FileState::Read, true), file("kommun", FileState::Read, true)],
            |_| Folder::Listed,
        );
        assert!(config.pledges.iter().all(|p| all.is_ready(&config, &p.id)));
    }
}
