//! What the network answered for each URL of a run, as rules read it: the
//! chain of responses (redirects, then the last one) or the failure that
//! ended it. Rules decide from these records and never ask the network
//! themselves, so that a record written in a test (see
//! [`Responses::from_script`]) drives them as a server would.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;

/// One response on the way: the URL asked and the status it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub url: String,
    pub status: u16,
}

/// Why a URL got no answer to judge by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// No answer within the timeout, after the retries.
    Timeout,
    /// The host name does not resolve.
    Dns,
    /// The connection was refused or could not be made.
    Connect,
    /// The TLS handshake failed (a bad certificate, an old protocol).
    Tls,
    /// The redirects come back to a URL already on the chain.
    RedirectLoop,
    /// More redirects than `max-redirects`.
    TooManyRedirects,
    /// Anything else: a malformed response, a connection reset.
    Other,
}

impl Failure {
    pub fn name(self) -> &'static str {
        match self {
            Failure::Timeout => "timeout",
            Failure::Dns => "dns",
            Failure::Connect => "connect",
            Failure::Tls => "tls",
            Failure::RedirectLoop => "redirect-loop",
            Failure::TooManyRedirects => "too-many-redirects",
            Failure::Other => "other",
        }
    }

    fn from_name(name: &str) -> Option<Failure> {
        [
            Failure::Timeout,
            Failure::Dns,
            Failure::Connect,
            Failure::Tls,
            Failure::RedirectLoop,
            Failure::TooManyRedirects,
            Failure::Other,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }

    /// Whether asking again later may well give an answer: such a failure
    /// is not kept in the cache as a result.
    pub fn is_transient(self) -> bool {
        !matches!(self, Failure::RedirectLoop | Failure::TooManyRedirects)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Failure::Timeout => "timed out",
            Failure::Dns => "host name does not resolve",
            Failure::Connect => "connection failed",
            Failure::Tls => "TLS handshake failed",
            Failure::RedirectLoop => "redirect loop",
            Failure::TooManyRedirects => "too many redirects",
            Failure::Other => "request failed",
        })
    }
}

/// What one URL got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Every response in order: the redirects, then the last one (absent
    /// where `failure` ended the chain).
    pub chain: Vec<Hop>,
    /// What ended the chain without a last response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// Runs in a row, this one included, in which the URL failed (0 when
    /// it did not): `dead-link` reports it only from its `fail-after`th.
    #[serde(default)]
    pub failed_runs: u32,
}

impl Response {
    /// The last status, where the chain ended with an answer.
    pub fn final_status(&self) -> Option<u16> {
        match self.failure {
            Some(_) => None,
            None => self.chain.last().map(|hop| hop.status),
        }
    }

    /// The URL the chain ended at.
    pub fn final_url(&self) -> Option<&str> {
        self.chain.last().map(|hop| hop.url.as_str())
    }

    /// The statuses and URLs in order, for reports: `301 https://a → 200 https://b`.
    pub fn describe_chain(&self) -> String {
        let mut parts: Vec<String> = self
            .chain
            .iter()
            .map(|hop| format!("{} {}", hop.status, hop.url))
            .collect();
        if let Some(failure) = self.failure {
            parts.push(failure.to_string());
        }
        parts.join(" → ")
    }

    /// The record as JSON, for the `details` of a finding (JSON, SARIF).
    pub fn details(&self) -> serde_json::Value {
        let chain: Vec<serde_json::Value> = self
            .chain
            .iter()
            .map(|hop| serde_json::json!({ "url": hop.url, "status": hop.status }))
            .collect();
        serde_json::json!({
            "status": self.final_status(),
            "failure": self.failure.map(Failure::name),
            "redirects": chain,
            "failed_runs": self.failed_runs,
        })
    }
}

/// The statuses that count as a working link (`accept` in `[online]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted(pub Vec<RangeInclusive<u16>>);

impl Default for Accepted {
    fn default() -> Self {
        Accepted(vec![200..=299])
    }
}

impl Accepted {
    pub fn contains(&self, status: u16) -> bool {
        self.0.iter().any(|range| range.contains(&status))
    }
}

/// The records of a run, by the URL asked (its fragment dropped, see
/// [`request_url`]).
#[derive(Debug, Clone, Default)]
pub struct Responses {
    by_url: HashMap<String, Response>,
    pub accepted: Accepted,
}

impl Responses {
    pub fn new(accepted: Accepted) -> Self {
        Responses {
            by_url: HashMap::new(),
            accepted,
        }
    }

    pub fn insert(&mut self, url: String, response: Response) {
        self.by_url.insert(url, response);
    }

    /// The record of the URL `href` asks for, if it was asked.
    pub fn get(&self, href: &str) -> Option<&Response> {
        self.by_url.get(request_url(href)?)
    }

    pub fn len(&self) -> usize {
        self.by_url.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Response)> {
        self.by_url.iter()
    }

    /// Records written as a server would answer, one URL a line, for the
    /// rules' documents, fixtures and tests (`#` starts a comment):
    ///
    /// ```text
    /// https://example.com/gone 404
    /// http://example.com/old 301 https://example.com/new 200
    /// https://example.com/slow timeout
    /// https://example.com/flaky 503 failed-runs=3
    /// ```
    ///
    /// After the URL, a status; a 3xx status is followed by the URL it
    /// redirects to, whose status comes next. A failure's name
    /// (`timeout`, `dns`, `connect`, `tls`, `redirect-loop`, …) ends the
    /// chain instead of a status.
    pub fn from_script(script: &str) -> Result<Responses, String> {
        let mut responses = Responses::default();
        for (number, line) in script.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = |what: &str| format!("line {}: {what}: {line}", number + 1);
            let mut words = line.split_whitespace();
            let first = words.next().expect("not empty").to_owned();
            let mut url = first.clone();
            let mut response = Response {
                chain: Vec::new(),
                failure: None,
                failed_runs: 0,
            };
            let mut awaiting_url = false;
            for word in words {
                if let Some(runs) = word.strip_prefix("failed-runs=") {
                    response.failed_runs = runs.parse().map_err(|_| bad("a bad count"))?;
                } else if awaiting_url {
                    url = word.to_owned();
                    awaiting_url = false;
                } else if let Ok(status) = word.parse::<u16>() {
                    response.chain.push(Hop {
                        url: url.clone(),
                        status,
                    });
                    awaiting_url = (300..400).contains(&status) && status != 304;
                } else if let Some(failure) = Failure::from_name(word) {
                    response.failure = Some(failure);
                } else {
                    return Err(bad(&format!("`{word}` is no status or failure")));
                }
            }
            if response.chain.is_empty() && response.failure.is_none() {
                return Err(bad("no status"));
            }
            let failed = response.failure.is_some()
                || response
                    .final_status()
                    .is_some_and(|s| !responses.accepted.contains(s) && !(300..400).contains(&s));
            if failed && response.failed_runs == 0 {
                response.failed_runs = 1;
            }
            let key = request_url(&first).ok_or_else(|| bad("not an http(s) URL"))?;
            responses.by_url.insert(key.to_owned(), response);
        }
        Ok(responses)
    }
}

/// The URL asked for a link's `href`: an `http` or `https` URL without its
/// fragment (never sent to a server); `None` for any other link.
pub fn request_url(href: &str) -> Option<&str> {
    let scheme_end = href.find("://")?;
    let scheme = &href[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let url = href.split('#').next().unwrap_or(href);
    // A URL with no host (`https:///x`) or blanks is none to ask.
    let host = &url[scheme_end + 3..];
    if host.is_empty() || host.starts_with('/') || url.contains(char::is_whitespace) {
        return None;
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_give_chains_and_failures() {
        let responses = Responses::from_script(
            "https://a.test/x 301 https://a.test/y 308 https://a.test/z 200\n\
             https://a.test/gone 404 # a comment\n\
             https://a.test/slow timeout failed-runs=2\n",
        )
        .unwrap();
        let moved = responses.get("https://a.test/x#part").unwrap();
        assert_eq!(moved.chain.len(), 3);
        assert_eq!(moved.final_url(), Some("https://a.test/z"));
        assert_eq!(moved.final_status(), Some(200));
        assert_eq!(moved.failed_runs, 0);
        assert_eq!(
            moved.describe_chain(),
            "301 https://a.test/x → 308 https://a.test/y → 200 https://a.test/z"
        );
        let gone = responses.get("https://a.test/gone").unwrap();
        assert_eq!((gone.final_status(), gone.failed_runs), (Some(404), 1));
        let slow = responses.get("https://a.test/slow").unwrap();
        assert_eq!(
            (slow.failure, slow.failed_runs),
            (Some(Failure::Timeout), 2)
        );
        assert!(Responses::from_script("https://a.test/ teapot").is_err());
        assert!(Responses::from_script("mailto:a@b.test 200").is_err());
    }

    #[test]
    fn only_http_urls_are_asked_and_without_fragments() {
        assert_eq!(request_url("https://a.test/x#y"), Some("https://a.test/x"));
        assert_eq!(request_url("HTTP://a.test"), Some("HTTP://a.test"));
        assert_eq!(request_url("ftp://a.test/x"), None);
        assert_eq!(request_url("https:///x"), None);
        assert_eq!(request_url("#top"), None);
    }
}
