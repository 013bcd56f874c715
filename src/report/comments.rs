//! The coordinators' comments on the pledges, printed in the follow-up: a TOML file in the data folder
//! (`report.comments`, by default `data/kommentarer.toml`) with a table per period and a text per
//! pledge id:
//!
//! ```toml
//! [2019]
//! kommunikation = """
//! Veckobrevet gjorde uppehåll i juli.
//!
//! En blank rad börjar ett nytt stycke."""
//! ```
//!
//! Pure: the text comes in, the comments or a [`CommentError`] saying what is wrong and on which line
//! come out (in English for the command line and the log; `messages::report::comment_error` says it
//! in Swedish for the coordinators). A missing file is no comments; a broken one is an error, so a
//! report is never sent without comments the coordinators wrote.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use crate::config::Config;

/// Comments per (period id, pledge id), as paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Comments(BTreeMap<(String, String), Vec<String>>);

/// What is wrong in the comments file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{problem}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct CommentError {
    /// The line (from 1), when known.
    pub(crate) line: Option<usize>,
    /// What is wrong.
    pub(crate) problem: Problem,
}

/// What can be wrong in the comments file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Problem {
    /// It is there but cannot be read (permissions, not UTF-8).
    #[error("cannot be read: {0}")]
    Unreadable(String),
    /// It is not TOML; the parser's words.
    #[error("{0}")]
    Syntax(String),
    /// The period's entry is not a table.
    #[error("`{period}` must be a table: [{period}] followed by lines `pledge-id = \"text\"`")]
    NotATable { period: String },
    /// A heading (`[2019]`) written a second time: TOML allows one.
    #[error(
        "[{heading}] is written a second time (first on line {first}); write all of {heading}'s comments under one [{heading}]"
    )]
    RepeatedHeading { heading: String, first: usize },
    /// A pledge given two comments under one heading.
    #[error("{pledge} has a comment already (line {first}); write one comment per pledge")]
    RepeatedPledge { pledge: String, first: usize },
    /// A key names no pledge of the period.
    #[error("[{period}] {pledge}: no such pledge in period {period}{}; expected one of: {}",
        nearest.as_ref().map(|n| format!(" (did you mean {n}?)")).unwrap_or_default(), expected.join(", "))]
    UnknownPledge { period: String, pledge: String, nearest: Option<String>, expected: Vec<String> },
    /// A comment is not a string.
    #[error("[{period}] {pledge}: the comment must be text in quotes")]
    NotText { period: String, pledge: String },
}

impl Comments {
    /// The paragraphs written about `pledge` in `period`; empty when none were.
    pub(crate) fn get(&self, period: &str, pledge: &str) -> &[String] {
        self.0.get(&(period.to_owned(), pledge.to_owned())).map_or(&[], Vec::as_slice)
    }

    /// Parses the file's text for the follow-up of `period`: its table must name pledges of that
    /// period, with text. The tables of other periods are not looked into (last year's comments must
    /// not stop this year's report when last year's pledges are gone from the config).
    pub(crate) fn parse(text: &str, config: &Config, period: &str) -> Result<Comments, CommentError> {
        let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let syntax = |e: toml::de::Error| CommentError {
            line: e.span().map(|s| line_of(s.start)),
            problem: Problem::Syntax(e.message().trim_end().to_owned()),
        };
        // The spanned parse finds every mistake TOML knows (a key given twice too) and says on which
        // line a key is.
        let table = DeTable::parse(text).map_err(|e| {
            let error = syntax(e);
            let plainer = error.line.and_then(|line| repeated(text, line));
            plainer.map_or(error.clone(), |problem| CommentError { problem, ..error })
        })?;
        let mut out = BTreeMap::new();
        for (key, value) in table.get_ref().iter().filter(|(k, _)| k.get_ref() == period) {
            let DeValue::Table(pledges) = value.get_ref() else {
                return Err(CommentError {
                    line: Some(line_of(key.span().start)),
                    problem: Problem::NotATable { period: period.to_owned() },
                });
            };
            let ids: Vec<&str> = config
                .pledges
                .iter()
                .filter(|p| p.periods.iter().any(|x| x == period))
                .map(|p| p.id.as_str())
                .collect();
            for (pledge, text) in pledges.iter() {
                let line = Some(line_of(pledge.span().start));
                let (period, pledge) = (period.to_owned(), pledge.get_ref().to_string());
                if !ids.contains(&pledge.as_str()) {
                    let nearest = nearest(&pledge, &ids).map(str::to_owned);
                    let expected = ids.iter().map(|id| (*id).to_owned()).collect();
                    let problem = Problem::UnknownPledge { period, pledge, nearest, expected };
                    return Err(CommentError { line, problem });
                }
                let DeValue::String(text) = text.get_ref() else {
                    return Err(CommentError { line, problem: Problem::NotText { period, pledge } });
                };
                let paragraphs = paragraphs(text);
                if !paragraphs.is_empty() {
                    out.insert((period, pledge), paragraphs);
                }
            }
        }
        Ok(Comments(out))
    }
}

/// The plainer account of a TOML error on `line` (from 1) when that line repeats a heading, or a
/// key under the same heading (the mistake two coordinators each adding their `[2019]` make).
fn repeated(text: &str, line: usize) -> Option<Problem> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |l: &str| {
        let l = l.trim();
        let inner = l.strip_prefix('[').filter(|rest| !rest.starts_with('['))?;
        Some(inner.split(']').next().unwrap_or("").trim().trim_matches('"').to_owned())
    };
    let key = |l: &str| {
        let (k, _) = l.split_once('=')?;
        let k = k.trim().trim_matches('"');
        (!k.is_empty() && !l.trim_start().starts_with('#')).then(|| k.to_owned())
    };
    let before = lines.get(..line.checked_sub(1)?)?;
    let at = lines.get(line - 1)?;
    if let Some(h) = heading(at) {
        let first = before.iter().position(|l| heading(l).as_ref() == Some(&h))?;
        return Some(Problem::RepeatedHeading { heading: h, first: first + 1 });
    }
    let k = key(at)?;
    // The same key earlier, after the last heading above the line.
    let start = before.iter().rposition(|l| heading(l).is_some()).map_or(0, |i| i + 1);
    let first = before[start..].iter().position(|l| key(l).as_ref() == Some(&k))?;
    Some(Problem::RepeatedPledge { pledge: k, first: start + first + 1 })
}

/// The pledge id `written` was most likely meant to be: one it is the start of (or that is the start
/// of it), else one within a typo or two.
fn nearest<'a>(written: &str, ids: &[&'a str]) -> Option<&'a str> {
    let w = written.trim().to_lowercase();
    if let Some(id) = ids.iter().find(|id| !w.is_empty() && (id.starts_with(&w) || w.starts_with(**id))) {
        return Some(id);
    }
    crate::names::nearest(&w, ids.iter().map(|id| (*id, *id)))
}

/// Paragraphs: separated by blank lines; the lines within one joined by a space.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config() -> Config {
        Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap()
    }

    #[test]
    fn paragraphs_per_pledge_and_period() {
        let c = Comments::parse(
            "[2018]\nnot-a-pledge = 3\n[2019]\nkommunikation = \"\"\"\nVeckobrevet gjorde\nuppehåll i juli.\n\n\nNytt stycke.\n\"\"\"\nnarkotika = \"  \"\n",
            &config(),
            "2019",
        )
        .unwrap();
        assert_eq!(c.get("2019", "kommunikation"), ["Veckobrevet gjorde uppehåll i juli.", "Nytt stycke."]);
        assert!(c.get("2019", "narkotika").is_empty());
        assert!(c.get("2019", "hundsok-skola").is_empty());
        assert_eq!(Comments::parse("", &config(), "2019").unwrap(), Comments::default());
    }

    #[test]
    fn mistakes_are_explained() {
        let e = |t: &str| Comments::parse(t, &config(), "2019").unwrap_err();
        assert!(e("[2019]\nnarkotika = \"x\"\n\n hundsok = \"y\"\n").to_string().starts_with(
            "line 4: [2019] hundsok: no such pledge in period 2019 (did you mean hundsok-skola?); expected one of: medborgarkontakter, "
        ));
        let typo = e("[2019]\nkomunikation = \"x\"\n");
        assert!(
            matches!(&typo.problem, Problem::UnknownPledge { nearest: Some(n), .. } if n == "kommunikation")
        );
        let far = e("[2019]\nbrandskydd = \"x\"\n");
        assert!(matches!(far.problem, Problem::UnknownPledge { nearest: None, .. }), "{far}");
        // Two coordinators each adding their own [2019]; one pledge commented twice.
        let twice = e("[2019]\nnarkotika = \"a\"\n\n[2019]\nhundsok-skola = \"b\"\n");
        assert_eq!(twice.line, Some(4));
        assert_eq!(twice.problem, Problem::RepeatedHeading { heading: "2019".into(), first: 1 });
        let again = e("[2019]\nnarkotika = \"a\"\nhundsok-skola = \"b\"\n\"narkotika\" = \"c\"\n");
        assert_eq!(
            (again.line, again.problem),
            (Some(4), Problem::RepeatedPledge { pledge: "narkotika".into(), first: 2 })
        );
        assert_eq!(
            e("[2019]\nnarkotika = 3\n").to_string(),
            "line 2: [2019] narkotika: the comment must be text in quotes"
        );
        let open = e("[2019]\nnarkotika = \"oavslutad\n");
        assert!(matches!(open, CommentError { line: Some(2), problem: Problem::Syntax(_) }), "{open}");
        let twice = e("[2019]\nnarkotika = \"a\"\nnarkotika = \"b\"\n");
        assert!(
            matches!(twice, CommentError { line: Some(3), problem: Problem::RepeatedPledge { .. } }),
            "{twice}"
        );
        assert_eq!(
            e("# x\n2019 = \"x\"\n").to_string(),
            "line 2: `2019` must be a table: [2019] followed by lines `pledge-id = \"text\"`"
        );
    }
}
