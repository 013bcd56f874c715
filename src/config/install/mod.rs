//! One install: a municipality alone (today's `config.toml`), or a police area whose `config.toml`
//! holds what its municipalities share and names a file for each (`[[municipality]]`). Each
//! municipality gets a whole [`Config`], its own sections and the shared ones; the install answers
//! what is asked once for all of them (the folders to read, the jobs to run).

use std::path::Path;

use super::validate::{self, Member};
use super::{Config, ConfigError, ConfigErrors, JobSchedule, Source};

/// What one daemon serves.
#[derive(Debug, Clone)]
pub struct Install {
    /// `config.toml`: a municipality's whole config when it is alone; in a police area, what the
    /// municipalities share (no pledges, periods or name of its own).
    pub(crate) shared: Config,
    /// Each municipality's config, in the order of `[[municipality]]`; alone, the one config.
    pub municipalities: Vec<Config>,
    /// The ids of every municipality of the area (empty alone), also of those not read
    /// ([`Install::load_only`]).
    pub(crate) ids: Vec<String>,
}

impl Install {
    /// Reads and validates `config.toml` at `path` and, in a police area, each municipality's file.
    pub fn load(path: &Path) -> Result<Install, ConfigErrors> {
        let text = read(path, None, path)?;
        Install::parse(&text, path)
    }

    /// As [`load`](Self::load), of a police area only the municipality `only` (when it is one of
    /// the area's): what a verb about one municipality needs, without reading the others' files
    /// (a mistake in one of them does not stop it; `check` and the daemon read them all).
    pub fn load_only(path: &Path, only: Option<&str>) -> Result<Install, ConfigErrors> {
        let text = read(path, None, path)?;
        Install::parse_only(&text, path, only)
    }

    /// As [`load`](Self::load), with the text of `config.toml` given (its municipalities' files are
    /// read from the disk, relative to `path`).
    pub fn parse(text: &str, path: &Path) -> Result<Install, ConfigErrors> {
        Install::parse_only(text, path, None)
    }

    fn parse_only(text: &str, path: &Path, only: Option<&str>) -> Result<Install, ConfigErrors> {
        let (shared, members) = validate::parse(text, path, None)?;
        if members.is_empty() {
            return Ok(Install { municipalities: vec![shared.clone()], shared, ids: Vec::new() });
        }
        let ids: Vec<String> = members.iter().map(|m| m.id.clone()).collect();
        let only = only.and_then(|given| named(&ids, given));
        let mut errors = Vec::new();
        let mut municipalities = Vec::new();
        for m in members.iter().filter(|m| only.is_none_or(|id| id == m.id)) {
            let parsed = read(&m.path, Some(m.location), path).and_then(|text| {
                validate::parse(
                    &text,
                    &m.path,
                    Some(Member { id: &m.id, shared: &shared, earlier: &municipalities }),
                )
            });
            match parsed {
                Ok((config, _)) => municipalities.push(config),
                Err(ConfigErrors(e)) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(ConfigErrors(errors));
        }
        let names: Vec<String> = municipalities.iter().map(|m| m.municipality.clone()).collect();
        let mut shared = shared;
        for config in municipalities.iter_mut().chain(std::iter::once(&mut shared)) {
            config.area_names = names.clone();
        }
        Ok(Install { shared, municipalities, ids })
    }

    /// Whether this install serves several municipalities (a police area), even of one.
    pub fn is_area(&self) -> bool {
        self.municipalities.iter().any(|m| m.scope.is_some())
    }

    /// Whether every municipality of the install was read (not so after [`load_only`](Self::load_only)).
    pub(crate) fn is_whole(&self) -> bool {
        !self.is_area() || self.municipalities.len() == self.ids.len()
    }

    /// The municipality with this id (see [`Config::id`]).
    pub fn municipality(&self, id: &str) -> Option<&Config> {
        self.municipalities.iter().find(|m| m.id() == id)
    }

    /// The municipality `given` names, as a person at the command line may (`-m`): by its id, or
    /// its id or name in any case, with or without "kommun" ("Överkalix", "Haparanda stad").
    fn named(&self, given: &str) -> Option<&Config> {
        self.municipality(given).or_else(|| {
            let wanted = super::slug(given);
            self.municipalities
                .iter()
                .find(|m| super::slug(&m.id()) == wanted || super::slug(&m.municipality) == wanted)
        })
    }

    /// The municipalities a verb serves: the one `id` names (`--municipality`), or all. An unknown id
    /// is an error that lists the known ones.
    pub(crate) fn chosen(&self, id: Option<&str>) -> Result<Vec<&Config>, Vec<String>> {
        match id {
            None => Ok(self.municipalities.iter().collect()),
            Some(id) => match self.named(id) {
                Some(m) => Ok(vec![m]),
                None if self.ids.is_empty() => Err(self.municipalities.iter().map(Config::id).collect()),
                None => Err(self.ids.clone()),
            },
        }
    }

    /// Every source folder of the install, each once: the shared ones, then each municipality's own.
    pub(crate) fn sources(&self) -> Vec<&Source> {
        let mut out: Vec<&Source> = self.shared.sources.iter().collect();
        for m in &self.municipalities {
            out.extend(m.sources.iter().filter(|s| s.municipality.is_some()));
        }
        out
    }

    /// A fingerprint of everything that changes how the install's logs are read (see
    /// [`Config::reading_fingerprint`]); in a police area also each municipality's id, name and
    /// activities, and the names of the `Kommun` column.
    pub fn reading_fingerprint(&self) -> String {
        let shared = self.shared.reading_fingerprint();
        if !self.is_area() {
            return shared;
        }
        let mut h = blake3::Hasher::new();
        h.update(shared.as_bytes());
        for m in &self.municipalities {
            h.update(
                format!("\x1e{}\x1f{}\x1f{}", m.id(), m.municipality, m.reading_fingerprint()).as_bytes(),
            );
        }
        for (_, names) in self.shared.columns.iter().filter(|(c, _)| *c == crate::model::Column::Municipality)
        {
            names.iter().for_each(|n| {
                h.update(n.as_bytes());
                h.update(b"\x1f");
            });
        }
        h.finalize().to_hex()[..16].to_owned()
    }

    /// Every job of the install: the shared ones once, each municipality's follow-ups.
    pub(crate) fn jobs(&self) -> Vec<&JobSchedule> {
        let mut out: Vec<&JobSchedule> = self.shared.jobs.iter().collect();
        for m in self.municipalities.iter().filter(|m| m.scope.is_some()) {
            out.extend(m.jobs.iter().filter(|j| matches!(j.job, super::Job::Report { .. })));
        }
        out
    }
}

/// The text of a config file; an error names the file (and where `config.toml` names it).
/// Of a police area's ids, the one `given` names ([`Install::named`]), before the municipalities'
/// files are read: by the id, or the id in any case, with or without "kommun".
fn named<'a>(ids: &'a [String], given: &str) -> Option<&'a str> {
    let wanted = super::slug(given);
    ids.iter()
        .find(|id| *id == given)
        .or_else(|| ids.iter().find(|id| super::slug(id) == wanted))
        .map(String::as_str)
}

fn read(path: &Path, named_at: Option<(usize, usize)>, config_toml: &Path) -> Result<String, ConfigErrors> {
    std::fs::read_to_string(path).map_err(|e| {
        let (path, location, message) = match named_at {
            None => (path.to_owned(), None, format!("cannot read the config file: {e}")),
            Some(at) => (
                config_toml.to_owned(),
                Some(at),
                format!("cannot read the municipality's file {}: {e}", path.display()),
            ),
        };
        ConfigErrors(vec![ConfigError { path, location, message }])
    })
}

#[cfg(test)]
mod tests;
