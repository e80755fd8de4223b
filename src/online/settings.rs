//! `[online]` in `mdlinks.toml`: how `--online` asks the network.

use super::record::Accepted;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The `[online]` table as written (`online = true` stands for
/// `[online]` with `enabled = true`).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OnlineSection {
    /// Check links on the network in every run, as `--online` does.
    pub enabled: bool,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host (politeness).
    pub per_host: usize,
    /// Seconds one request may take, connecting included.
    pub timeout: f64,
    /// Retries after a timeout, a 429 or a 5xx answer.
    pub retries: u32,
    /// Seconds before the first retry; each next one waits twice as long.
    pub retry_wait: f64,
    /// The longest wait, in seconds, a `Retry-After` header is honoured up to.
    pub max_retry_after: f64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Statuses that count as a working link: numbers or ranges (`"200-299"`).
    #[schemars(with = "Vec<serde_json::Value>")]
    pub accept: Vec<toml::Value>,
    /// Domains (with their subdomains) never asked.
    pub exclude: Vec<String>,
    /// Where not empty, the only domains (with their subdomains) asked.
    pub include_only: Vec<String>,
    /// How long a result is used again without asking: `"1d"`, `"12h"`, `"30m"`, `"90s"`.
    pub cache_max_age: String,
}

impl Default for OnlineSection {
    fn default() -> Self {
        OnlineSection {
            enabled: false,
            concurrency: 64,
            per_host: 4,
            timeout: 20.0,
            retries: 2,
            retry_wait: 1.0,
            max_retry_after: 30.0,
            max_redirects: 10,
            accept: vec![toml::Value::String("200-299".into())],
            exclude: Vec::new(),
            include_only: Vec::new(),
            cache_max_age: "1d".into(),
        }
    }
}

/// [`OnlineSection`] checked and in the units the checker uses.
#[derive(Debug, Clone)]
pub struct OnlineSettings {
    pub enabled: bool,
    pub concurrency: usize,
    pub per_host: usize,
    pub timeout: Duration,
    pub retries: u32,
    pub retry_wait: Duration,
    pub max_retry_after: Duration,
    pub max_redirects: u32,
    pub accepted: Accepted,
    pub exclude: Vec<String>,
    pub include_only: Vec<String>,
    pub cache_max_age: Duration,
}

impl Default for OnlineSettings {
    fn default() -> Self {
        OnlineSection::default()
            .resolve()
            .expect("the defaults are valid")
    }
}

impl OnlineSection {
    /// The settings, or what is wrong with a key.
    pub fn resolve(&self) -> Result<OnlineSettings, String> {
        let seconds = |key: &str, value: f64| {
            Duration::try_from_secs_f64(value)
                .map_err(|_| format!("`{key}` must be a number of seconds, 0 or more"))
        };
        if self.concurrency == 0 || self.per_host == 0 {
            return Err("`concurrency` and `per-host` must be 1 or more".into());
        }
        let mut accepted = Vec::new();
        for value in &self.accept {
            accepted.push(status_range(value).ok_or_else(|| {
                format!("`accept`: `{value}` is no status (`200`) or range (`\"200-299\"`)")
            })?);
        }
        Ok(OnlineSettings {
            enabled: self.enabled,
            concurrency: self.concurrency,
            per_host: self.per_host.min(self.concurrency),
            timeout: seconds("timeout", self.timeout)?,
            retries: self.retries,
            retry_wait: seconds("retry-wait", self.retry_wait)?,
            max_retry_after: seconds("max-retry-after", self.max_retry_after)?,
            max_redirects: self.max_redirects,
            accepted: Accepted(accepted),
            exclude: self.exclude.clone(),
            include_only: self.include_only.clone(),
            cache_max_age: duration(&self.cache_max_age).ok_or_else(|| {
                format!(
                    "`cache-max-age`: `{}` is no duration (`\"1d\"`, `\"12h\"`, `\"30m\"`, `\"90s\"`)",
                    self.cache_max_age
                )
            })?,
        })
    }
}

fn status_range(value: &toml::Value) -> Option<std::ops::RangeInclusive<u16>> {
    let valid = |n: i64| u16::try_from(n).ok().filter(|n| (100..=599).contains(n));
    match value {
        toml::Value::Integer(n) => valid(*n).map(|n| n..=n),
        toml::Value::String(text) => {
            let (low, high) = text.split_once('-').unwrap_or((text, text));
            let low = valid(low.trim().parse().ok()?)?;
            let high = valid(high.trim().parse().ok()?)?;
            (low <= high).then_some(low..=high)
        }
        _ => None,
    }
}

/// `"1d"`, `"12h"`, `"30m"`, `"90s"` (a bare number is seconds).
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((at, _)) => (&text[..at], &text[at..]),
        None => (text, "s"),
    };
    let number: f64 = number.trim().parse().ok()?;
    let factor = match unit {
        "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(number * factor).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_status_ranges_are_read() {
        assert_eq!(duration("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(duration("90"), Some(Duration::from_secs(90)));
        assert_eq!(duration("0.5s"), Some(Duration::from_millis(500)));
        assert_eq!(duration("3 weeks"), None);
        assert_eq!(status_range(&"200-299".into()), Some(200..=299));
        assert_eq!(status_range(&toml::Value::Integer(403)), Some(403..=403));
        assert_eq!(status_range(&"299-200".into()), None);
        assert_eq!(status_range(&toml::Value::Integer(42)), None);
    }

    #[test]
    fn bad_values_are_refused_with_the_key() {
        let section = OnlineSection {
            accept: vec!["ok".into()],
            ..OnlineSection::default()
        };
        assert!(section.resolve().unwrap_err().contains("accept"));
        let section = OnlineSection {
            timeout: -1.0,
            ..OnlineSection::default()
        };
        assert!(section.resolve().unwrap_err().contains("timeout"));
    }
}
