//! `hn-suffix`: a Hacker News discussion is linked as
//! ` ([HN](https://news.ycombinator.com/item?id=N))` after the description.
//! The document with examples is rules/hn-suffix.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::{LinkItem, Suffix};
use crate::link::Link;
use crate::rules::suffix_format::misplaced;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::url::is_plain;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "hn-suffix",
    summary: "Hacker News discussions are linked as ` ([HN](…item?id=N))` at the end",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/hn-suffix.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HnSuffix {}

/// The number of an HN label (`" 2"` in `HN 2`, `""` in `HN`), if the
/// text is one: `HN`, `hn`, `Hacker News`, `HackerNews`, in any ASCII case,
/// optionally numbered. Read by hand: every suffix of every item asks.
fn label_number(text: &str) -> Option<&str> {
    let (name, number) = match text.rfind(' ') {
        Some(space)
            if space + 1 < text.len() && text[space + 1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            text.split_at(space)
        }
        _ => (text, ""),
    };
    ["hn", "hackernews", "hacker news"]
        .iter()
        .any(|known| name.eq_ignore_ascii_case(known))
        .then_some(number)
}

/// Whether a link points at Hacker News or is labelled as if it did.
pub fn is_hacker_news(link: &Link) -> bool {
    label_number(link.text.text).is_some() || hn_host(&link.href)
}

/// What follows the first `://` of `url`, if any (`str::split_once` with a
/// string pattern costs more than the rest of this rule).
fn after_scheme(url: &str) -> Option<(&str, &str)> {
    let bytes = url.as_bytes();
    let colon = memchr::memchr_iter(b':', bytes).find(|&i| bytes[i + 1..].starts_with(b"//"))?;
    Some((&url[..colon], &url[colon + 3..]))
}

/// The host part of what follows the scheme (or of the whole `url`).
fn host(url: &str) -> &str {
    let rest = after_scheme(url).map_or(url, |(_, rest)| rest);
    // By bytes: a search for any of several chars goes a char at a time.
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn is_hn_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("news.ycombinator.com")
        || host.eq_ignore_ascii_case("www.news.ycombinator.com")
}

fn hn_host(url: &str) -> bool {
    is_hn_host(host(url))
}

const CANONICAL_PREFIX: &str = "https://news.ycombinator.com/item?id=";

/// The thread id of a discussion URL, `http(s)://news.ycombinator.com/item?`
/// with an `id=N` parameter (the last, if several) before any fragment.
fn item_id(url: &str) -> Option<&str> {
    let (scheme, rest) = after_scheme(url)?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let host = host(url);
    if !is_hn_host(host) {
        return None;
    }
    let query = rest[host.len()..].strip_prefix("/item?")?;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').rev().find_map(|parameter| {
        parameter
            .strip_prefix("id=")
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether `url` is a discussion URL with nothing in its query but the
/// thread's id, `http(s)://news.ycombinator.com/item?id=N`, maybe with a
/// `#comment`. Two such URLs of one id and comment open the same page,
/// whatever their scheme and the case of their host (HN sends `http://` to
/// `https://`). Any other parameter may select another page: `&p=2` is the
/// second page of comments, and of two `id`s HN may read the first.
fn is_thread_only(url: &str) -> bool {
    let (Some(id), Some((_, rest))) = (item_id(url), after_scheme(url)) else {
        return false;
    };
    let host = host(url);
    host.eq_ignore_ascii_case("news.ycombinator.com")
        && rest[host.len()..]
            .strip_prefix("/item?id=")
            .and_then(|r| r.strip_prefix(id))
            .is_some_and(|after| after.is_empty() || after.starts_with('#'))
}

/// The canonical form of a discussion URL, if it is one: its thread, and
/// the comment its fragment points to (`#34232696`), which is kept. Public
/// so that the tests' check that fixes lose no link normalises exactly as
/// this rule does.
pub fn canonical_item_url(url: &str) -> Option<String> {
    let id = item_id(url)?;
    Some(match comment(url) {
        Some(comment) => format!("{CANONICAL_PREFIX}{id}#{comment}"),
        None => format!("{CANONICAL_PREFIX}{id}"),
    })
}

/// Whether `url` is `https://news.ycombinator.com/item?id={id}`, with
/// `#{comment}` if there is one.
fn is_canonical(url: &str, id: &str, comment: Option<&str>) -> bool {
    let Some(rest) = url
        .strip_prefix(CANONICAL_PREFIX)
        .and_then(|r| r.strip_prefix(id))
    else {
        return false;
    };
    match comment {
        Some(comment) => rest.strip_prefix('#') == Some(comment),
        None => rest.is_empty(),
    }
}

/// The fragment of a URL, if not empty: on Hacker News, the comment a link
/// to a thread points to. Dropped, it linked the whole thread instead.
fn comment(url: &str) -> Option<&str> {
    url.split_once('#')
        .map(|(_, fragment)| fragment)
        .filter(|f| !f.is_empty())
}

impl Rule for HnSuffix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        for group in item.suffixes.iter().filter(|g| is_hacker_news(g.link)) {
            check_group(item, group, doc, out);
        }
        let groups = item.misplaced_groups().iter();
        let groups = groups.filter(|g| is_hacker_news(g.link));
        misplaced(META.name, "HN link", groups, item, doc, out);
        if let (Some(separator), Some(description)) = (item.separator, item.description)
            && item.description_is_one_link()
            && let Some(link) = item.other_links.iter().find(|l| l.span == description.span)
            && is_hacker_news(link)
        {
            out.push(
                Diagnostic::new(
                    META.name,
                    description.span,
                    "HN link stands where the description should be",
                )
                .with_fix(Fix::safe(
                    "make it a suffix",
                    vec![Edit::replace(
                        Span::new(separator.span.start, description.span.end),
                        format!(" ({})", description.text),
                    )],
                )),
            );
        }
    }
}

fn check_group(item: &LinkItem, group: &Suffix, doc: &Document, out: &mut Vec<Diagnostic>) {
    let link = &group.link;
    let label = link.text;
    if let Some(number) = label_number(label.text)
        && !(label.text.starts_with("HN") && &label.text[2..] == number)
        // `[hn]` is its own reference label: relabelled, it would lose its
        // definition (a fix that would only change case is left too).
        && !link.text_is_label(doc.text)
    {
        out.push(
            Diagnostic::new(
                META.name,
                label.span,
                format!("HN label `{}` is not `HN`", label.text),
            )
            .with_fix(Fix::safe(
                "label it `HN`",
                vec![Edit::replace(label.span, format!("HN{number}"))],
            )),
        );
    }
    let Some(url) = link.url() else {
        return;
    };
    let Some(id) = item_id(&link.href) else {
        let message = if hn_host(&link.href) {
            format!("HN link `{}` is not a discussion thread", url.text)
        } else {
            format!(
                "suffix labelled `{}` does not link Hacker News but `{}`",
                label.text, url.text
            )
        };
        out.push(
            Diagnostic::new(META.name, url.span, message)
                .with_help("link the discussion thread, `https://news.ycombinator.com/item?id=N`"),
        );
        return;
    };
    // (Compared by parts: most items have an HN suffix or two, and building
    // canonical URLs to compare cost a fifth of the rule.)
    let anchor = comment(&link.href);
    if item_id(&item.link.href) == Some(id) && comment(&item.link.href) == anchor {
        let edits = vec![Edit::delete(Span::new(group.gap.start, group.span.end))];
        // Safe only where both open the same page; `item?id=N&p=2` is
        // another page of the thread, and removed, its link is lost
        // (issue 26).
        let diagnostic = if is_thread_only(&link.href) && is_thread_only(&item.link.href) {
            Diagnostic::new(
                META.name,
                group.span,
                "HN suffix repeats the item's own link",
            )
            .with_fix(Fix::safe("remove the suffix", edits))
        } else {
            Diagnostic::new(
                META.name,
                group.span,
                format!(
                    "HN suffix `{}` links the item's own thread by another URL",
                    url.text
                ),
            )
            .with_fix(Fix::unsafe_("remove the suffix", edits))
        };
        out.push(diagnostic);
        return;
    }
    if !is_canonical(url.text, id, anchor) {
        let canonical = canonical_item_url(&link.href).unwrap_or_default();
        let diagnostic = Diagnostic::new(
            META.name,
            url.span,
            format!("HN URL `{}` is not in canonical form", url.text),
        );
        let title = format!("use `{canonical}`");
        let edits = vec![Edit::replace(url.span, canonical.as_str())];
        // The whole URL is replaced, so how it is written does not matter;
        // what it resolves to does. Only the scheme and the host's case
        // differing, it opens the same page; dropping other parameters
        // (`&p=2`) links another (issue 26).
        out.push(if !is_plain(&canonical) {
            // A comment anchor that would not read as written.
            diagnostic.with_help(format!("{title} by hand"))
        } else if is_thread_only(&link.href) {
            diagnostic.with_fix(Fix::safe(title, edits))
        } else {
            diagnostic.with_fix(Fix::unsafe_(title, edits))
        });
    }
    if !group.is_well_formed() {
        out.push(
            Diagnostic::new(
                META.name,
                group.span,
                format!(
                    "HN suffix `{}` is not in one pair of parentheses",
                    doc.slice(group.span)
                ),
            )
            .with_fix(Fix::safe("wrap it in parentheses", group.rewrap_edits())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_hn_in_any_case_optionally_numbered() {
        for (label, number) in [
            ("HN", Some("")),
            ("hn", Some("")),
            ("Hacker News", Some("")),
            ("HackerNews 2", Some(" 2")),
            ("HN 12", Some(" 12")),
            ("HN ", None),
            ("HN 2 3", None),
            ("HNN", None),
            ("Lobsters", None),
        ] {
            assert_eq!(label_number(label), number, "{label}");
        }
    }

    #[test]
    fn only_urls_of_the_thread_alone_open_the_same_page() {
        for url in [
            "https://news.ycombinator.com/item?id=1",
            "http://News.YCombinator.com/item?id=1#2",
        ] {
            assert!(is_thread_only(url), "{url}");
        }
        for url in [
            "https://news.ycombinator.com/item?id=1&p=2",
            "https://news.ycombinator.com/item?p=2&id=1",
            "https://news.ycombinator.com/item?id=9&id=1",
            "https://www.news.ycombinator.com/item?id=1",
            "https://news.ycombinator.com/item?id=1x",
        ] {
            assert!(!is_thread_only(url), "{url}");
        }
    }

    #[test]
    fn discussion_urls_are_read_to_their_thread_id() {
        let canonical = "https://news.ycombinator.com/item?id=1";
        for url in [
            canonical,
            "http://news.ycombinator.com/item?id=1",
            "https://news.ycombinator.com/item?p=2&id=1",
            "https://news.ycombinator.com/item?id=9&id=1&x",
            "https://news.ycombinator.com/item?id=1#",
        ] {
            assert_eq!(canonical_item_url(url).as_deref(), Some(canonical), "{url}");
        }
        // A comment's anchor is kept: without it the link is the thread's.
        assert_eq!(
            canonical_item_url("HTTPS://www.News.YCombinator.com/item?id=1#2").as_deref(),
            Some("https://news.ycombinator.com/item?id=1#2")
        );
        for url in [
            "https://news.ycombinator.com/user?id=1",
            "https://news.ycombinator.com/item?id=1x",
            "https://news.ycombinator.com/item?xid=1",
            "https://news.ycombinator.com/item?x#id=1",
            "https://news.ycombinator.com:443/item?id=1",
            "ftp://news.ycombinator.com/item?id=1",
            "https://hn.algolia.com/item?id=1",
        ] {
            assert_eq!(canonical_item_url(url), None, "{url}");
        }
    }
}
