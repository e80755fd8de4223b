//! `github-readme` (off by default): links to a GitHub repository,
//! `https://github.com/<owner>/<repo>`, all end with `#readme`, or none do.
//! The document with examples is rules/github-readme.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rules::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    name: "github-readme",
    summary: "GitHub repository links end with `#readme` (or, configured, never do)",
    fix: FixAvailability::Safe,
    enabled_by_default: false,
    document: include_str!("../../rules/github-readme.md"),
};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadmeStyle {
    /// `https://github.com/owner/repo#readme`
    #[default]
    Anchor,
    /// `https://github.com/owner/repo`
    Plain,
}

#[derive(Debug, Default, Deserialize, Serialize)]
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
            if !url.text.starts_with("https://github.com/") {
                continue;
            }
            let Some(captures) = REPOSITORY.captures(url.text) else {
                continue;
            };
            let owner = captures.get(1).map_or("", |m| m.as_str());
            if NOT_OWNERS.iter().any(|n| n.eq_ignore_ascii_case(owner)) {
                continue;
            }
            let anchor = captures.get(2);
            let diagnostic = match (self.style, anchor) {
                (ReadmeStyle::Anchor, None) => Diagnostic::new(
                    META.name,
                    url.span,
                    format!(
                        "GitHub repository link `{}` does not end with `#readme`",
                        url.text
                    ),
                )
                .with_fix(Fix::safe(
                    "add `#readme`",
                    vec![Edit::insert(url.span.end, "#readme")],
                )),
                (ReadmeStyle::Plain, Some(anchor)) => {
                    let span = Span::new(url.span.start + anchor.start(), url.span.end);
                    Diagnostic::new(
                        META.name,
                        span,
                        format!("GitHub repository link `{}` ends with `#readme`", url.text),
                    )
                    .with_fix(Fix::safe("remove `#readme`", vec![Edit::delete(span)]))
                }
                _ => continue,
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
    fn the_option_names_the_style() {
        let rule: GithubReadme = toml::from_str("style = \"plain\"").unwrap();
        assert_eq!(rule.style, ReadmeStyle::Plain);
        assert!(toml::from_str::<GithubReadme>("style = \"both\"").is_err());
    }
}
