//! `moved-link`: with `--online`, links whose URL redirects permanently
//! (301, 308) are rewritten to where it lands, where that is safe to do.
//! Judged from the recorded redirect chain (`crate::online`), never by
//! asking here. The document with examples is rules/moved-link.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::online::{Response, Responses, request_url};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::url::{UrlParts, host_in_domain};
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "moved-link",
    summary: "Links to pages that moved permanently use the new URL (with `--online`)",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/moved-link.md"),
};

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MovedLink {
    /// Path segments (and host names' first labels) of login and consent
    /// pages: a redirect there is a wall, not a move.
    pub login_pages: Vec<String>,
}

impl Default for MovedLink {
    fn default() -> Self {
        let words = [
            "login",
            "log-in",
            "signin",
            "sign-in",
            "sign_in",
            "signup",
            "sign-up",
            "auth",
            "authorize",
            "oauth",
            "sso",
            "consent",
            "session",
            "sessions",
            "accounts",
        ];
        MovedLink {
            login_pages: words.iter().map(|&w| w.to_owned()).collect(),
        }
    }
}

/// What a permanent redirect is judged to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// Only the scheme, a trailing slash or a GitHub repository's owner or
    /// name changed: the same page.
    Safe(String),
    /// Another URL on the same site, or another site for a site's root.
    Unsafe(String),
    /// Not to be followed, for the reason given.
    Refused(String, &'static str),
}

fn is_permanent(status: u16) -> bool {
    matches!(status, 301 | 308)
}

fn is_root(parts: &UrlParts) -> bool {
    matches!(parts.path(), "" | "/") && parts.query().is_none()
}

/// `host` without a leading `www.`, lowercased.
fn site(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

fn same_site(a: &str, b: &str) -> bool {
    let (a, b) = (site(a), site(b));
    a == b || host_in_domain(&a, &b) || host_in_domain(&b, &a)
}

/// The URL without its scheme and with no trailing slash on its path.
fn without_scheme_and_slash(parts: &UrlParts) -> String {
    let after_scheme = &parts.text[parts.scheme.end + 3..];
    let host_len = parts.host.end - parts.scheme.end - 3;
    let (authority, rest) = after_scheme.split_at(parts.path.start - parts.scheme.end - 3);
    let path = parts.path().trim_end_matches('/');
    let tail = &rest[parts.path().len()..];
    format!(
        "{}{}{path}{tail}",
        authority[..host_len].to_ascii_lowercase(),
        &authority[host_len..]
    )
}

/// `github.com/owner/name/rest` → `rest` (with the query), where both are
/// repository URLs on GitHub.
fn github_rest<'u>(parts: &UrlParts<'u>) -> Option<&'u str> {
    if site(parts.host()) != "github.com" {
        return None;
    }
    let path = parts.path().strip_prefix('/')?;
    let mut segments = path.splitn(3, '/');
    let (owner, name) = (segments.next()?, segments.next()?);
    if owner.is_empty() || name.is_empty() {
        return None;
    }
    let rest_start = parts.path.start + 1 + owner.len() + 1 + name.len();
    Some(&parts.text[rest_start..])
}

impl MovedLink {
    fn is_login(&self, parts: &UrlParts) -> bool {
        let host = parts.host().to_ascii_lowercase();
        let first_label = host.split('.').next().unwrap_or("");
        let listed = |word: &str| {
            self.login_pages
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
        };
        listed(first_label) || parts.path().split('/').any(listed)
    }

    /// Where `url`'s permanent redirects lead, and how safely, judged from
    /// `response`; `None` where it did not move permanently to a page
    /// that answers.
    pub fn judge(&self, url: &str, response: &Response, responses: &Responses) -> Option<Move> {
        let first = response.chain.first()?;
        if !is_permanent(first.status) || response.failure.is_some() {
            return None;
        }
        if !responses.accepted.contains(response.final_status()?) {
            return None;
        }
        // Permanent redirects, up to the first temporary one (which may
        // change again) or the page.
        let reached = response
            .chain
            .iter()
            .find(|hop| !is_permanent(hop.status))?;
        let target = reached.url.as_str();
        let (from, to) = (UrlParts::parse(url)?, UrlParts::parse(target)?);
        if target == url {
            return None;
        }
        if !is_root(&from) && is_root(&to) {
            return Some(Move::Refused(target.into(), "the site's home page"));
        }
        if self.is_login(&to) && !self.is_login(&from) {
            return Some(Move::Refused(target.into(), "a login or consent page"));
        }
        if !is_root(&from) && !same_site(from.host(), to.host()) {
            return Some(Move::Refused(target.into(), "another site"));
        }
        let same_page = without_scheme_and_slash(&from) == without_scheme_and_slash(&to);
        let renamed_repository = matches!(
            (github_rest(&from), github_rest(&to)),
            (Some(a), Some(b)) if a == b
        );
        Some(if same_page || renamed_repository {
            Move::Safe(target.into())
        } else {
            Move::Unsafe(target.into())
        })
    }
}

impl Rule for MovedLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_online(&self, doc: &Document, responses: &Responses, out: &mut Vec<Diagnostic>) {
        for link in doc.links() {
            let Some(response) = responses.get(&link.href) else {
                continue;
            };
            let Some(asked) = request_url(&link.href) else {
                continue;
            };
            let Some(judged) = self.judge(asked, response, responses) else {
                continue;
            };
            let span = link.url().map_or(link.span, |url| url.span);
            let details = response.details();
            let diagnostic = match judged {
                Move::Refused(target, why) => Diagnostic::new(
                    META.name,
                    span,
                    format!(
                        "link to `{}` redirects permanently to {why} (`{target}`)",
                        link.href
                    ),
                )
                .warning()
                .with_help("the page may be gone: find where it went by hand"),
                Move::Safe(ref target) | Move::Unsafe(ref target) => {
                    // The fragment is never sent: it stays as written.
                    let fragment = link.href.split_once('#').map(|(_, f)| f);
                    let new = match fragment {
                        Some(f) if !target.contains('#') => format!("{target}#{f}"),
                        _ => target.clone(),
                    };
                    let message =
                        format!("link to `{}` has moved permanently to `{new}`", link.href);
                    let diagnostic = Diagnostic::new(META.name, span, message);
                    match link.editable_url() {
                        Some(url) if !new.contains([' ', '<', '>']) => {
                            let title = format!("use `{new}`");
                            let edits = vec![Edit::replace(url.span, new.clone())];
                            diagnostic.with_fix(match judged {
                                Move::Safe(_) => Fix::safe(title, edits),
                                _ => Fix::unsafe_(title, edits),
                            })
                        }
                        _ => diagnostic.with_help(
                            "write the new URL by hand: the link is written with escapes or \
                             by reference",
                        ),
                    }
                }
            };
            out.push(diagnostic.with_details(details));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(script: &str) -> Option<Move> {
        let responses = Responses::from_script(script).unwrap();
        let url = script.split_whitespace().next().unwrap();
        MovedLink::default().judge(url, responses.get(url).unwrap(), &responses)
    }

    fn safe(target: &str) -> Option<Move> {
        Some(Move::Safe(target.into()))
    }

    #[test]
    fn scheme_slash_and_repository_renames_are_safe() {
        assert_eq!(
            judge("http://a.test/x 301 https://a.test/x 200"),
            safe("https://a.test/x")
        );
        assert_eq!(
            judge("https://a.test/x 301 https://a.test/x/ 200"),
            safe("https://a.test/x/")
        );
        assert_eq!(
            judge("https://github.com/old/name 301 https://github.com/new/other 200"),
            safe("https://github.com/new/other")
        );
        assert_eq!(
            judge("https://github.com/old/name/issues 301 https://github.com/new/name/issues 200"),
            safe("https://github.com/new/name/issues")
        );
    }

    #[test]
    fn other_moves_are_unsafe_and_some_are_refused() {
        assert_eq!(
            judge("https://a.test/x 308 https://a.test/y 200"),
            Some(Move::Unsafe("https://a.test/y".into()))
        );
        // A site's root may move to another site.
        assert_eq!(
            judge("https://ionicons.test/ 301 https://ionic.test/ionicons 200"),
            Some(Move::Unsafe("https://ionic.test/ionicons".into()))
        );
        let refused = |script| matches!(judge(script), Some(Move::Refused(..)));
        assert!(refused("https://a.test/page 301 https://a.test/ 200"));
        assert!(refused("https://a.test/page 301 https://b.test/page 200"));
        assert!(refused(
            "https://a.test/page 301 https://a.test/login?next=x 200"
        ));
        assert!(refused(
            "https://a.test/page 301 https://accounts.a.test/x 200"
        ));
        // A move to github.com/owner/name/tree/… is not a rename.
        assert_eq!(
            judge("https://github.com/a/b 301 https://github.com/a/b/tree/main 200"),
            Some(Move::Unsafe("https://github.com/a/b/tree/main".into()))
        );
    }

    #[test]
    fn temporary_redirects_and_dead_ends_are_no_moves() {
        for status in [302, 303, 307] {
            assert_eq!(
                judge(&format!("https://a.test/x {status} https://a.test/y 200")),
                None
            );
        }
        assert_eq!(judge("https://a.test/x 301 https://a.test/y 404"), None);
        assert_eq!(judge("https://a.test/x 301 https://a.test/y timeout"), None);
        // Permanent as far as the first temporary redirect.
        assert_eq!(
            judge("http://a.test/x 301 https://a.test/x 302 https://a.test/tmp 200"),
            safe("https://a.test/x")
        );
    }
}
