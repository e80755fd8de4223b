//! `hn-suffix`: a Hacker News discussion is linked as
//! ` ([HN](https://news.ycombinator.com/item?id=N))` after the description.
//! The document with examples is rules/hn-suffix.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::{LinkItem, Suffix};
use crate::link::hn_label_number;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::url::hacker_news::{
    canonical_item_url, comment, is_canonical, is_hn_url, is_thread_only, item_id,
};
use crate::url::is_plain;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "hn-suffix",
    summary: "Hacker News discussions are linked as ` ([HN](…item?id=N))` at the end",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/hn-suffix.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HnSuffix {}

impl Rule for HnSuffix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        for group in item.suffixes.iter().filter(|g| g.link.is_hacker_news()) {
            check_group(item, group, doc, out);
        }
        let groups = item.misplaced_groups().iter();
        let groups = groups.filter(|g| g.link.is_hacker_news());
        item.report_misplaced(META.name, "HN link", groups, doc.text, out);
        if let (Some(separator), Some(description)) = (item.separator, item.description)
            && item.description_is_one_link()
            && let Some(link) = item.other_links.iter().find(|l| l.span == description.span)
            && link.is_hacker_news()
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
    if let Some(number) = hn_label_number(label.text)
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
        let message = if is_hn_url(&link.href) {
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
        let diagnostic = Diagnostic::new(
            META.name,
            group.span,
            format!(
                "HN suffix `{}` is not in one pair of parentheses",
                doc.slice(group.span)
            ),
        );
        // A bracket left open before it (`[beta](([HN](…))`) can take the
        // parenthesis back as a link's destination: the HN link would be
        // lost in another's URL. Only a rewrap that keeps every link's
        // destination is a fix.
        let edits = group.rewrap_edits();
        let keeps_links = doc
            .destinations_around(&edits)
            .is_some_and(|(before, after)| before == after);
        out.push(match keeps_links {
            true => diagnostic.with_fix(Fix::safe("wrap it in parentheses", edits)),
            false => diagnostic.with_help(
                "wrap it in one pair of parentheses by hand: the brackets before it would take it into another link",
            ),
        });
    }
}
