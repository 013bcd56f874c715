//! Checks of where a pledge's rows must have been (`places`) and of its parts: one per place
//! (`places = { at_each = [...] }`) or listed (`[[pledge.part]]`). Names none empty or twice, a
//! part's activities among the pledge's, its `at_least` fit for the pledge's kind of rule. Pure.

use toml::Spanned;

use super::super::raw::{RawPart, RawPlaces, RawPledge};
use super::Validator;
use crate::pledge::{Part, Parts, Places, Rule};

impl Validator<'_> {
    /// The pledge's places, and its parts (none for most pledges).
    pub(super) fn places_and_parts(&mut self, p: &RawPledge, rule: &Rule) -> (Places, Parts) {
        let activities: Vec<String> = p.activities.iter().map(|a| a.get_ref().clone()).collect();
        let mut places = Places::default();
        let mut parts = Parts::default();
        if let Some(raw) = &p.places {
            let r = raw.get_ref();
            match (&r.any_of, &r.at_each) {
                (Some(any_of), None) => {
                    places.any_of = self.place_names(raw, any_of, "any_of");
                    if let Some(called) = &r.called {
                        self.at(called, "`called` says what each place of `at_each` is; it does not apply to `any_of`".into());
                    }
                }
                (None, Some(at_each)) => {
                    let list = self
                        .place_names(raw, at_each, "at_each")
                        .into_iter()
                        .map(|name| Part {
                            places: Places { any_of: vec![name.clone()] },
                            name,
                            activities: activities.clone(),
                            rule: rule.clone(),
                        })
                        .collect();
                    let called = r.called.as_ref().map(|c| c.get_ref().trim().to_owned()).filter(|c| !c.is_empty());
                    parts = Parts { by_place: true, called, list };
                }
                (Some(_), Some(_)) => self.at(
                    raw,
                    "`places` takes `any_of` (a row at one of them counts) or `at_each` (one part per place), not both".into(),
                ),
                (None, None) => self.at(
                    raw,
                    "`places` names no place; give `any_of = [\"...\"]` or `at_each = [\"...\"]`, or leave it out".into(),
                ),
            }
        }
        if let Some(first) = p.part.first() {
            if parts.by_place {
                self.at(
                    &first.name,
                    "a pledge has parts by `places = { at_each = [...] }` or by `[[pledge.part]]`, not both"
                        .into(),
                );
            } else {
                parts.list = p.part.iter().map(|x| self.part(x, &activities, rule, &places)).collect();
                for (i, x) in p.part.iter().enumerate() {
                    let same = |q: &Part| q.name.to_lowercase() == parts.list[i].name.to_lowercase();
                    if !parts.list[i].name.is_empty() && parts.list[..i].iter().any(same) {
                        self.at(
                            &x.name,
                            format!(
                                "part {:?} is named twice; give each part its own name",
                                parts.list[i].name
                            ),
                        );
                    }
                }
            }
        }
        if !parts.list.is_empty() && matches!(rule, Rule::Share { .. }) {
            self.at(&p.rule, "a share is of all the pledge's activities; it has no parts (give each part a pledge of its own)".into());
        }
        if !parts.list.is_empty() && *rule == Rule::Qualitative {
            self.at(&p.rule, "a pledge without a number (`qualitative`) has no parts to count; give its rule a number, or leave the parts out".into());
        }
        (places, parts)
    }

    /// The places of `any_of` or `at_each` (`key`), as written; none empty or twice (in any case).
    fn place_names(&mut self, raw: &Spanned<RawPlaces>, names: &[Spanned<String>], key: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in names {
            let place = w.get_ref().trim();
            if place.is_empty() {
                self.at(w, "a place must not be empty".into());
            } else if out.iter().any(|p| p.to_lowercase() == place.to_lowercase()) {
                self.at(w, format!("place {place:?} is listed twice"));
            } else {
                out.push(place.to_owned());
            }
        }
        if names.is_empty() {
            self.at(raw, format!("`{key}` lists no place; name one or more, or leave `places` out"));
        }
        out
    }

    /// One `[[pledge.part]]`: its name, and the pledge's activities, places and rule where it gives none.
    fn part(&mut self, raw: &RawPart, activities: &[String], rule: &Rule, places: &Places) -> Part {
        let name = raw.name.get_ref().trim().to_owned();
        if name.is_empty() {
            self.at(&raw.name, "a part needs a name (`name = \"...\"`), shown beside its count".into());
        }
        let own: Vec<String> = match &raw.activities {
            None => activities.to_vec(),
            Some(list) => {
                if list.is_empty() {
                    self.at(
                        &raw.name,
                        format!("part {name:?} has `activities = []` and would count nothing; name its activities or leave the key out"),
                    );
                }
                for a in list.iter().filter(|a| !activities.contains(a.get_ref())) {
                    self.at(
                        a,
                        format!(
                            "part {name:?} counts activity {:?}, which its pledge does not; add it to the pledge's `activities`",
                            a.get_ref()
                        ),
                    );
                }
                list.iter().map(|a| a.get_ref().clone()).collect()
            }
        };
        let places = match &raw.places {
            None => places.clone(),
            Some(p) => match (&p.get_ref().any_of, &p.get_ref().at_each) {
                (Some(any_of), None) => Places { any_of: self.place_names(p, any_of, "any_of") },
                _ => {
                    self.at(p, "a part's `places` takes `any_of = [\"...\"]`".into());
                    places.clone()
                }
            },
        };
        let rule = raw.at_least.as_ref().map_or_else(|| rule.clone(), |x| self.part_rule(rule, x));
        Part { name, activities: own, places, rule }
    }
}
