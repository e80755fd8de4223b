//! `url-https`: links to sites known to serve HTTPS use `https://`. Which
//! sites is data (the `domains` option); nothing is fetched.
//! The document with examples is rules/url-https.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::url::{UrlParts, host_in_domain};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "url-https",
    summary: "Links to sites known to serve HTTPS use `https://`",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/url-https.md"),
};

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct UrlHttps {
    /// Domains (with all their subdomains) that serve every page over HTTPS.
    pub domains: Vec<String>,
}

/// Large sites that redirect every `http://` page to `https://`, so the
/// rewritten link opens the same page.
const DOMAINS: &[&str] = &[
    "arxiv.org",
    "bitbucket.org",
    "blogspot.com",
    "crates.io",
    "dev.to",
    "docs.rs",
    "facebook.com",
    "github.com",
    "github.io",
    "githubusercontent.com",
    "gitlab.com",
    "google.com",
    "instagram.com",
    "linkedin.com",
    "medium.com",
    "mozilla.org",
    "news.ycombinator.com",
    "npmjs.com",
    "pypi.org",
    "reddit.com",
    "stackexchange.com",
    "stackoverflow.com",
    "substack.com",
    "twitter.com",
    "vimeo.com",
    "wikimedia.org",
    "wikipedia.org",
    "x.com",
    "youtu.be",
    "youtube.com",
];

impl Default for UrlHttps {
    fn default() -> Self {
        UrlHttps {
            domains: DOMAINS.iter().map(|&d| d.to_owned()).collect(),
        }
    }
}

impl Rule for UrlHttps {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for link in doc.links() {
            // Only an inline URL can be edited where it is written.
            let Some(url) = link.url() else { continue };
            // Judged as it resolves. Most URLs are https already: no need
            // to take them apart.
            let href = &*link.href;
            if !href
                .get(..5)
                .is_some_and(|s| s.eq_ignore_ascii_case("http:"))
            {
                continue;
            }
            let Some(parts) = UrlParts::parse(href) else {
                continue;
            };
            // A port may serve plain HTTP only (`:8080`): TLS sent to it
            // fails, so the link is left alone.
            if !parts.scheme().eq_ignore_ascii_case("http") || parts.has_port() {
                continue;
            }
            let host = parts.host();
            if !self.domains.iter().any(|d| host_in_domain(host, d)) {
                continue;
            }
            let message = format!("link to `{host}` uses `http://`, but the site serves HTTPS");
            // The scheme is edited where it is written only if the URL is
            // written as it resolves (`http&#58;//…` is not).
            let Some(url) = link.editable_url() else {
                out.push(Diagnostic::new(META.name, url.span, message).with_help(
                    "write `https://` by hand: the URL is written with escapes, \
                         character references or blanks",
                ));
                continue;
            };
            let scheme = Span::new(url.span.start, url.span.start + parts.scheme.end);
            out.push(
                Diagnostic::new(META.name, scheme, message).with_fix(Fix::safe(
                    "use `https://`",
                    vec![Edit::replace(scheme, "https")],
                )),
            );
        }
    }
}
