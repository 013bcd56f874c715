//! The conditions on a single row: its place, partners named, tags carried, a count above zero
//! (and hours above zero, for a pledge measured in hours).
//!
//! Pure. Partner words are matched case-insensitively *inside* the `Samverkan` text, so "Kalix kommun
//! och grannsamverkan Töre" satisfies both "kommun" and "grannsamverkan"; places alike. Tags are compared whole,
//! case-insensitively, after splitting `Taggar` on `,` and `;`.

use crate::model::{Activity, split_tags};
use crate::pledge::{Measure, Pledge};

use super::Exclusion;

/// Why a row of one of the pledge's kinds, dated in its window, does not count; `None` if it counts.
pub(crate) fn exclusion(pledge: &Pledge, a: &Activity) -> Option<Exclusion> {
    if !pledge.places.admits(&a.place) {
        let near = near_place(&pledge.places.any_of, &a.place);
        return Some(Exclusion::PlaceMissing { any_of: pledge.places.any_of.clone(), near });
    }
    let partners = &pledge.partners;
    if !partners.is_none() {
        let text = a.partners.to_lowercase();
        if text.trim().is_empty() {
            return Some(Exclusion::NoPartners);
        }
        if let Some(group) = partners.all_of.iter().find(|g| !g.iter().any(|w| text.contains(w.as_str()))) {
            return Some(Exclusion::PartnersMissing { any_of: group.clone() });
        }
    }
    if !pledge.require_tags.is_empty() && !pledge.require_tags.iter().any(|t| has_tag(&a.tags, t)) {
        return Some(Exclusion::TagsMissing { any_of: pledge.require_tags.clone() });
    }
    // A pledge counts its measure: Antal, or (hours) Timmar whatever Antal says.
    match pledge.measure {
        Measure::Activities if a.count == 0 => Some(Exclusion::ZeroCount),
        Measure::Hours if a.hours.unwrap_or(0) == 0 => Some(Exclusion::NoHours),
        _ => None,
    }
}

/// The place of `places` that `text`, or a word of it, is near enough to be a typo of ("Fritidsgården
/// Kåkan" for Kåken), if any.
fn near_place(places: &[String], text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    let lowered: Vec<(String, &str)> = places.iter().map(|p| (p.to_lowercase(), p.as_str())).collect();
    // A longer word that starts with a place's name is another name ("Metropol" is not "Metro").
    let other_name = |w: &str, place: &str| w.len() > place.len() && w.starts_with(place);
    std::iter::once(text.as_str())
        .chain(text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()))
        .find_map(|w| {
            let candidates = lowered.iter().filter(|(l, _)| !other_name(w, l)).map(|(l, p)| (l.as_str(), *p));
            crate::names::nearest(w, candidates)
        })
        .map(str::to_owned)
}

/// Whether the `Taggar` text carries `tag` (case-insensitive, whole tag).
pub(crate) fn has_tag(tags: &str, tag: &str) -> bool {
    split_tags(tags).iter().any(|t| t.to_lowercase() == tag.to_lowercase())
}
