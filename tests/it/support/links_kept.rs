//! The one definition of "a fix lost no link", shared by the corpus test,
//! the property tests, the spec test and the fuzz target (which includes
//! this file by path, so it must depend on nothing but `mdlinks`, `comrak`
//! and `std`).
//!
//! Every link and image destination of the text before a fix must still be
//! there after it, as often as before, and no new one may appear. The only
//! exception is a rule that normalises URLs on purpose: its normaliser maps
//! a URL to the canonical form the rule writes, both texts are compared in
//! canonical form, and where the rule also removes duplicates, fewer copies
//! (but at least one) may remain. A rule that starts rewriting URLs adds
//! one entry to [`NORMALISERS`]; nothing else needs to change.

use comrak::nodes::NodeValue;
use mdlinks::document::{Document, Reading};
use std::collections::BTreeMap;

/// How one rule rewrites URLs on purpose.
pub struct UrlNormaliser {
    /// The rule whose fixes do it, for messages.
    pub rule: &'static str,
    /// The canonical form of a URL this rule rewrites, `None` for any other.
    pub canonical: fn(&str) -> Option<String>,
    /// Whether the rule may drop repeated copies of a canonical URL.
    pub deduplicates: bool,
}

/// Every URL normalisation a fix may make, each the rule's own function.
pub static NORMALISERS: &[UrlNormaliser] = &[
    UrlNormaliser {
        rule: "hn-suffix",
        canonical: mdlinks::url::hacker_news::canonical_item_url,
        deduplicates: true,
    },
    UrlNormaliser {
        rule: "url-tracking/url-https",
        canonical: without_tracking_on_https,
        deduplicates: false,
    },
];

/// A URL without the tracking parameters `url-tracking` removes, and with
/// `https://` where `url-https` upgrades it: both rules' own definitions.
fn without_tracking_on_https(url: &str) -> Option<String> {
    use mdlinks::rules::url_https::UrlHttps;
    use mdlinks::url::{UrlParts, host_in_domain, without_parameters};
    let parts = UrlParts::parse(url)?;
    let tracking = mdlinks::url::DEFAULT_TRACKING.tracking_parameters(&parts);
    let cleaned = without_parameters(&parts, &tracking);
    // A scheme is read in any case, as url-https reads it (fuzzing found
    // `hTtp://` upgraded, which this compared as a new link).
    let upgrade = parts.scheme().eq_ignore_ascii_case("http")
        && !parts.has_port()
        && UrlHttps::default()
            .domains
            .iter()
            .any(|d| host_in_domain(parts.host(), d));
    Some(if upgrade {
        format!("https{}", &cleaned[parts.scheme.end..])
    } else {
        cleaned
    })
}

/// What a destination is counted as: its kind and its canonical URL, with
/// the rule that normalised it, if any.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Destination {
    pub kind: &'static str,
    pub url: String,
    pub normalised_by: Option<&'static str>,
}

/// Every link and image destination of `text` (autolinks included), in
/// canonical form, with how often each occurs, `text` padded with blank
/// lines to at least `size` bytes. comrak resolves reference links only
/// while the URLs they expand to add up to at most min(document size,
/// 100 kB), against blow-up attacks,
/// so a fix that adds one byte can turn a reference that was over budget
/// into a link (found by fuzzing). Padded to one size, two texts have the
/// same budget; the padding itself changes no link.
fn destinations_padded(text: &str, size: usize) -> BTreeMap<Destination, usize> {
    let padding = " ".repeat(size.saturating_sub(text.len()));
    let padded = format!("{text}\n\n{padding}\n");
    let arena = comrak::Arena::new();
    let doc = Document::parse(&padded, &arena, &Reading::new(&[]));
    let mut counts = BTreeMap::new();
    for node in doc.root.descendants() {
        let data = node.data();
        let (kind, url) = match &data.value {
            NodeValue::Link(link) => ("link", link.url.as_str()),
            NodeValue::Image(image) => ("image", image.url.as_str()),
            _ => continue,
        };
        let normalised = NORMALISERS
            .iter()
            .find_map(|n| (n.canonical)(url).map(|c| (c, n.rule)));
        let destination = match normalised {
            Some((url, rule)) => Destination {
                kind,
                url,
                normalised_by: Some(rule),
            },
            None => Destination {
                kind,
                url: url.to_owned(),
                normalised_by: None,
            },
        };
        *counts.entry(destination).or_insert(0) += 1;
    }
    counts
}

/// How often `destination`'s URL is written in `text` as text: as it is,
/// or, for a URL a rule normalises, as any URL normalising to it (a link
/// `broken-link` repairs may then have its URL normalised too: fuzzing
/// found `](http://news.ycombinator.com/item?p=2&id=1#x` repaired and
/// upgraded to `https`). A URL written as text ends where `broken-link`'s
/// URLs end: at whitespace, a parenthesis, a bracket or an angle bracket
/// (`](http://news.ycombinator.com[Gid …` is repaired before the `[`),
/// not at a quote (`](https://x"y?#` is repaired whole).
fn written(text: &str, destination: &Destination) -> usize {
    let as_is = text.matches(destination.url.as_str()).count();
    let Some(normaliser) = destination
        .normalised_by
        .and_then(|rule| NORMALISERS.iter().find(|n| n.rule == rule))
    else {
        return as_is;
    };
    let normalised = (0..text.len())
        .filter(|&at| {
            text.get(at..at + 4)
                .is_some_and(|s| s.eq_ignore_ascii_case("http"))
        })
        .filter(|&at| {
            let url = text[at..]
                .split(|c: char| {
                    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '<' | '>')
                })
                .next()
                .unwrap_or_default();
            (normaliser.canonical)(url).as_deref() == Some(destination.url.as_str())
        })
        .count();
    as_is.max(normalised)
}

/// `Err` with what went wrong if fixing `before` into `after` added, lost or
/// changed a link other than as a rule's normalisation allows.
pub fn links_kept(before: &str, after: &str) -> Result<(), String> {
    let size = before.len().max(after.len());
    let (was, now) = (
        destinations_padded(before, size),
        destinations_padded(after, size),
    );
    for (destination, &count) in &now {
        let had = was.get(destination).copied().unwrap_or(0);
        // `broken-link` repairs `[T] (url)` into a link: its URL was there
        // as text before.
        if count > had && count > written(before, destination) {
            return Err(format!(
                "the fix added a {} to `{}` ({had} before, {count} after)",
                destination.kind, destination.url
            ));
        }
    }
    for (destination, &had) in &was {
        let count = now.get(destination).copied().unwrap_or(0);
        if count >= had {
            continue;
        }
        let deduplicated = count >= 1
            && destination
                .normalised_by
                .is_some_and(|rule| NORMALISERS.iter().any(|n| n.rule == rule && n.deduplicates));
        if !deduplicated {
            return Err(format!(
                "the fix lost a {} to `{}` ({had} before, {count} after)",
                destination.kind, destination.url
            ));
        }
    }
    Ok(())
}
