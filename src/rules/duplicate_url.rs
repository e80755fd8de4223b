//! `duplicate-url`: no two link items of a file link the same URL, compared
//! after `normalize_url`. The second is reported, pointing at the first.
//! The document with examples is rules/duplicate-url.md.
//!
//! The same comparison across files is `crate::cross_file`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::repeats::repeats;
use crate::rules::url_tracking;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::url::UrlParts;
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

/// The form two URLs are compared in: no `http`/`https` scheme, host in
/// lowercase without `www.`, no trailing `/`, no tracking parameters (the
/// defaults of `url-tracking`), no `#readme` and no empty fragment. What is
/// not an absolute URL (`../page.md`, `mailto:`) is only trimmed.
pub fn normalize_url(url: &str) -> String {
    let mut out = String::new();
    normalize_url_into(&mut out, url);
    out
}

/// [`normalize_url`] into `out` (cleared first), so that a buffer can be
/// reused for every link item of a file.
pub fn normalize_url_into(out: &mut String, url: &str) {
    out.clear();
    let url = url.trim();
    let Some(parts) = UrlParts::parse(url) else {
        out.push_str(url);
        return;
    };
    let scheme = parts.scheme();
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        push_ascii_lowercase(out, scheme);
        out.push_str("://");
    }
    let host = parts.host();
    let host = match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => &host[4..],
        _ => host,
    };
    push_ascii_lowercase(out, host);
    out.push_str(parts.path().trim_end_matches('/'));
    if parts.query.is_some() {
        let tracking = &url_tracking::DEFAULT;
        let kept = parts
            .parameters_iter()
            .filter(|p| !tracking.is_tracking(parts.host(), p.name));
        for (i, parameter) in kept.enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&url[parameter.range]);
        }
    }
    if let Some(fragment) = parts.fragment()
        && !fragment.is_empty()
        && !fragment.eq_ignore_ascii_case("readme")
    {
        out.push('#');
        out.push_str(fragment);
    }
}

fn push_ascii_lowercase(out: &mut String, text: &str) {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(text);
    }
}

/// Whether a link's URL is worth comparing: not empty, not only `#…`.
pub fn is_comparable(href: &str) -> bool {
    let href = href.trim();
    !href.is_empty() && !href.starts_with('#')
}

impl Rule for DuplicateUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Each comparable item as (hash of its normalised URL, index): no
        // String kept per item (unless the run keeps them for --cross-file,
        // in `doc.url_keys`); URLs are compared only where hashes meet.
        let hasher = foldhash::fast::RandomState::default();
        let kept = doc.url_keys.borrow();
        let mut key = String::new();
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
                        normalize_url_into(&mut key, &item.link.href);
                        (hasher.hash_one(key.as_str()), index)
                    }),
            );
        }
        let mut other = String::new();
        let same = |a: usize, b: usize| {
            if kept.len() == items.len() {
                return kept[a] == kept[b];
            }
            normalize_url_into(&mut key, &items[a].link.href);
            normalize_url_into(&mut other, &items[b].link.href);
            key == other
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_ignores_what_does_not_change_the_page() {
        let same = [
            "https://github.com/BurntSushi/ripgrep",
            "http://github.com/BurntSushi/ripgrep/",
            "https://www.GitHub.com/BurntSushi/ripgrep#readme",
            "https://github.com/BurntSushi/ripgrep?utm_source=list",
            " https://github.com/BurntSushi/ripgrep# ",
        ];
        for url in same {
            assert_eq!(normalize_url(url), "github.com/BurntSushi/ripgrep", "{url}");
        }
    }

    #[test]
    fn normalizing_keeps_what_does_change_the_page() {
        assert_eq!(normalize_url("https://a.org/p?id=2#s"), "a.org/p?id=2#s");
        assert_ne!(
            normalize_url("https://a.org/A"),
            normalize_url("https://a.org/a")
        );
        assert_eq!(normalize_url("ftp://Files.org/x/"), "ftp://files.org/x");
        assert_eq!(normalize_url("../rust.md"), "../rust.md");
    }
}
