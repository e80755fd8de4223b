//! `dead-link`: with `--online`, links whose URL does not answer, or
//! answers 404 or 410. Judged from what the URL answered (recorded by
//! `crate::online`), never by asking here.
//! The document with examples is rules/dead-link.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::link::Link;
use crate::online::{Failure, Response, Responses};
use crate::rule::{FixAvailability, Rule, RuleMeta};
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "dead-link",
    summary: "Links answer on the network (with `--online`)",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/dead-link.md"),
};

/// Kinds of failure reported as warnings unless promoted (`errors`); 404
/// and 410 are always errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 404 and 410: the page is gone.
    Gone,
    /// 401 and 403: often a site that turns bots away.
    Forbidden,
    /// 429, after the retries.
    RateLimited,
    /// 5xx, after the retries.
    ServerError,
    /// Any other status not in `accept`.
    Status,
    Timeout,
    Tls,
    Dns,
    Connect,
    /// A redirect loop, or too many redirects.
    Redirects,
    Other,
}

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DeadLink {
    /// Kinds of failure reported as errors, not warnings.
    pub errors: Vec<Kind>,
    /// Runs in a row a URL must have failed in before it is reported.
    pub fail_after: u32,
    /// Offer to append a link to a web archive's copy of a gone page.
    pub archive: bool,
    /// The archive's address; the dead URL is appended to it.
    pub archive_base: String,
}

impl Default for DeadLink {
    fn default() -> Self {
        DeadLink {
            errors: Vec::new(),
            fail_after: 1,
            archive: false,
            archive_base: "https://web.archive.org/web/".into(),
        }
    }
}

/// What is wrong with a URL's answer, if anything.
pub fn judge(response: &Response, responses: &Responses) -> Option<(Kind, String)> {
    if let Some(failure) = response.failure {
        let kind = match failure {
            Failure::Timeout => Kind::Timeout,
            Failure::Dns => Kind::Dns,
            Failure::Connect => Kind::Connect,
            Failure::Tls => Kind::Tls,
            Failure::RedirectLoop | Failure::TooManyRedirects => Kind::Redirects,
            Failure::Other => Kind::Other,
        };
        return Some((kind, failure.to_string()));
    }
    let status = response.final_status()?;
    if responses.accepted.contains(status) {
        return None;
    }
    let kind = match status {
        404 | 410 => Kind::Gone,
        401 | 403 => Kind::Forbidden,
        429 => Kind::RateLimited,
        500..=599 => Kind::ServerError,
        _ => Kind::Status,
    };
    Some((kind, format!("answers {status} {}", reason(status))))
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
    .trim_end()
}

impl Rule for DeadLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_online(&self, doc: &Document, responses: &Responses, out: &mut Vec<Diagnostic>) {
        for link in doc.links() {
            let Some(response) = responses.get(&link.href) else {
                continue;
            };
            let Some((kind, what)) = judge(response, responses) else {
                continue;
            };
            if response.failed_runs < self.fail_after {
                continue;
            }
            let span = link.url().map_or(link.span, |url| url.span);
            let mut message = match (kind, response.failure) {
                (Kind::Gone, _) => format!("link to `{}` is dead: it {what}", link.href),
                (_, Some(_)) => format!("link to `{}` does not answer: {what}", link.href),
                _ => format!("link to `{}` {what}", link.href),
            };
            if response.chain.len() > 1 {
                message.push_str(&format!(" (redirected: {})", response.describe_chain()));
            }
            if self.fail_after > 1 {
                message.push_str(&format!(" in {} runs in a row", response.failed_runs));
            }
            let mut diagnostic =
                Diagnostic::new(META.name, span, message).with_details(response.details());
            if kind != Kind::Gone && !self.errors.contains(&kind) {
                diagnostic = diagnostic.warning();
            }
            diagnostic = match self.archive_fix(doc.text, link, kind) {
                Some(fix) => diagnostic.with_fix(fix),
                None => diagnostic.with_help(match kind {
                    Kind::Gone => "remove the link, or link a copy (`archive = true` offers one)",
                    _ => "open it in a browser: some sites turn away tools",
                }),
            };
            out.push(diagnostic);
        }
    }
}

impl DeadLink {
    /// ` ([Archive](…))` after a gone page's link, unless one is there.
    fn archive_fix(&self, text: &str, link: &Link, kind: Kind) -> Option<Fix> {
        if !self.archive || kind != Kind::Gone {
            return None;
        }
        link.url()?;
        if text[link.span.end..].starts_with(" ([Archive](") {
            return None;
        }
        let mut target = format!(
            "{}/{}",
            self.archive_base.trim_end_matches('/'),
            crate::online::request_url(&link.href)?
        );
        if target.contains(['(', ')', ' ', '<', '>']) {
            if target.contains(['<', '>']) {
                return None;
            }
            target = format!("<{target}>");
        }
        Some(Fix::unsafe_(
            "link the web archive's copy",
            vec![Edit::insert(
                link.span.end,
                format!(" ([Archive]({target}))"),
            )],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::linter::{LintOptions, Linter};

    fn lint(rule: DeadLink, text: &str, script: &str) -> Vec<Diagnostic> {
        let responses = Responses::from_script(script).unwrap();
        let linter = Linter::new(vec![Box::new(rule)], vec!["Notes".into()]);
        let options = LintOptions {
            responses: Some(&responses),
            ..LintOptions::default()
        };
        linter.lint(text, &options).diagnostics
    }

    const SCRIPT: &str = "https://a.test/gone 404\n\
        https://a.test/forbidden 403\n\
        https://a.test/busy 503\n\
        https://a.test/slow timeout\n\
        https://a.test/ok 200\n\
        https://a.test/flaky 500 failed-runs=2\n";

    #[test]
    fn gone_pages_are_errors_and_blocked_or_busy_ones_warnings() {
        let text = "- [A](https://a.test/gone) - A.\n- [B](https://a.test/forbidden) - B.\n\
                    - [C](https://a.test/busy) - C.\n- [D](https://a.test/slow) - D.\n\
                    - [E](https://a.test/ok) - E.\n";
        let found = lint(DeadLink::default(), text, SCRIPT);
        let severities: Vec<Severity> = found.iter().map(|d| d.severity).collect();
        use Severity::*;
        assert_eq!(severities, [Error, Warning, Warning, Warning]);
        assert!(found[0].message.contains("404 Not Found"), "{found:#?}");
        assert_eq!(found[0].details.as_ref().unwrap()["status"], 404);
        let promoted = DeadLink {
            errors: vec![Kind::Timeout, Kind::Forbidden],
            ..DeadLink::default()
        };
        let severities: Vec<Severity> = lint(promoted, text, SCRIPT)
            .iter()
            .map(|d| d.severity)
            .collect();
        assert_eq!(severities, [Error, Error, Warning, Error]);
    }

    #[test]
    fn a_url_fails_only_after_fail_after_runs_in_a_row() {
        let text = "- [A](https://a.test/flaky) - A.\n- [B](https://a.test/busy) - B.\n";
        let rule = DeadLink {
            fail_after: 2,
            ..DeadLink::default()
        };
        let found = lint(rule, text, SCRIPT);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("a.test/flaky"));
    }

    #[test]
    fn the_archive_is_offered_for_gone_pages_once() {
        let rule = || DeadLink {
            archive: true,
            ..DeadLink::default()
        };
        let text = "- [A](https://a.test/gone#part) - A.\n";
        let fixed = crate::rules::testing::fix_with_responses(rule(), text, SCRIPT);
        assert_eq!(
            fixed,
            "- [A](https://a.test/gone#part) ([Archive](https://web.archive.org/web/https://a.test/gone)) - A.\n"
        );
        let again = lint(rule(), &fixed, SCRIPT);
        assert!(again[0].fix.is_none(), "{again:#?}");
        let text = "- [B](https://a.test/busy) - B.\n";
        assert!(lint(rule(), text, SCRIPT)[0].fix.is_none());
    }
}
