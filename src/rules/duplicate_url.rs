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
use crate::url::{is_absolute, is_comparable, normalized};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;

pub static META: RuleMeta = RuleMeta {
    name: "duplicate-url",
    summary: "No two link items of a file link the same URL",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/duplicate-url.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateUrl {}

/// Pages of one package on the registries lists link to (often as a
/// badge): the package's name follows.
const REGISTRY_PAGES: &[&str] = &[
    "crates.io/crates/",
    "docs.rs/",
    "npmjs.com/package/",
    "pypi.org/project/",
    "pkg.go.dev/",
    "hackage.haskell.org/package/",
    "rubygems.org/gems/",
    "packagist.org/packages/",
];

/// Whether two items linking one repository are entries for two of its
/// packages (a monorepo's crates): their titles differ, and are both
/// package names in code spans, or each item links its own package's
/// registry page.
fn distinct_packages(text: &str, a: &LinkItem, b: &LinkItem) -> bool {
    let (title_a, title_b) = (a.link.text.text, b.link.text.text);
    if title_a == title_b {
        return false;
    }
    let code = |t: &str| t.len() > 2 && t.starts_with('`') && t.ends_with('`');
    if code(title_a) && code(title_b) {
        return true;
    }
    match (
        registry_package(a.item.of(text)),
        registry_package(b.item.of(text)),
    ) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    }
}

/// The first package whose registry page `item` links.
fn registry_package(item: &str) -> Option<&str> {
    REGISTRY_PAGES.iter().find_map(|page| {
        let at = item.find(page)? + page.len();
        let rest = &item[at..];
        let end = rest
            .find(['/', ')', '?', '#', ' ', '>', ']'])
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

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
            // A page of the wiki linked from two sections (its table of
            // contents and a list of pages to read first) is listed there on
            // purpose.
            let cross_reference = item.section != first.section && !is_absolute(&item.link.href);
            if distinct_packages(doc.text, item, first) || cross_reference {
                continue;
            }
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
