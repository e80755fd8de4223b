//! `github-readme` (off by default): links to a GitHub repository,
//! `https://github.com/<owner>/<repo>`, all end with `#readme`, or none do.
//! The document with examples is rules/github-readme.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    name: "github-readme",
    summary: "GitHub repository links end with `#readme` (or, configured, never do)",
    fix: FixAvailability::Safe,
    enabled_by_default: false,
    document: include_str!("../../rules/github-readme.md"),
};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReadmeStyle {
    /// `https://github.com/owner/repo#readme`
    #[default]
    Anchor,
    /// `https://github.com/owner/repo`
    Plain,
}

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GithubReadme {
    pub style: ReadmeStyle,
}

/// A repository's front page: owner, repository, an optional `/`, an
/// optional `#readme`, nothing else.
static REPOSITORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https://github\.com/([A-Za-z0-9-]+)/[A-Za-z0-9._-]+/?(#readme)?$")
        .expect("repository regex")
});

/// First path segments that are GitHub's own pages, not owners.
const NOT_OWNERS: &[&str] = &[
    "about",
    "apps",
    "collections",
    "customer-stories",
    "enterprise",
    "events",
    "explore",
    "features",
    "marketplace",
    "orgs",
    "pricing",
    "readme",
    "security",
    "settings",
    "site",
    "sponsors",
    "topics",
    "trending",
    "users",
];

impl Rule for GithubReadme {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, _doc: &Document, out: &mut Vec<Diagnostic>) {
        for link in std::iter::once(item.link).chain(item.other_links.iter()) {
            // Only an inline URL can be edited where it is written.
            let Some(url) = link.url() else { continue };
            // Judged as it resolves (`&#95;` is `_`).
            let href = &*link.href;
            if !href.starts_with("https://github.com/") {
                continue;
            }
            let Some(captures) = REPOSITORY.captures(href) else {
                continue;
            };
            let owner = captures.get(1).map_or("", |m| m.as_str());
            if NOT_OWNERS.iter().any(|n| n.eq_ignore_ascii_case(owner)) {
                continue;
            }
            let anchor = captures.get(2);
            let (message, fix) = match (self.style, anchor) {
                (ReadmeStyle::Anchor, None) => (
                    format!("GitHub repository link `{href}` does not end with `#readme`"),
                    "add `#readme`",
                ),
                (ReadmeStyle::Plain, Some(_)) => (
                    format!("GitHub repository link `{href}` ends with `#readme`"),
                    "remove `#readme`",
                ),
                _ => continue,
            };
            // Edited where it is written only if written as it resolves:
            // then the anchor's offsets in `href` are offsets in the source.
            let Some(url) = link.editable_url() else {
                out.push(
                    Diagnostic::new(META.name, url.span, message).with_help(format!(
                        "{fix} by hand: the URL is written with escapes, character \
                     references or blanks"
                    )),
                );
                continue;
            };
            let diagnostic = match anchor {
                None => Diagnostic::new(META.name, url.span, message)
                    .with_fix(Fix::safe(fix, vec![Edit::insert(url.span.end, "#readme")])),
                Some(anchor) => {
                    let span = Span::new(url.span.start + anchor.start(), url.span.end);
                    Diagnostic::new(META.name, span, message)
                        .with_fix(Fix::safe(fix, vec![Edit::delete(span)]))
                }
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fix_with, lint_with};

    #[test]
    fn plain_style_removes_the_anchor() {
        let plain = GithubReadme {
            style: ReadmeStyle::Plain,
        };
        let text = "- [bat](https://github.com/sharkdp/bat#readme) - A `cat` clone.\n- [fd](https://github.com/sharkdp/fd/#readme)\n";
        assert_eq!(
            fix_with(plain, text),
            "- [bat](https://github.com/sharkdp/bat) - A `cat` clone.\n- [fd](https://github.com/sharkdp/fd/)\n"
        );
    }

    #[test]
    fn plain_style_accepts_plain_links() {
        let plain = GithubReadme {
            style: ReadmeStyle::Plain,
        };
        assert!(lint_with(plain, "- [bat](https://github.com/sharkdp/bat)\n").is_empty());
    }

    #[test]
    fn escaped_anchors_are_reported_without_a_fix() {
        let plain = GithubReadme {
            style: ReadmeStyle::Plain,
        };
        let text = "- [bat](https://github.com/sharkdp/bat#readm&#101;) - A `cat` clone.\n";
        let found = lint_with(plain, text);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn the_option_names_the_style() {
        let rule: GithubReadme = toml::from_str("style = \"plain\"").unwrap();
        assert_eq!(rule.style, ReadmeStyle::Plain);
        assert!(toml::from_str::<GithubReadme>("style = \"both\"").is_err());
    }
}
