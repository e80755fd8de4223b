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
    normalized(url, &mut out).to_owned()
}

/// [`normalize_url`] without a copy where none is needed: most URLs
/// (`https://host/path`, the host in lowercase, no port, query or
/// fragment) are normalised by cutting off their ends, and come back as a
/// slice of `url`. Others are built in `buf`, which can be reused for every
/// link item of a file.
pub fn normalized<'u>(url: &'u str, buf: &'u mut String) -> &'u str {
    let url = trim(url);
    let Some(parts) = UrlParts::parse(url) else {
        return url;
    };
    let scheme = parts.scheme();
    let is_web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = parts.host();
    let host_start = match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => parts.host.start + 4,
        _ => parts.host.start,
    };
    let path = parts.path().trim_end_matches('/');
    if is_web
        && parts.query.is_none()
        && parts.fragment.is_none()
        && parts.host.end == parts.path.start
        && !host.bytes().any(|b| b.is_ascii_uppercase())
    {
        return &url[host_start..parts.path.start + path.len()];
    }
    buf.clear();
    if !is_web {
        push_ascii_lowercase(buf, scheme);
        buf.push_str("://");
    }
    push_ascii_lowercase(buf, &url[host_start..parts.host.end]);
    buf.push_str(path);
    if parts.query.is_some() {
        let tracking = &url_tracking::DEFAULT;
        let kept = parts
            .parameters_iter()
            .filter(|p| !tracking.is_tracking(&parts, p));
        for (i, parameter) in kept.enumerate() {
            buf.push(if i == 0 { '?' } else { '&' });
            buf.push_str(&url[parameter.range]);
        }
    }
    if let Some(fragment) = parts.fragment()
        && !fragment.is_empty()
        && !fragment.eq_ignore_ascii_case("readme")
    {
        buf.push('#');
        buf.push_str(fragment);
    }
    buf
}

/// `url` without whitespace around it; looked at only where it starts or
/// ends with a byte that may be whitespace (it almost never does).
fn trim(url: &str) -> &str {
    let may_be_space = |b: Option<&u8>| b.is_some_and(|&b| b <= b' ' || b >= 0x80);
    let bytes = url.as_bytes();
    if may_be_space(bytes.first()) || may_be_space(bytes.last()) {
        url.trim()
    } else {
        url
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
    let href = trim(href);
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
