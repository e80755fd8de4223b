//! `duplicate-title`: no two link items of one section have the same title
//! but different URLs.
//! The document with examples is rules/duplicate-title.md.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::rules::duplicate_url::normalize_url;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub static META: RuleMeta = RuleMeta {
    name: "duplicate-title",
    summary: "No two link items of a section share a title but not their URL",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/duplicate-title.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateTitle {}

/// A title within its group: (section heading, parent item start, title).
type GroupedTitle = (Option<Span>, Option<usize>, String);

/// A title as compared: whitespace collapsed, case ignored.
fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// For every list item (by its start), where the item holding its list
/// starts: `None` for a top-level item. Nested items are grouped by their
/// parent: `[Misc](#a)` under one heading item and `[Misc](#b)` under
/// another are told apart by their parents.
fn parent_items(doc: &Document) -> HashMap<usize, Option<usize>> {
    let is_item = |node: &AstNode| {
        matches!(
            node.data().value,
            NodeValue::Item(_) | NodeValue::TaskItem(_)
        )
    };
    doc.root
        .descendants()
        .filter(|node| is_item(node))
        .map(|node| {
            let parent = node
                .parent()
                .and_then(|list| list.parent())
                .filter(|holder| is_item(holder))
                .map(|holder| doc.span(holder).start);
            (doc.span(node).start, parent)
        })
        .collect()
}

impl Rule for DuplicateTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        let parents = parent_items(doc);
        // Each title's first item: its line and normalized URL.
        let mut first: HashMap<GroupedTitle, (usize, String)> = HashMap::new();
        for item in items {
            let key = title_key(item.link.text.text);
            if key.is_empty() {
                continue;
            }
            let url = normalize_url(&item.link.href);
            let line = doc.lines.line_of(item.link.span.start);
            let parent = parents.get(&item.item.start).copied().flatten();
            match first.entry((item.section, parent, key)) {
                Entry::Vacant(slot) => {
                    slot.insert((line, url));
                }
                // The same URL twice is `duplicate-url`'s finding.
                Entry::Occupied(seen) if seen.get().1 == url => {}
                Entry::Occupied(seen) => out.push(
                    Diagnostic::new(
                        META.name,
                        item.link.text.span,
                        format!(
                            "title `{}` is already used on line {} for another URL",
                            item.link.text.text,
                            seen.get().0
                        ),
                    )
                    .with_help("tell the two apart in their titles, or keep one of them"),
                ),
            }
        }
    }
}
