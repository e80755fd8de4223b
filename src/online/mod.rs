//! `--online`: every external URL of a run asked once on the network, and
//! what each answered recorded for the rules that judge it (`dead-link`,
//! `moved-link`). The network code is here and nowhere else: rules read
//! [`Responses`], never the network.
//!
//! - [`settings`]: the `[online]` table;
//! - [`client`]: one URL, its redirects and retries;
//! - [`scheduler`]: many URLs, with a global and a per-host limit;
//! - [`cache`]: results kept between runs;
//! - [`record`]: what the rules read.

pub mod cache;
pub mod client;
pub mod record;
pub mod scheduler;
pub mod settings;

pub use record::{Accepted, Failure, Hop, Response, Responses, request_url};
pub use settings::{OnlineSection, OnlineSettings};

use crate::url::{UrlParts, host_in_domain};
use cache::ResultsCache;
use client::Client;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one run's network checks found, and how.
pub struct Checked {
    pub responses: Responses,
    /// Distinct URLs the checked files link.
    pub urls: usize,
    /// URLs asked on the network this run.
    pub asked: usize,
    /// URLs whose result came from the cache.
    pub from_cache: usize,
    /// URLs the `exclude` and `include-only` lists kept from being asked.
    pub excluded: usize,
    /// Why the network seemed down, where it did: the run checked nothing
    /// more, and reports nothing of the URLs it could not reach.
    pub offline: Option<String>,
    pub elapsed: Duration,
    /// The results cache, with this run's results, for the caller to keep.
    pub cache: Option<ResultsCache>,
}

/// Ask the network about `urls` (each once), using and filling `cache` if
/// given; a progress bar on standard error if `progress`.
pub fn check(
    urls: BTreeSet<String>,
    settings: &OnlineSettings,
    mut cache: Option<ResultsCache>,
    progress: bool,
) -> Checked {
    let start = Instant::now();
    let total = urls.len();
    let mut responses = Responses::new(settings.accepted.clone());
    let (mut from_cache, mut excluded) = (0, 0);
    let mut to_ask = Vec::new();
    for url in urls {
        if !is_asked(settings, &url) {
            excluded += 1;
        } else if let Some(kept) = cache.as_ref().and_then(|c| c.fresh(&url)) {
            responses.insert(url, kept.clone());
            from_cache += 1;
        } else {
            to_ask.push(url);
        }
    }
    let bar = progress_bar(to_ask.len() as u64, progress);
    let client = Client::new(settings, std::env::var("GITHUB_TOKEN").ok());
    let tick = bar.clone();
    let found = scheduler::run(
        to_ask,
        Arc::new(client),
        settings.concurrency,
        settings.per_host,
        Arc::new(move |_: &str| tick.inc(1)),
    );
    bar.finish_and_clear();
    let asked = found.responses.len();
    for (url, mut response) in found.responses {
        let failed = response.failure.is_some()
            || response
                .final_status()
                .is_none_or(|status| !settings.accepted.contains(status));
        let before = cache.as_ref().map_or(0, |c| c.failed_runs(&url));
        response.failed_runs = if failed { before + 1 } else { 0 };
        if let Some(cache) = &mut cache {
            cache.record(url.clone(), response.clone(), is_transient(&response));
        }
        responses.insert(url, response);
    }
    Checked {
        responses,
        urls: total,
        asked,
        from_cache,
        excluded,
        offline: found.offline,
        elapsed: start.elapsed(),
        cache,
    }
}

/// Whether a result may change if asked again soon: not kept as a result.
fn is_transient(response: &Response) -> bool {
    match (response.failure, response.final_status()) {
        (Some(failure), _) => failure.is_transient(),
        (None, Some(status)) => status == 429 || (500..=599).contains(&status),
        (None, None) => true,
    }
}

/// Whether `exclude` and `include-only` let `url` be asked.
fn is_asked(settings: &OnlineSettings, url: &str) -> bool {
    let Some(parts) = UrlParts::parse(url) else {
        return false;
    };
    let host = parts.host();
    let listed = |domains: &[String]| domains.iter().any(|d| host_in_domain(host, d));
    !listed(&settings.exclude)
        && (settings.include_only.is_empty() || listed(&settings.include_only))
}

fn progress_bar(len: u64, shown: bool) -> ProgressBar {
    if !shown || len == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} checking links {pos}/{len} [{bar:30}] {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_and_include_only_go_by_domain() {
        let settings = OnlineSettings {
            exclude: vec!["skip.test".into()],
            ..OnlineSettings::default()
        };
        assert!(is_asked(&settings, "https://a.test/x"));
        assert!(!is_asked(&settings, "https://www.skip.test/x"));
        assert!(!is_asked(&settings, "http://skip.test:8080/x"));
        let settings = OnlineSettings {
            include_only: vec!["only.test".into()],
            ..OnlineSettings::default()
        };
        assert!(is_asked(&settings, "https://docs.only.test/"));
        assert!(!is_asked(&settings, "https://a.test/x"));
    }
}
