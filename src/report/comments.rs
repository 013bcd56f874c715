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
//! Pure: the text comes in, the comments or a message saying what is wrong (in English, like every
//! config message) come out. A missing file is no comments; a broken one is an error, so a report is
//! never sent without comments the coordinators wrote.

use std::collections::BTreeMap;

use crate::config::Config;

/// Comments per (period id, pledge id), as paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments(BTreeMap<(String, String), Vec<String>>);

impl Comments {
    /// The paragraphs written about `pledge` in `period`; empty when none were.
    pub fn get(&self, period: &str, pledge: &str) -> &[String] {
        self.0.get(&(period.to_owned(), pledge.to_owned())).map_or(&[], Vec::as_slice)
    }

    /// Parses the file's text for the follow-up of `period`: its table must name pledges of that
    /// period, with text. The tables of other periods are not looked into (last year's comments must
    /// not stop this year's report when last year's pledges are gone from the config).
    pub fn parse(text: &str, config: &Config, period: &str) -> Result<Comments, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: ")
            });
            format!("{}{}", at.unwrap_or_default(), e.message().trim_end())
        })?;
        let mut out = BTreeMap::new();
        for (period, value) in table.into_iter().filter(|(p, _)| p == period) {
            let toml::Value::Table(pledges) = value else {
                return Err(format!(
                    "`{period}` must be a table: [{period}] followed by lines `pledge-id = \"text\"`"
                ));
            };
            let ids: Vec<&str> = config
                .pledges
                .iter()
                .filter(|p| p.periods.contains(&period))
                .map(|p| p.id.as_str())
                .collect();
            for (pledge, text) in pledges {
                if !ids.contains(&pledge.as_str()) {
                    return Err(format!(
                        "[{period}] {pledge}: no such pledge in period {period}; expected one of: {}",
                        ids.join(", ")
                    ));
                }
                let toml::Value::String(text) = text else {
                    return Err(format!("[{period}] {pledge}: the comment must be text in quotes"));
                };
                let paragraphs = paragraphs(&text);
                if !paragraphs.is_empty() {
                    out.insert((period.clone(), pledge), paragraphs);
                }
            }
        }
        Ok(Comments(out))
    }
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
        assert!(e("[2019]\nhundsok = \"y\"\n").starts_with(
            "[2019] hundsok: no such pledge in period 2019; expected one of: medborgarkontakter, "
        ));
        assert_eq!(e("[2019]\nnarkotika = 3\n"), "[2019] narkotika: the comment must be text in quotes");
        assert!(
            e("[2019]\nnarkotika = \"oavslutad\n").starts_with("line 2: "),
            "{}",
            e("[2019]\nnarkotika = \"oavslutad\n")
        );
        assert_eq!(
            e("2019 = \"x\"\n"),
            "`2019` must be a table: [2019] followed by lines `pledge-id = \"text\"`"
        );
    }
}
