//! `duplicate-url`: no two link items of a file link the same URL, compared
//! in their normal form (`url::normalize_url`). The second is reported, pointing at the first.
//! The document with examples is rules/duplicate-url.md.
//!
//! The same comparison across files is `crate::cross_file`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::repeats::repeats;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::url::{is_comparable, normalized};
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;

pub static META: RuleMeta = RuleMeta {
    name: "duplicate-url",
    summary: "No two link items of a file link the same URL",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/duplicate-url.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateUrl {}

impl Rule for DuplicateUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Each comparable item as (hash of its normalised URL, index): no
        // String kept per item (unless the run keeps them for --cross-file:
        // `Document::url_keys`); URLs are compared only where hashes meet.
        let hasher = foldhash::fast::RandomState::default();
        let kept = doc.known_url_keys().unwrap_or_default();
        let mut buf = String::new();
        let mut hashed: Vec<(u64, usize)> = Vec::with_capacity(items.len());
        if kept.len() == items.len() {
            hashed.extend(kept.iter().enumerate().filter_map(|(index, key)| {
                key.as_deref().map(|key| (hasher.hash_one(key), index))
            }));
        } else {
            hashed.extend(
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| is_comparable(&item.link.href))
                    .map(|(index, item)| {
                        let key = normalized(&item.link.href, &mut buf);
                        (hasher.hash_one(key), index)
                    }),
            );
        }
        let mut other = String::new();
        let same = |a: usize, b: usize| {
            if kept.len() == items.len() {
                return kept[a] == kept[b];
            }
            normalized(&items[a].link.href, &mut buf) == normalized(&items[b].link.href, &mut other)
        };
        for (index, first) in repeats(&hashed, same) {
            let (item, first) = (&items[index], &items[first]);
            let shown = item.link.url().map_or(&*item.link.href, |u| u.text);
            out.push(
                Diagnostic::new(
                    META.name,
                    item.link.span,
                    format!(
                        "URL `{shown}` is already linked on line {}",
                        doc.lines.line_of(first.link.span.start)
                    ),
                )
                .with_help("remove one of the two items, or merge them"),
            );
        }
    }
}
