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
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    name: "hn-suffix",
    summary: "Hacker News discussions are linked as ` ([HN](…item?id=N))` at the end",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/hn-suffix.md"),
};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HnSuffix {}

/// `HN`, `hn`, `Hacker News`, `HackerNews`, optionally numbered (`HN 2`).
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:hn|hacker ?news)( \d+)?$").expect("label regex"));

/// A discussion URL: `item?id=N`, with or without other parameters.
static ITEM_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:https?)://(?i:(?:www\.)?news\.ycombinator\.com)/item\?(?:[^#]*&)?id=(\d+)(?:[&#].*)?$")
        .expect("item url regex")
});

/// Whether a link points at Hacker News or is labelled as if it did.
pub fn is_hacker_news(link: &Link) -> bool {
    LABEL.is_match(link.text.text) || hn_host(&link.href)
}

fn hn_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.eq_ignore_ascii_case("news.ycombinator.com")
        || host.eq_ignore_ascii_case("www.news.ycombinator.com")
}

/// The canonical form of a discussion URL, if it is one. Public so that the
/// tests' check that fixes lose no link normalises exactly as this rule does.
pub fn canonical_item_url(url: &str) -> Option<String> {
    let id = ITEM_URL.captures(url)?.get(1)?.as_str();
    Some(format!("https://news.ycombinator.com/item?id={id}"))
}

impl Rule for HnSuffix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        for group in item.suffixes.iter().filter(|g| is_hacker_news(&g.link)) {
            check_group(item, group, doc, out);
        }
        for group in item
            .misplaced_groups()
            .iter()
            .filter(|g| is_hacker_news(&g.link))
        {
            out.push(misplaced(META.name, "HN link", group, item, doc));
        }
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
    if let Some(number) = LABEL
        .captures(label.text)
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        && label.text != format!("HN{number}")
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
    let Some(canonical) = canonical_item_url(&link.href) else {
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
    if canonical_item_url(&item.link.href).as_deref() == Some(canonical.as_str()) {
        out.push(
            Diagnostic::new(
                META.name,
                group.span,
                "HN suffix repeats the item's own link",
            )
            .with_fix(Fix::safe(
                "remove the suffix",
                vec![Edit::delete(Span::new(group.gap.start, group.span.end))],
            )),
        );
        return;
    }
    if url.text != canonical {
        out.push(
            Diagnostic::new(
                META.name,
                url.span,
                format!("HN URL `{}` is not in canonical form", url.text),
            )
            .with_fix(Fix::safe(
                format!("use `{canonical}`"),
                vec![Edit::replace(url.span, canonical)],
            )),
        );
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
