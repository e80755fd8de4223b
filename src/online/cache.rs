//! The results of `--online` kept between runs, beside the lint cache:
//! `.mdlinks_cache/online/responses.json`. A result is used again while
//! younger than `cache-max-age`; transient failures (timeouts, 429, 5xx,
//! DNS) are kept only for the count of runs in a row a URL failed in,
//! never as a result. The file is written whole or not at all (a
//! temporary file renamed over it), and one that cannot be read is
//! started afresh: the cache only saves requests.

use super::record::Response;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file's format; another is none of ours.
const VERSION: u32 = 1;

/// Failures in a row are remembered this long after the last run.
const KEEP_FAILURES: Duration = Duration::from_secs(30 * 86_400);

/// A file larger than this is none of ours.
const MAX_BYTES: u64 = 512 << 20;

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
    dir: PathBuf,
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
    /// The cache in `cache_dir/online`, empty where there is none yet.
    pub fn open(cache_dir: &Path, max_age: Duration) -> Self {
        let dir = cache_dir.join("online");
        let entries = read(&dir.join("responses.json"))
            .filter(|stored| stored.version == VERSION)
            .map(|stored| stored.entries)
            .unwrap_or_default();
        ResultsCache {
            dir,
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

    /// Write the cache, without the entries too old to serve.
    pub fn save(mut self) -> io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let keep = self.max_age.max(KEEP_FAILURES).as_secs();
        let now = self.now;
        self.entries
            .retain(|_, e| now.saturating_sub(e.checked) < keep);
        fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            fs::write(&ignore, "# Made by mdlinks.\n*\n")?;
        }
        let stored = Stored {
            version: VERSION,
            entries: self.entries,
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".responses.")
            .tempfile_in(&self.dir)?;
        {
            let mut writer = io::BufWriter::new(temporary.as_file_mut());
            serde_json::to_writer(&mut writer, &stored)?;
            writer.flush()?;
        }
        temporary
            .persist(self.dir.join("responses.json"))
            .map_err(|e| e.error)?;
        Ok(())
    }
}

fn read(path: &Path) -> Option<Stored> {
    let metadata = fs::symlink_metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_BYTES {
        return None;
    }
    serde_json::from_slice(&fs::read(path).ok()?).ok()
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
        let dir = tempfile::tempdir().unwrap();
        let mut cache = ResultsCache::open(dir.path(), Duration::from_secs(3600));
        cache.record("https://a.test/".into(), ok(), false);
        let mut flaky = ok();
        flaky.chain[0].status = 503;
        flaky.failed_runs = 2;
        cache.record("https://b.test/".into(), flaky, true);
        cache.save().unwrap();

        let cache = ResultsCache::open(dir.path(), Duration::from_secs(3600));
        assert_eq!(cache.fresh("https://a.test/"), Some(&ok()));
        assert_eq!(cache.fresh("https://b.test/"), None);
        assert_eq!(cache.failed_runs("https://b.test/"), 2);
        let stale = ResultsCache::open(dir.path(), Duration::ZERO);
        assert_eq!(stale.fresh("https://a.test/"), None);
    }
}
