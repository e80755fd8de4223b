//! Asking many URLs at once: a fixed pool of threads (`concurrency`), no
//! more than `per-host` of them at one host, hosts taken in turn so that
//! one large site does not hold up the rest; and the run stopped early
//! where the network is plainly down.

use super::client::Client;
use super::record::{Failure, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

/// Distinct hosts that must fail to resolve or connect, before any host
/// answered, for the network to count as down: one bad host is not
/// enough, and waiting out every URL of a wiki (150,000 links) is too much.
pub const OFFLINE_AFTER: usize = 8;

/// What [`run`] found.
pub struct Asked {
    pub responses: Vec<(String, Response)>,
    /// Why the run stopped early, where the network seemed down.
    pub offline: Option<String>,
}

struct HostQueue {
    pending: VecDeque<String>,
    active: usize,
    /// In `State::ready`.
    queued: bool,
}

struct State {
    hosts: HashMap<String, HostQueue>,
    /// Hosts with a URL to ask and a free slot, in turn.
    ready: VecDeque<String>,
    remaining: usize,
    stop: bool,
    answered: bool,
    unreachable_hosts: Vec<String>,
    offline: Option<String>,
    responses: Vec<(String, Response)>,
}

/// The host a URL is asked at, as politeness counts it: its authority
/// (a port makes another server), lowercased.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    authority.to_ascii_lowercase()
}

/// What the workers share.
struct Shared {
    state: Mutex<State>,
    /// Workers wait on it for a host to be ready, the caller for the end.
    wake: Condvar,
}

/// Ask every URL of `urls` with `client`, `concurrency` at once and at
/// most `per_host` at one host; `done` is told of each as it ends.
///
/// Where the network is found down, this returns at once: requests in
/// flight are left to end on their own threads (a DNS lookup can take
/// the resolver's timeout, seconds, and their answers are not wanted).
pub fn run(
    urls: Vec<String>,
    client: Arc<Client>,
    concurrency: usize,
    per_host: usize,
    done: Arc<dyn Fn(&str) + Send + Sync>,
) -> Asked {
    let total = urls.len();
    let mut hosts: HashMap<String, HostQueue> = HashMap::new();
    let mut ready = VecDeque::new();
    for url in urls {
        let host = host_of(&url);
        let queue = hosts.entry(host.clone()).or_insert_with(|| HostQueue {
            pending: VecDeque::new(),
            active: 0,
            queued: false,
        });
        if !queue.queued {
            queue.queued = true;
            ready.push_back(host);
        }
        queue.pending.push_back(url);
    }
    let state = Mutex::new(State {
        hosts,
        ready,
        remaining: total,
        stop: false,
        answered: false,
        unreachable_hosts: Vec::new(),
        offline: None,
        responses: Vec::with_capacity(total),
    });
    let shared = Arc::new(Shared {
        state,
        wake: Condvar::new(),
    });
    let threads = concurrency.min(total);
    for _ in 0..threads {
        let (shared, client, done) = (shared.clone(), client.clone(), done.clone());
        thread::spawn(move || worker(&shared, &client, per_host, &*done));
    }
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    while !(state.stop || state.remaining == 0) {
        state = shared.wake.wait(state).unwrap_or_else(|e| e.into_inner());
    }
    let mut responses = std::mem::take(&mut state.responses);
    let offline = state.offline.take();
    drop(state);
    if offline.is_some() {
        // Failures to reach anything say nothing about the links.
        responses.retain(|(_, r)| !r.chain.is_empty());
    }
    Asked { responses, offline }
}

fn worker(shared: &Shared, client: &Client, per_host: usize, done: &(dyn Fn(&str) + Sync)) {
    let wake = &shared.wake;
    let lock = || shared.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let (host, url) = {
            let mut s = lock();
            loop {
                if s.stop || s.remaining == 0 {
                    wake.notify_all();
                    return;
                }
                if let Some(host) = s.ready.pop_front() {
                    let queue = s.hosts.get_mut(&host).expect("a ready host is known");
                    let url = queue.pending.pop_front().expect("a ready host has a URL");
                    queue.active += 1;
                    let more = !queue.pending.is_empty() && queue.active < per_host;
                    queue.queued = more;
                    if more {
                        s.ready.push_back(host.clone());
                    }
                    break (host, url);
                }
                s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
            }
        };
        let response = client.check(&url);
        done(&url);
        let mut s = lock();
        if s.stop {
            return;
        }
        s.remaining -= 1;
        let queue = s.hosts.get_mut(&host).expect("known");
        queue.active -= 1;
        if !queue.pending.is_empty() && !queue.queued {
            queue.queued = true;
            s.ready.push_back(host.clone());
        }
        if !response.chain.is_empty() {
            s.answered = true;
        } else if !s.answered
            && matches!(response.failure, Some(Failure::Dns | Failure::Connect))
            && !s.unreachable_hosts.contains(&host)
        {
            s.unreachable_hosts.push(host);
            if s.unreachable_hosts.len() >= OFFLINE_AFTER {
                s.stop = true;
                s.offline = Some(format!(
                    "the first {OFFLINE_AFTER} hosts asked did not {}",
                    match response.failure {
                        Some(Failure::Dns) => "resolve",
                        _ => "accept a connection",
                    }
                ));
            }
        }
        s.responses.push((url, response));
        wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_authorities() {
        assert_eq!(host_of("https://A.test:8080/x?y"), "a.test:8080");
        assert_eq!(host_of("http://user@b.test"), "b.test");
    }
}
