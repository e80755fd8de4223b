//! `duplicate-title`: no two link items of one section have the same title
//! but different URLs.
//! The document with examples is rules/duplicate-title.md.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::repeats::repeats;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::text::{has_double_space, is_printable_ascii};
use crate::url::UrlParts;
use crate::url::normalize_url;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;

pub static META: RuleMeta = RuleMeta {
    name: "duplicate-title",
    summary: "No two link items of a section share a title but not their URL",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/duplicate-title.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateTitle {}

/// Write into `out` the title as compared: words lowercased (a final sigma
/// as a sigma, so that case pairs meet), one space between them.
fn fold_into(out: &mut String, title: &str) {
    out.clear();
    // The most common case, a title of printable ASCII with single spaces
    // between words, is only lowercased.
    let bytes = title.as_bytes();
    let plain = is_printable_ascii(bytes)
        && !has_double_space(bytes)
        && bytes.first().is_some_and(|&b| b != b' ')
        && bytes.last().is_some_and(|&b| b != b' ');
    if plain {
        out.push_str(title);
        out.make_ascii_lowercase();
        return;
    }
    // Then ASCII words copied whole and lowercased in one go
    // (`split_whitespace` and Unicode lowercasing cost several times more).
    // A vertical tab is whitespace to `split_whitespace`, not to this.
    if title.is_ascii() && memchr::memchr(b'\x0b', title.as_bytes()).is_none() {
        for word in title.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.make_ascii_lowercase();
        return;
    }
    for word in title.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                out.push(if c == 'ς' { 'σ' } else { c });
            }
        }
    }
}

/// Hosts whose URLs name a project as `host/owner/repo`.
const CODE_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"];

/// A project on a code host: its owner and name, lowercased.
fn repository(url: &str) -> Option<(String, String)> {
    let parts = UrlParts::parse(url)?;
    let host = parts.host().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if !CODE_HOSTS.contains(&host) {
        return None;
    }
    let mut segments = parts.path().split('/').filter(|s| !s.is_empty());
    let owner = segments.next()?.to_ascii_lowercase();
    let name = segments
        .next()?
        .trim_end_matches(".git")
        .to_ascii_lowercase();
    Some((owner, name))
}

/// `[errors](github.com/pkg/errors) - Simple error handling.` and
/// `[errors](github.com/go-errors/errors) - Errors with stack traces.`:
/// two projects of one name, each described. A library list names dozens
/// so (117 in one file of the corpus), and the descriptions already tell
/// them apart.
fn different_projects(a: &LinkItem, b: &LinkItem) -> bool {
    let (Some(first), Some(second)) = (repository(&a.link.href), repository(&b.link.href)) else {
        return false;
    };
    fn described<'a>(item: &LinkItem<'a, '_>) -> Option<&'a str> {
        item.description
            .map(|d| d.text.trim())
            .filter(|d| !d.is_empty())
    }
    first != second
        && matches!((described(a), described(b)), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y))
}

/// Whether two items of one title link different sites (hosts, or owners
/// on a code host), or two threads of Hacker News: mostly two things that
/// share a name (`Type Scale` at typescale.com and type-scale.com, two
/// lists called `Awesome Telegram`, two `Ask HN` threads asked twice),
/// which a curator keeps, not one thing linked twice.
fn different_sites(a: &LinkItem, b: &LinkItem) -> bool {
    let (Some(first), Some(second)) =
        (UrlParts::parse(&a.link.href), UrlParts::parse(&b.link.href))
    else {
        return false;
    };
    let site = |url: &UrlParts<'_>| -> (String, String) {
        let host = url.host().to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
        let owner = if CODE_HOSTS.contains(&host.as_str()) {
            url.path()
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        } else if host == "news.ycombinator.com" {
            // Each thread is its own.
            url.query().unwrap_or("").to_owned()
        } else {
            String::new()
        };
        (host, owner)
    };
    site(&first) != site(&second)
}

impl Rule for DuplicateTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Each titled item as (hash of its section, parent item and folded
        // title; index): no String kept per item; groups and titles are
        // compared only where hashes meet, URLs only where titles repeat.
        let hasher = foldhash::fast::RandomState::default();
        let group = |item: &LinkItem| (item.section, item.parent.map(|p| p.start));
        let mut folded = String::new();
        let mut hashed: Vec<(u64, usize)> = Vec::with_capacity(items.len());
        hashed.extend(items.iter().enumerate().filter_map(|(index, item)| {
            fold_into(&mut folded, item.link.text.text);
            let hash = hasher.hash_one((group(item), folded.as_str()));
            (!folded.is_empty()).then_some((hash, index))
        }));
        let mut other = String::new();
        let same = |a: usize, b: usize| {
            fold_into(&mut folded, items[a].link.text.text);
            fold_into(&mut other, items[b].link.text.text);
            group(&items[a]) == group(&items[b]) && folded == other
        };
        for (index, seen) in repeats(&hashed, same) {
            let (item, seen) = (&items[index], &items[seen]);
            if normalize_url(&seen.link.href) == normalize_url(&item.link.href)
                || different_projects(seen, item)
                || different_sites(seen, item)
            {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let (mut x, mut y) = (String::new(), String::new());
        fold_into(&mut x, a);
        fold_into(&mut y, b);
        x == y
    }

    #[test]
    fn titles_compare_ignoring_case_and_runs_of_whitespace() {
        assert!(same("Rust Book", "rust  book"));
        assert!(same("Rust\tBook ", "RUST\nBOOK"));
        assert!(same("Rust\u{b}Book", "rust book"));
        assert!(same("  Rust\r\n Book", "rust book"));
        assert!(same("Café Book", "CAFÉ  book"));
        assert!(same("ΟΔΟΣ", "οδος"));
        assert!(same("Straße", "STRAßE"));
        assert!(!same("Rust Book", "RustBook"));
        assert!(!same("Rust Book", "Rust Books"));
    }
}
