//! `--online` against a scripted HTTP server the test starts on
//! 127.0.0.1 (no test touches the internet): the findings of `dead-link`
//! and `moved-link`, `fix --online`'s rewrites, one request per URL per
//! run and none from a warm cache, the per-host limit as the server sees
//! it, retries that wait, and a run where nothing can be reached.

use crate::support::{Project, mdlinks_cached};
use serde_json::Value;
use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// `(method, path)` → when each request came.
    requests: Mutex<HashMap<(String, String), Vec<Instant>>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Seen {
    fn times(&self, method: &str, path: &str) -> Vec<Instant> {
        let requests = self.requests.lock().unwrap();
        requests
            .get(&(method.to_owned(), path.to_owned()))
            .cloned()
            .unwrap_or_default()
    }

    fn count(&self, method: &str, path: &str) -> usize {
        self.times(method, path).len()
    }

    fn total(&self) -> usize {
        self.requests.lock().unwrap().values().map(Vec::len).sum()
    }
}

/// An answer: status, headers, and how long to take.
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    delay: Duration,
}

fn status(status: u16) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        delay: Duration::ZERO,
    }
}

fn redirect(code: u16, to: &str) -> Answer {
    Answer {
        headers: vec![("Location", to.to_owned())],
        ..status(code)
    }
}

/// A server on 127.0.0.1 answering with `script(method, path, nth request
/// of that method and path)`; it runs until the test ends.
fn serve(
    script: impl Fn(&str, &str, usize) -> Answer + Send + Sync + 'static,
) -> (String, Arc<Seen>) {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let seen = Arc::new(Seen::default());
    let script = Arc::new(script);
    for _ in 0..24 {
        let (server, seen, script) = (server.clone(), seen.clone(), script.clone());
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                seen.max_in_flight.fetch_max(now, Ordering::SeqCst);
                let method = request.method().as_str().to_owned();
                let path = request.url().to_owned();
                let nth = {
                    let mut requests = seen.requests.lock().unwrap();
                    let times = requests.entry((method.clone(), path.clone())).or_default();
                    times.push(Instant::now());
                    times.len()
                };
                let answer = script(&method, &path, nth);
                thread::sleep(answer.delay);
                let mut response = tiny_http::Response::empty(answer.status);
                for (name, value) in answer.headers {
                    response.add_header(tiny_http::Header::from_bytes(name, value).unwrap());
                }
                seen.in_flight.fetch_sub(1, Ordering::SeqCst);
                let _ = request.respond(response);
            }
        });
    }
    (base, seen)
}

/// A port on 127.0.0.1 nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Settings that keep the tests quick: short timeouts and waits.
const FAST: &str = "[online]\n\
    timeout = 0.5\n\
    retries = 1\n\
    retry-wait = 0.2\n\
    max-retry-after = 0.4\n";

fn the_script(method: &str, path: &str, nth: usize) -> Answer {
    match path {
        "/" | "/ok" | "/moved/" | "/chain-end" | "/temp-target" => status(200),
        "/moved" => redirect(308, "/moved/"),
        "/chain" => redirect(301, "/chain-2"),
        "/chain-2" => redirect(301, "/chain-end"),
        "/temp" => redirect(302, "/temp-target"),
        "/gone" => status(404),
        "/removed" => status(410),
        "/busy" => Answer {
            headers: vec![("Retry-After", "10".into())],
            ..status(429)
        },
        "/flaky" if nth == 1 => status(500),
        "/flaky" => status(200),
        "/slow" => Answer {
            delay: Duration::from_millis(1500),
            ..status(200)
        },
        "/no-head" if method == "HEAD" => status(405),
        "/no-head" => status(200),
        "/loop-a" => redirect(301, "/loop-b"),
        "/loop-b" => redirect(301, "/loop-a"),
        "/deep/page" => redirect(301, "/"),
        _ => status(404),
    }
}

fn items(base: &str, closed: u16) -> String {
    let paths = [
        "ok",
        "moved",
        "chain",
        "temp",
        "gone",
        "removed",
        "busy",
        "flaky",
        "slow",
        "no-head",
        "loop-a",
        "deep/page",
    ];
    let mut text = String::from("# Links\n\n");
    for path in paths {
        text.push_str(&format!("- [{path}]({base}/{path}) - The {path} page.\n"));
    }
    text.push_str(&format!(
        "- [Closed](http://127.0.0.1:{closed}/x) - Nothing listens.\n"
    ));
    text
}

fn findings(stdout: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The finding on the link to `path`.
fn on<'f>(findings: &'f [Value], path: &str) -> Option<&'f Value> {
    findings.iter().find(|f| {
        f["message"]
            .as_str()
            .unwrap()
            .contains(&format!("/{path}`"))
    })
}

#[test]
fn check_online_reports_dead_and_moved_links_asking_each_url_once() {
    let (base, seen) = serve(the_script);
    let closed = closed_port();
    // The same URLs in two files: asked once all the same.
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!("select = [\"dead-link\", \"moved-link\"]\n{FAST}"),
        )
        .file("a.md", items(&base, closed))
        .file("b.md", items(&base, closed));
    let out = p.run(&[
        "check",
        "--online",
        "--output-format",
        "json",
        "a.md",
        "b.md",
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let all = findings(&out.stdout);
    let found: Vec<Value> = all
        .iter()
        .filter(|f| f["file"] == "a.md")
        .cloned()
        .collect();
    let rule_and_severity = |path: &str| {
        on(&found, path).map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
    };
    let pair = |rule: &str, severity: &str| Some((rule.to_owned(), severity.to_owned()));
    assert_eq!(rule_and_severity("ok"), None);
    assert_eq!(rule_and_severity("temp"), None, "302 is no move");
    assert_eq!(rule_and_severity("flaky"), None, "500 then 200 works");
    assert_eq!(
        rule_and_severity("no-head"),
        None,
        "GET after a 405 to HEAD"
    );
    assert_eq!(rule_and_severity("moved"), pair("moved-link", "error"));
    assert_eq!(rule_and_severity("chain"), pair("moved-link", "error"));
    assert_eq!(rule_and_severity("gone"), pair("dead-link", "error"));
    assert_eq!(rule_and_severity("removed"), pair("dead-link", "error"));
    assert_eq!(rule_and_severity("busy"), pair("dead-link", "warning"));
    assert_eq!(rule_and_severity("slow"), pair("dead-link", "warning"));
    assert_eq!(rule_and_severity("loop-a"), pair("dead-link", "warning"));
    assert_eq!(
        rule_and_severity("deep/page"),
        pair("moved-link", "warning")
    );
    assert!(
        found.iter().any(|f| f["message"]
            .as_str()
            .unwrap()
            .contains(&format!(":{closed}/x"))
            && f["severity"] == "warning"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 9, "{found:#?}");
    assert_eq!(all.len(), 18, "the same in b.md");

    // The status and the redirect chain travel with the finding.
    let chain = &on(&found, "chain").unwrap()["details"];
    assert_eq!(chain["status"], 200);
    let hops: Vec<u64> = chain["redirects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_u64().unwrap())
        .collect();
    assert_eq!(hops, [301, 301, 200]);
    assert_eq!(on(&found, "gone").unwrap()["details"]["status"], 404);
    let chain_fix = &on(&found, "chain").unwrap()["fix"];
    assert_eq!(chain_fix["applicability"], "unsafe", "another path");
    assert_eq!(on(&found, "moved").unwrap()["fix"]["applicability"], "safe");
    assert!(
        on(&found, "deep/page").unwrap()["fix"].is_null(),
        "never to a root"
    );

    // Each URL once per run, whatever the number of links to it; a HEAD
    // rejected is asked again with GET; retries only where they help.
    for path in [
        "/ok", "/moved", "/chain", "/gone", "/removed", "/temp", "/loop-a",
    ] {
        assert_eq!(seen.count("HEAD", path), 1, "{path}");
    }
    assert_eq!(seen.count("HEAD", "/no-head"), 1);
    assert_eq!(seen.count("GET", "/no-head"), 1);
    assert_eq!(seen.count("HEAD", "/flaky"), 2, "500 is retried");
    assert_eq!(seen.count("HEAD", "/busy"), 2, "429 is retried once");
    assert_eq!(seen.count("HEAD", "/slow"), 2, "a timeout is retried once");
    assert_eq!(seen.count("HEAD", "/loop-b"), 1);

    // Retries wait: retry-wait before retrying the 500; Retry-After (10 s)
    // honoured up to max-retry-after (0.4 s).
    let gap = |path: &str| {
        let times = seen.times("HEAD", path);
        times[1].duration_since(times[0])
    };
    assert!(
        gap("/flaky") >= Duration::from_millis(200),
        "{:?}",
        gap("/flaky")
    );
    let busy = gap("/busy");
    assert!(
        busy >= Duration::from_millis(400) && busy < Duration::from_secs(5),
        "{busy:?}"
    );

    // No progress bar where standard error is no terminal; the summary.
    assert!(!out.stderr.contains("checking links"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("online: 13 URLs checked (0 from the cache), 4 dead, 4 moved, 10 warnings"),
        "{}",
        out.stderr
    );
}

#[test]
fn fix_online_rewrites_moved_links() {
    let (base, _) = serve(the_script);
    let text = format!(
        "# Links\n\n\
         - [Moved]({base}/moved#usage) - Gained a slash.\n\
         - [Chain]({base}/chain) - Moved twice.\n\
         - [Temp]({base}/temp) - Moved for now.\n\
         - [Deep]({base}/deep/page) - Went to the home page.\n"
    );
    let p = Project::new()
        .file("mdlinks.toml", format!("select = [\"moved-link\"]\n{FAST}"))
        .file("list.md", &text);
    // Safe fixes only: the slash; the chain's new path is unsafe.
    let out = p.run(&["fix", "--online", "list.md"]);
    assert_eq!(out.code, Some(1), "{}{}", out.stdout, out.stderr);
    let fixed = p.read("list.md");
    assert!(fixed.contains(&format!("({base}/moved/#usage)")), "{fixed}");
    assert!(fixed.contains(&format!("({base}/chain)")), "{fixed}");
    let out = p.run(&["fix", "--online", "--unsafe-fixes", "list.md"]);
    assert_eq!(
        out.code,
        Some(0),
        "the root redirect is a warning: {}",
        out.stdout
    );
    let fixed = p.read("list.md");
    assert_eq!(
        fixed,
        text.replace("/moved#usage", "/moved/#usage")
            .replace("/chain)", "/chain-end)")
    );
}

#[test]
fn a_second_run_asks_nothing_the_cache_knows() {
    let (base, seen) = serve(the_script);
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!("select = [\"dead-link\", \"moved-link\"]\n{FAST}"),
        )
        .file(
            "list.md",
            format!(
                "- [Ok]({base}/ok) - Fine.\n- [Gone]({base}/gone) - Dead.\n\
                 - [Moved]({base}/moved) - Moved.\n- [Busy]({base}/busy) - Busy.\n"
            ),
        );
    let cache = p.path().join("cache");
    let run = || {
        let out = mdlinks_cached(&cache)
            .current_dir(p.path())
            .args(["check", "--online", "--output-format", "concise"])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, first) = run();
    assert_eq!(code, Some(1));
    let asked = seen.total();
    assert!(cache.join("online.json").is_file());
    let (code, second) = run();
    assert_eq!(code, Some(1));
    assert_eq!(first, second, "the same findings from the cache");
    // The 429 is transient: asked again (with its retry); the rest not.
    assert_eq!(seen.total() - asked, 2);
    assert_eq!(seen.count("HEAD", "/ok"), 1);
    assert_eq!(seen.count("HEAD", "/gone"), 1);
    assert_eq!(seen.count("HEAD", "/moved/"), 1);
    // --no-cache asks again.
    let out = mdlinks_cached(&cache)
        .current_dir(p.path())
        .args(["check", "--online", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(seen.count("HEAD", "/ok"), 2);

    // Results not authenticated with this machine's key (a file a cloned
    // repository could ship, saying a repository moved to another owner)
    // are not used: asked again.
    let file = cache.join("online.json");
    let sealed = std::fs::read_to_string(&file).unwrap();
    let body = sealed.lines().nth(1).unwrap();
    std::fs::write(
        &file,
        format!("mdlinks-cache 1\n{body}\n{}\n", "0".repeat(64)),
    )
    .unwrap();
    let (code, third) = run();
    assert_eq!(code, Some(1));
    assert_eq!(third, first);
    assert_eq!(seen.count("HEAD", "/ok"), 3);
}

#[test]
fn no_more_than_per_host_requests_at_once_at_one_host() {
    let (base, seen) = serve(|_, _, _| Answer {
        delay: Duration::from_millis(60),
        ..status(200)
    });
    let list: String = (0..40)
        .map(|i| format!("- [Page {i}]({base}/page/{i}) - Page {i}.\n"))
        .collect();
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!("select = [\"dead-link\"]\n{FAST}per-host = 3\nconcurrency = 32\n"),
        )
        .file("list.md", list);
    let out = p.run(&["check", "--online"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert_eq!(seen.total(), 40);
    let max = seen.max_in_flight.load(Ordering::SeqCst);
    assert!(
        (2..=3).contains(&max),
        "at most 3 at once, and more than 1: {max}"
    );
}

#[test]
fn with_nothing_reachable_one_line_says_so_and_offline_rules_still_run() {
    // Ten hosts (ports) nothing listens on: the network is "down".
    let list: String = (0..10)
        .map(|i| {
            format!(
                "- [Page {i}](http://127.0.0.1:{}/x{i}) - Page {i}.\n",
                closed_port()
            )
        })
        .collect();
    // An offline finding too: the first URL twice.
    let first = list.lines().next().unwrap().replace("Page 0", "Again");
    let p = Project::new()
        .file("mdlinks.toml", FAST)
        .file("list.md", format!("{list}{first}\n"));
    let out = p.run(&["check", "--online", "--output-format", "concise"]);
    assert_eq!(out.code, Some(1), "the offline finding: {}", out.stderr);
    let notes: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("network seems unreachable"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", out.stderr);
    assert!(!out.stdout.contains("dead-link"), "{}", out.stdout);
    assert!(out.stdout.contains("duplicate-url"), "{}", out.stdout);
    // Only the findings decide the exit code, unless asked otherwise.
    p.write("list.md", list);
    let out = p.run(&["check", "--online"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let out = p.run(&["check", "--online-strict"]);
    assert_eq!(out.code, Some(2), "{}{}", out.stdout, out.stderr);
}

#[test]
fn excluded_domains_are_not_asked() {
    let (base, seen) = serve(the_script);
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!("select = [\"dead-link\"]\n{FAST}exclude = [\"127.0.0.1\"]\n"),
        )
        .file("list.md", format!("- [Gone]({base}/gone) - Dead.\n"));
    let out = p.run(&["check", "--online"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(seen.total(), 0);
}

#[test]
fn sarif_carries_the_status_and_the_chain() {
    let (base, _) = serve(the_script);
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!("select = [\"dead-link\", \"moved-link\"]\n{FAST}"),
        )
        .file("list.md", format!("- [Chain]({base}/chain) - Moved.\n"));
    let out = p.run(&["check", "--online", "--output-format", "sarif"]);
    let log: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(crate::formats::sarif_validator().is_valid(&log));
    let properties = &log["runs"][0]["results"][0]["properties"];
    assert_eq!(properties["status"], 200);
    assert_eq!(properties["redirects"].as_array().unwrap().len(), 3);
}

#[test]
fn online_true_in_the_configuration_is_as_the_flag() {
    let (base, seen) = serve(the_script);
    let p = Project::new()
        .file("mdlinks.toml", "online = true\nselect = [\"dead-link\"]\n")
        .file("list.md", format!("- [Gone]({base}/gone) - Dead.\n"));
    let out = p.run(&["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert_eq!(seen.count("HEAD", "/gone"), 1);
    // `format`, run by editors on every save, never goes online.
    let out = p.run(&["format"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(seen.total(), 1);
}

#[test]
fn bad_online_settings_are_errors_naming_the_key() {
    let p = Project::new().file("list.md", "- [A](https://a.test/) - A.\n");
    for (config, named) in [
        ("[online]\ntimeout = -1\n", "timeout"),
        ("[online]\nper-hots = 2\n", "per-hots"),
        ("[online]\naccept = [\"2xx\"]\n", "accept"),
        ("online = 3\n", "online"),
    ] {
        p.write("mdlinks.toml", config);
        let out = p.run(&["check", "list.md"]);
        assert_eq!(out.code, Some(2), "{config}: {}", out.stderr);
        assert!(out.stderr.contains(named), "{config}: {}", out.stderr);
    }
}

#[test]
fn a_url_failing_in_fail_after_runs_in_a_row_is_reported_then() {
    let (base, _) = serve(|_, path, _| match path {
        "/down" => status(503),
        _ => status(200),
    });
    let p = Project::new()
        .file(
            "mdlinks.toml",
            format!(
                "select = [\"dead-link\"]\n\n[rules.dead-link]\nfail-after = 2\nerrors = [\"server-error\"]\n\n{}",
                FAST.replace("retries = 1", "retries = 0")
            ),
        )
        .file("list.md", format!("- [Down]({base}/down) - Down.\n"));
    let cache = p.path().join("cache");
    let run = |extra: &[&str]| {
        mdlinks_cached(&cache)
            .current_dir(p.path())
            .args(["check", "--online", "--quiet"])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0), "one failed run is not enough");
    assert!(first.stderr.is_empty(), "--quiet: no summary");
    let second = run(&[]);
    assert_eq!(second.status.code(), Some(1), "the second in a row");
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(stdout.contains("in 2 runs in a row"), "{stdout}");
    // Without the cache, nothing is remembered.
    assert_eq!(run(&["--no-cache"]).status.code(), Some(0));
}
