//! Asking one URL: HEAD first (GET where a server rejects HEAD), retries
//! with exponential backoff on timeouts, 429 and 5xx, and redirects
//! followed here, not by the HTTP client, so that the chain is recorded.

use super::record::{Failure, Hop, Response};
use super::settings::OnlineSettings;
use std::io;
use std::thread;
use std::time::Duration;

/// What mdlinks says it is to the servers it asks.
pub const USER_AGENT: &str = concat!(
    "mdlinks/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// Statuses with which a server says it will not answer HEAD (or answers
/// it worse than GET): asked again with GET.
const HEAD_REJECTED: &[u16] = &[400, 403, 405, 501];

/// Hosts a `GITHUB_TOKEN` is sent to (over HTTPS only): its rate limit for
/// anonymous requests is low, and the token is GitHub's.
const GITHUB_HOSTS: &[&str] = &["github.com", "api.github.com"];

/// One answer to one request.
struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
}

/// A failed request, and whether asking again may help.
struct Failed {
    failure: Failure,
    retry: bool,
}

pub struct Client {
    agent: ureq::Agent,
    settings: OnlineSettings,
    github_token: Option<String>,
}

impl Client {
    pub fn new(settings: &OnlineSettings, github_token: Option<String>) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(USER_AGENT)
            .timeout_global(Some(settings.timeout))
            .max_idle_connections(settings.concurrency.max(8) * 2)
            .max_idle_connections_per_host(settings.per_host)
            // Every connection has its buffers: ureq's 128 KiB each way
            // were most of the memory of a run (80 MiB for 20,000 URLs).
            // Requests are a line and a few headers; a response is read
            // no further than its headers (64 KiB at most, ureq's limit).
            .input_buffer_size(80 * 1024)
            .output_buffer_size(8 * 1024)
            .build();
        Client {
            agent: config.into(),
            settings: settings.clone(),
            github_token: github_token.filter(|t| !t.trim().is_empty()),
        }
    }

    /// Ask `url`, following its redirects; every hop with its retries.
    pub fn check(&self, url: &str) -> Response {
        let mut chain: Vec<Hop> = Vec::new();
        let mut current = url.to_owned();
        loop {
            let answer = match self.ask_with_retries(&current) {
                Ok(answer) => answer,
                Err(failure) => {
                    return Response {
                        chain,
                        failure: Some(failure),
                        failed_runs: 0,
                    };
                }
            };
            chain.push(Hop {
                url: current.clone(),
                status: answer.status,
            });
            let redirect = is_redirect(answer.status);
            let Some(next) = answer
                .location
                .filter(|_| redirect)
                .and_then(|location| join(&current, &location))
            else {
                return Response {
                    chain,
                    failure: None,
                    failed_runs: 0,
                };
            };
            let failure = if chain.iter().any(|hop| hop.url == next) {
                Some(Failure::RedirectLoop)
            } else if chain.len() > self.settings.max_redirects as usize {
                Some(Failure::TooManyRedirects)
            } else {
                None
            };
            if failure.is_some() {
                return Response {
                    chain,
                    failure,
                    failed_runs: 0,
                };
            }
            current = next;
        }
    }

    fn ask_with_retries(&self, url: &str) -> Result<Answer, Failure> {
        let mut attempt = 0;
        loop {
            let result = self.ask(url);
            let retry_after = match &result {
                Ok(answer) if answer.status == 429 || (500..=599).contains(&answer.status) => {
                    Some(answer.retry_after)
                }
                Err(failed) if failed.retry => Some(None),
                _ => None,
            };
            match retry_after {
                Some(retry_after) if attempt < self.settings.retries => {
                    thread::sleep(self.wait(attempt, retry_after));
                    attempt += 1;
                }
                _ => return result.map_err(|failed| failed.failure),
            }
        }
    }

    /// The wait before retry `attempt` (from 0): what the server asked
    /// for, up to `max-retry-after`, else `retry-wait` doubled each time.
    fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(asked) => asked.min(self.settings.max_retry_after),
            None => self.settings.retry_wait * 2u32.saturating_pow(attempt),
        }
    }

    fn ask(&self, url: &str) -> Result<Answer, Failed> {
        let head = self.request(url, true)?;
        if HEAD_REJECTED.contains(&head.status) {
            return self.request(url, false);
        }
        Ok(head)
    }

    fn request(&self, url: &str, head: bool) -> Result<Answer, Failed> {
        let mut request = if head {
            self.agent.head(url)
        } else {
            self.agent.get(url)
        };
        if let Some(token) = &self.github_token
            && is_github(url)
        {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        // The body is never read: dropping the response closes the
        // connection of a GET rather than download a page.
        let response = request.call().map_err(classify)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Ok(Answer {
            status: response.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after")
                .and_then(|v| v.trim().parse::<f64>().ok())
                .and_then(|s| Duration::try_from_secs_f64(s).ok()),
        })
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

fn is_github(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    GITHUB_HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h))
}

fn classify(error: ureq::Error) -> Failed {
    let (failure, retry) = match &error {
        ureq::Error::Timeout(_) => (Failure::Timeout, true),
        ureq::Error::HostNotFound => (Failure::Dns, false),
        ureq::Error::ConnectionFailed => (Failure::Connect, false),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => (Failure::Tls, false),
        ureq::Error::TooManyRedirects => (Failure::TooManyRedirects, false),
        ureq::Error::Io(io) => classify_io(io),
        ureq::Error::Protocol(_) => (Failure::Other, true),
        _ => (Failure::Other, false),
    };
    Failed { failure, retry }
}

fn classify_io(error: &io::Error) -> (Failure, bool) {
    use io::ErrorKind::*;
    match error.kind() {
        TimedOut | WouldBlock => (Failure::Timeout, true),
        ConnectionRefused | NetworkUnreachable | HostUnreachable | AddrNotAvailable => {
            (Failure::Connect, false)
        }
        ConnectionReset | ConnectionAborted | UnexpectedEof | BrokenPipe => (Failure::Other, true),
        // getaddrinfo's errors have no kind of their own.
        _ if error.to_string().contains("lookup address") => (Failure::Dns, false),
        _ if error
            .to_string()
            .to_ascii_lowercase()
            .contains("certificate") =>
        {
            (Failure::Tls, false)
        }
        _ => (Failure::Other, false),
    }
}

/// `location` as an absolute URL, relative to `base`.
pub fn join(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.contains("://") {
        return Some(location.to_owned());
    }
    let scheme_end = base.find("://")?;
    let after = &base[scheme_end + 3..];
    let authority_end = after
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| scheme_end + 3 + i);
    if let Some(rest) = location.strip_prefix("//") {
        return Some(format!("{}//{rest}", &base[..scheme_end + 1]));
    }
    let origin = &base[..authority_end];
    if location.starts_with('/') {
        return Some(format!("{origin}{location}"));
    }
    let path = &base[authority_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if location.starts_with('?') {
        return Some(format!("{origin}{path}{location}"));
    }
    let directory = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let directory = if directory.is_empty() { "/" } else { directory };
    Some(format!("{origin}{directory}{location}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_joined_to_the_url_asked() {
        let base = "https://a.test/x/y?q=1";
        assert_eq!(join(base, "https://b.test/").unwrap(), "https://b.test/");
        assert_eq!(join(base, "//c.test/z").unwrap(), "https://c.test/z");
        assert_eq!(join(base, "/root").unwrap(), "https://a.test/root");
        assert_eq!(join(base, "z").unwrap(), "https://a.test/x/z");
        assert_eq!(join(base, "?p=2").unwrap(), "https://a.test/x/y?p=2");
        assert_eq!(join("https://a.test", "z").unwrap(), "https://a.test/z");
    }

    #[test]
    fn the_token_goes_to_github_over_https_only() {
        assert!(is_github("https://github.com/a/b"));
        assert!(is_github("https://API.github.com/repos/a/b"));
        assert!(!is_github("http://github.com/a/b"));
        assert!(!is_github("https://github.com.evil.test/a"));
        assert!(!is_github("https://gist.github.com/a"));
    }

    #[test]
    fn waits_double_and_retry_after_is_capped() {
        let settings = OnlineSettings {
            retry_wait: Duration::from_millis(100),
            max_retry_after: Duration::from_secs(2),
            ..OnlineSettings::default()
        };
        let client = Client::new(&settings, None);
        assert_eq!(client.wait(0, None), Duration::from_millis(100));
        assert_eq!(client.wait(2, None), Duration::from_millis(400));
        assert_eq!(
            client.wait(0, Some(Duration::from_secs(60))),
            Duration::from_secs(2)
        );
        assert!(USER_AGENT.starts_with("mdlinks/") && USER_AGENT.contains("github.com"));
    }
}
