//! `duplicate-title`: no two link items of one section have the same title
//! but different URLs.
//! The document with examples is rules/duplicate-title.md.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::rules::duplicate_url::normalize_url;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use foldhash::HashMap;
use foldhash::HashMapExt;
use serde::{Deserialize, Serialize};
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
/// Titles compare case-insensitively, with runs of whitespace as one space.
fn title_key(title: &str) -> String {
    if title.contains(|c: char| c.is_whitespace() && c != ' ') || title.contains("  ") {
        title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    } else {
        title.to_lowercase()
    }
}

impl Rule for DuplicateTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Title key (with the item's section and parent item) → first item.
        // URLs are normalised only when a title repeats.
        let mut first: HashMap<GroupedTitle, usize> = HashMap::new();
        for (index, item) in items.iter().enumerate() {
            let key = title_key(item.link.text.text);
            if key.is_empty() {
                continue;
            }
            let parent = item.parent.map(|p| p.start);
            let seen = match first.entry((item.section, parent, key)) {
                Entry::Vacant(slot) => {
                    slot.insert(index);
                    continue;
                }
                Entry::Occupied(seen) => &items[*seen.get()],
            };
            if normalize_url(&seen.link.href) == normalize_url(&item.link.href) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.name,
                    item.link.text.span,
                    format!(
                        "title `{}` is already used on line {} for another URL",
                        item.link.text.text,
                        doc.lines.line_of(seen.link.span.start)
                    ),
                )
                .with_help("tell the two apart in their titles, or keep one of them"),
            );
        }
    }
}
