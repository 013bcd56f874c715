//! How names typed by people are compared: activity names in the `Aktivitet` column and header names.
//!
//! Pure. Case, surrounding spaces, runs of inner spaces and a trailing colon do not matter. An unknown
//! activity name gets the nearest known name as a suggestion.

use std::collections::HashMap;

use crate::pledge::ActivityKind;

/// The form in which two names are compared: trimmed, lower case, inner whitespace collapsed to one
/// space, a trailing colon removed.
pub(crate) fn normalize(name: &str) -> String {
    let trimmed = name.trim();
    let trimmed = trimmed.strip_suffix(':').unwrap_or(trimmed).trim_end();
    let mut out = String::with_capacity(trimmed.len());
    for (i, word) in trimmed.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Looks up activity kinds by any of their names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Normalized name or alias → activity id.
    by_name: HashMap<String, String>,
    /// Name or alias exactly as configured → activity id: most rows spell it so, and are found
    /// without normalizing (which allocates).
    exact: HashMap<String, String>,
    /// (normalized name, display name) pairs to suggest from.
    suggestions: Vec<(String, String)>,
}

/// The result of looking up an activity name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup<'a> {
    /// The name is known; the activity id.
    Known(&'a str),
    /// The name is not known; the display name of the nearest known name, if any is near.
    Unknown(Option<&'a str>),
}

impl Vocabulary {
    /// Builds the lookup from the configured activity kinds.
    pub(crate) fn new(kinds: &[ActivityKind]) -> Vocabulary {
        let mut by_name = HashMap::new();
        let mut exact = HashMap::new();
        let mut suggestions = Vec::new();
        for kind in kinds {
            for name in std::iter::once(&kind.name).chain(&kind.aliases) {
                exact.insert(name.clone(), kind.id.clone());
                let key = normalize(name);
                by_name.insert(key.clone(), kind.id.clone());
                suggestions.push((key, kind.name.clone()));
            }
        }
        Vocabulary { by_name, exact, suggestions }
    }

    /// Looks up a name as written in a log.
    pub(crate) fn lookup(&self, written: &str) -> Lookup<'_> {
        if let Some(id) = self.exact.get(written) {
            return Lookup::Known(id);
        }
        let key = normalize(written);
        if let Some(id) = self.by_name.get(&key) {
            return Lookup::Known(id);
        }
        Lookup::Unknown(self.nearest(&key))
    }

    /// The display name whose name or alias is nearest to `key`, if it is near enough to be a typo.
    fn nearest(&self, key: &str) -> Option<&str> {
        nearest(
            key,
            self.suggestions.iter().map(|(candidate, display)| (candidate.as_str(), display.as_str())),
        )
    }
}

/// Looks up the municipalities of a police area by how a `Kommun` cell names them: `Kalix kommun`,
/// `Kalix`, `kalix` (and the id) all name the municipality called Kalix kommun.
#[derive(Debug, Clone, Default)]
pub(crate) struct Municipalities {
    /// (normalized name, index, name as shown in a suggestion), a few per municipality.
    names: Vec<(String, usize, String)>,
}

impl Municipalities {
    /// From each municipality's id and name, in the install's order (the index of a lookup).
    pub(crate) fn new<'a>(each: impl Iterator<Item = (&'a str, &'a str)>) -> Municipalities {
        let mut names = Vec::new();
        for (i, (id, name)) in each.enumerate() {
            let full = normalize(name);
            let bare = bare_name(&full).to_owned();
            let shown: String = name.split_whitespace().next().unwrap_or(name).to_owned();
            let shown = if bare == full { name.trim().to_owned() } else { shown };
            for key in [full.clone(), bare, normalize(id)] {
                if !names.iter().any(|(k, _, _)| *k == key) {
                    names.push((key, i, shown.clone()));
                }
            }
        }
        Municipalities { names }
    }

    /// The index of the municipality a cell names, or the nearest name to suggest.
    pub(crate) fn lookup(&self, written: &str) -> Result<usize, Option<&str>> {
        let key = normalize(written);
        // "Haparanda stad" names the municipality called Haparanda kommun.
        let bare = bare_name(&key);
        if let Some((_, i, _)) = self.names.iter().find(|(k, _, _)| *k == key || *k == bare) {
            return Ok(*i);
        }
        Err(nearest(&key, self.names.iter().map(|(k, _, shown)| (k.as_str(), shown.as_str()))))
    }

    /// The index of the municipality shown as `shown` in a suggestion.
    pub(crate) fn suggested(&self, shown: &str) -> Option<usize> {
        self.names.iter().find(|(_, _, s)| s == shown).map(|(_, i, _)| *i)
    }
}

/// A normalized municipality name without "kommun" or "stad" at its end.
fn bare_name(full: &str) -> &str {
    ["kommun", "stad"]
        .iter()
        .find_map(|w| full.strip_suffix(w).map(str::trim_end).filter(|b| !b.is_empty()))
        .unwrap_or(full)
}

/// Of `(candidate, shown)` pairs, the `shown` of the candidate nearest to `key`, if it is near enough
/// to be a typo.
pub(crate) fn nearest<'a>(
    key: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    if key.is_empty() {
        return None;
    }
    let key_len = key.chars().count();
    let (score, shown) = candidates
        .filter(|(candidate, _)| could_be_near(key_len, candidate.chars().count()))
        .map(|(candidate, shown)| (strsim::normalized_damerau_levenshtein(key, candidate), shown))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    (score >= NEAR).then_some(shown)
}

/// The least similarity (1 − distance / the longer length) of a typo: 0.6 accepts a typo or two in a
/// word of ten letters; below that the guess confuses more than it helps.
const NEAR: f64 = 0.6;

/// Whether names of these lengths (in characters) can be near at all: their distance is at least the
/// difference of their lengths. This is what keeps a cell of 100,000 characters from being compared,
/// character by character, with every name (the comparison costs the product of the lengths).
fn could_be_near(a: usize, b: usize) -> bool {
    let (short, long) = (a.min(b), a.max(b));
    long > 0 && 1.0 - (long - short) as f64 / long as f64 >= NEAR
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<ActivityKind> {
        vec![
            ActivityKind {
                id: "medborgarkontakt".into(),
                name: "Medborgarkontakt".into(),
                aliases: vec!["Medborgardialog".into()],
            },
            ActivityKind {
                id: "trygghetsvandring".into(),
                name: "Trygghetsvandring".into(),
                aliases: vec![],
            },
            ActivityKind { id: "tidig-insats".into(), name: "Tidig insats".into(), aliases: vec![] },
        ]
    }

    #[test]
    fn normalize_ignores_case_spaces_and_trailing_colon() {
        for (input, expected) in [
            (" Datum:", "datum"),
            ("AKTIVITET", "aktivitet"),
            ("Antal :", "antal"),
            ("  Tidig   insats ", "tidig insats"),
            ("Trafiksäkerhetsinsats", "trafiksäkerhetsinsats"),
            ("ÅÄÖ", "åäö"),
            (":", ""),
        ] {
            assert_eq!(normalize(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn lookup_by_name_alias_and_typo() {
        let vocab = Vocabulary::new(&kinds());
        assert_eq!(vocab.lookup("  trygghetsVANDRING "), Lookup::Known("trygghetsvandring"));
        assert_eq!(vocab.lookup("medborgardialog"), Lookup::Known("medborgarkontakt"));
        assert_eq!(vocab.lookup("Tidig  insats"), Lookup::Known("tidig-insats"));
        assert_eq!(vocab.lookup("Medborgarkontakr"), Lookup::Unknown(Some("Medborgarkontakt")));
        assert_eq!(vocab.lookup("Trygghetsvandringar"), Lookup::Unknown(Some("Trygghetsvandring")));
        assert_eq!(vocab.lookup("Fotboll"), Lookup::Unknown(None));
    }

    #[test]
    fn a_value_far_longer_than_any_name_is_not_compared() {
        // "Medborgarkontakt" has 16 characters: 26 is the longest that can still be near (10 edits).
        assert!(could_be_near(16, 26) && !could_be_near(16, 27));
        assert!(!could_be_near(0, 0) && !could_be_near(16, 100_000));
        let vocab = Vocabulary::new(&kinds());
        assert_eq!(vocab.lookup(&"medborgarkontakt".repeat(10_000)), Lookup::Unknown(None));
        // A name with a long tail that a typo would not explain is not suggested either.
        assert_eq!(vocab.lookup("Medborgarkontakt vid torget i Kalix"), Lookup::Unknown(None));
    }
}
