//! The results of `--online` kept between runs, beside the lint cache:
//! `.mdlinks_cache/online.json`, which the command reads and writes,
//! authenticated as the lint cache's files are (`crate::cache::side_file`). A result is used again while
//! younger than `cache-max-age`; transient failures (timeouts, 429, 5xx,
//! DNS) are kept only for the count of runs in a row a URL failed in,
//! never as a result. A file that cannot be read or does not verify is
//! started afresh: the cache only saves requests.

use super::record::Response;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file's format; another is none of ours.
const VERSION: u32 = 1;

/// Failures in a row are remembered this long after the last run.
const KEEP_FAILURES: Duration = Duration::from_secs(30 * 86_400);

/// A file larger than this is none of ours.
pub const MAX_BYTES: u64 = 512 << 20;

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked: u64,
    response: Response,
    /// Not to be used again as a result.
    #[serde(default)]
    transient: bool,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    entries: HashMap<String, Entry>,
}

pub struct ResultsCache {
    entries: HashMap<String, Entry>,
    max_age: Duration,
    now: u64,
    /// Whether anything was recorded: a run that asked nothing (all from
    /// the cache, or the network down) leaves the file as it is.
    changed: bool,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl ResultsCache {
    /// The cache as `stored` (the file's body, if it was read and
    /// verified), empty where there is none or it is none of ours.
    pub fn from_stored(stored: Option<&[u8]>, max_age: Duration) -> Self {
        let entries = stored
            .and_then(|body| serde_json::from_slice::<Stored>(body).ok())
            .filter(|stored| stored.version == VERSION)
            .map(|stored| stored.entries)
            .unwrap_or_default();
        ResultsCache {
            entries,
            max_age,
            now: now(),
            changed: false,
        }
    }

    /// The result for `url`, if one young enough is kept.
    pub fn fresh(&self, url: &str) -> Option<&Response> {
        let entry = self.entries.get(url)?;
        let age = Duration::from_secs(self.now.saturating_sub(entry.checked));
        (!entry.transient && age < self.max_age).then_some(&entry.response)
    }

    /// Runs in a row `url` failed in before this one.
    pub fn failed_runs(&self, url: &str) -> u32 {
        self.entries.get(url).map_or(0, |e| e.response.failed_runs)
    }

    pub fn record(&mut self, url: String, response: Response, transient: bool) {
        let entry = Entry {
            checked: self.now,
            response,
            transient,
        };
        self.entries.insert(url, entry);
        self.changed = true;
    }

    /// The file's body to write, without the entries too old to serve;
    /// `None` if the run recorded nothing.
    pub fn into_stored(mut self) -> Option<Vec<u8>> {
        if !self.changed {
            return None;
        }
        let keep = self.max_age.max(KEEP_FAILURES).as_secs();
        let now = self.now;
        self.entries
            .retain(|_, e| now.saturating_sub(e.checked) < keep);
        let stored = Stored {
            version: VERSION,
            entries: self.entries,
        };
        // (Plain data: serde_json cannot fail on it.)
        serde_json::to_vec(&stored).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::online::record::Hop;

    fn ok() -> Response {
        Response {
            chain: vec![Hop {
                url: "https://a.test/".into(),
                status: 200,
            }],
            failure: None,
            failed_runs: 0,
        }
    }

    #[test]
    fn results_come_back_while_young_and_transient_ones_never() {
        let hour = Duration::from_secs(3600);
        let mut cache = ResultsCache::from_stored(None, hour);
        cache.record("https://a.test/".into(), ok(), false);
        let mut flaky = ok();
        flaky.chain[0].status = 503;
        flaky.failed_runs = 2;
        cache.record("https://b.test/".into(), flaky, true);
        let stored = cache.into_stored().unwrap();

        let cache = ResultsCache::from_stored(Some(&stored), hour);
        assert_eq!(cache.fresh("https://a.test/"), Some(&ok()));
        assert_eq!(cache.fresh("https://b.test/"), None);
        assert_eq!(cache.failed_runs("https://b.test/"), 2);
        // Nothing recorded: nothing to write.
        assert!(cache.into_stored().is_none());
        let stale = ResultsCache::from_stored(Some(&stored), Duration::ZERO);
        assert_eq!(stale.fresh("https://a.test/"), None);
        let other = ResultsCache::from_stored(Some(b"{\"version\": 99}"), hour);
        assert_eq!(other.fresh("https://a.test/"), None);
    }
}
