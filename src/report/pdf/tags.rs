//! The logical structure as krilla's tag tree (PDF/UA): each structure element of the layout becomes
//! a tag group, with the marked content that [`super::draw`] painted for it as its leaves.
//!
//! Decides nothing: the elements, their order and which items are whose content come from the
//! [`Layout`](super::layout::Layout).

use std::num::NonZeroU16;

use krilla::tagging::{Identifier, ListNumbering, TableHeaderScope, Tag, TagGroup, TagKind, TagTree};

use super::layout::{Node, Role};

/// The tag tree of `structure`, where `leaves[i]` are the marked contents of element `i`, in reading
/// order. An element's parts follow it in `structure`, so each is attached before its parent is.
pub(crate) fn tree(structure: &[Node], leaves: Vec<Vec<Identifier>>) -> TagTree {
    let mut groups: Vec<Option<TagGroup>> = structure
        .iter()
        .zip(leaves)
        .map(|(node, ids)| {
            let mut group = TagGroup::new(tag(&node.role));
            ids.into_iter().for_each(|id| group.push(id));
            Some(group)
        })
        .collect();
    let mut top = Vec::new();
    for (i, node) in structure.iter().enumerate().rev() {
        let Some(group) = groups[i].take() else { continue };
        match node.parent.and_then(|parent| groups.get_mut(parent)).and_then(Option::as_mut) {
            Some(parent) => parent.children.insert(0, group.into()),
            None => top.push(group),
        }
    }
    let mut tree = TagTree::new();
    top.into_iter().rev().for_each(|group| tree.push(group));
    tree
}

/// The standard structure type of a role.
fn tag(role: &Role) -> TagKind {
    match role {
        Role::Title => Tag::Title.into(),
        Role::Heading(level, text) => {
            Tag::Hn(NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN), Some(text.clone())).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::Quote => Tag::BlockQuote.into(),
        Role::Section => Tag::Section.into(),
        Role::List(bulleted) => {
            Tag::L(if *bulleted { ListNumbering::Disc } else { ListNumbering::None }).into()
        }
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::TableHead => Tag::THead.into(),
        Role::TableBody => Tag::TBody.into(),
        Role::Row => Tag::TR.into(),
        Role::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Role::Cell => Tag::TD.into(),
        Role::Figure(description) => Tag::Figure(Some(description.clone())).into(),
    }
}
