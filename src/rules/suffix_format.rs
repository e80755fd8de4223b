//! `suffix-format`: every suffix group is `([Label](url))`, one space before
//! each, and the groups end the item.
//! The document with examples is rules/suffix-format.md.
//!
//! Hacker News groups are `hn-suffix`'s: this rule only checks their spacing.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "suffix-format",
    summary: "Suffix links are ` ([Label](url))` groups at the end of the item",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/suffix-format.md"),
};

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SuffixFormat {
    /// Canonical label spellings: a label equal to one of these but for
    /// case (`Github`, `code`, `Lobsters 2` → numbered too) is respelt.
    pub labels: Vec<String>,
}

impl Default for SuffixFormat {
    fn default() -> Self {
        let labels = [
            "Article", "Code", "Demo", "Discord", "Docs", "GitHub", "GitLab", "Lobsters", "Notes",
            "Paper", "PDF", "Reddit", "Slides", "Talk", "Tweet", "Twitter", "Video", "Web",
            "Website", "YouTube",
        ];
        SuffixFormat {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
        }
    }
}

impl SuffixFormat {
    /// The canonical spelling of `label` if it differs only in case,
    /// keeping a number after it (`github 2` → `GitHub 2`).
    fn canonical_label(&self, label: &str) -> Option<String> {
        let (word, number) = match label.rsplit_once(' ') {
            Some((word, n)) if n.bytes().all(|b| b.is_ascii_digit()) => (word, Some(n)),
            _ => (label, None),
        };
        let canonical = self
            .labels
            .iter()
            .find(|c| c.eq_ignore_ascii_case(word) && c.as_str() != word)?;
        Some(match number {
            Some(n) => format!("{canonical} {n}"),
            None => canonical.clone(),
        })
    }
}

impl Rule for SuffixFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // A bare link after the description is a suffix that lost its
        // parentheses only where the file wraps its suffixes (four in five
        // or more); a list that writes `… [Intro blog post](…)` keeps to it.
        let (mut wrapped, mut bare) = (0usize, 0usize);
        for group in items.iter().flat_map(|item| &item.suffixes) {
            match (group.opening.text, group.closing.text) {
                ("(", ")") => wrapped += 1,
                ("", "") => bare += 1,
                _ => {}
            }
        }
        let bare_is_slip = wrapped >= 4 * bare;
        for item in items {
            self.check_item_with(item, doc, bare_is_slip, out);
        }
    }
}

impl SuffixFormat {
    fn check_item_with(
        &self,
        item: &LinkItem,
        doc: &Document,
        bare_is_slip: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        for group in &item.suffixes {
            let shown = doc.slice(group.span);
            let gap = group.gap.of(doc.text);
            // A group on a line of its own is wrapped, not misplaced.
            if gap != " " && !gap.contains(['\n', '\r']) {
                let message = if group.gap.is_empty() {
                    format!("suffix `{shown}` has no space before it")
                } else {
                    format!("suffix `{shown}` has more than one space before it")
                };
                out.push(
                    Diagnostic::new(META.name, group.gap, message).with_fix(Fix::safe(
                        "put one space before it",
                        vec![Edit::replace(group.gap, " ")],
                    )),
                );
            }
            if group.link.is_hacker_news() {
                continue;
            }
            if let Some(canonical) = self.canonical_label(group.link.text.text) {
                let label = group.link.text;
                out.push(
                    Diagnostic::new(
                        META.name,
                        label.span,
                        format!("suffix label `{}` is not spelt `{canonical}`", label.text),
                    )
                    .with_fix(Fix::safe(
                        format!("respell it `{canonical}`"),
                        vec![Edit::replace(label.span, canonical)],
                    )),
                );
            }
            let is_bare = group.opening.text.is_empty() && group.closing.text.is_empty();
            if group.is_well_formed() || (is_bare && !bare_is_slip) {
                continue;
            }
            let message = match (group.opening.text, group.closing.text) {
                ("", "") => format!("suffix `{shown}` is not in parentheses"),
                ("(", "") => format!("suffix `{shown}` is missing its `)`"),
                _ => format!("suffix `{shown}` is not in one pair of parentheses"),
            };
            out.push(
                Diagnostic::new(META.name, group.span, message)
                    .with_fix(Fix::safe("wrap it in parentheses", group.rewrap_edits())),
            );
        }
        let groups = item.misplaced_groups().iter();
        let groups = groups.filter(|g| !g.link.is_hacker_news());
        item.report_misplaced(META.name, "suffix", groups, doc.text, out);
    }
}
