//! Which query parameters of a URL track the reader rather than select a
//! page (`utm_*`, `fbclid`, `si` on YouTube, …): data, with a built-in
//! default that `url-tracking`'s options replace. Used by that rule to
//! remove them and by the URL normal form to compare URLs without them.

use super::parts::{Parameter, UrlParts, host_in_domain};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrackingParameters {
    /// Parameters that track on every site; a final `*` matches a prefix.
    pub parameters: Vec<String>,
    /// Parameters that track only on a domain (and its subdomains).
    pub parameters_by_domain: BTreeMap<String, Vec<String>>,
    /// Parameters of `parameters` that mean something else on a domain and
    /// stay there (`ref` names a branch on code hosts).
    pub kept_by_domain: BTreeMap<String, Vec<String>>,
    /// Every name above, built once: most parameters (`id`, `q`, `page`)
    /// are none of them, and one look at the names of their length says so.
    #[serde(skip)]
    all_names: OnceLock<AllNames>,
}

const PARAMETERS: &[&str] = &[
    "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url",
];

const PARAMETERS_BY_DOMAIN: &[(&str, &[&str])] = &[
    ("youtube.com", &["si", "feature", "pp"]),
    ("youtu.be", &["si", "feature"]),
    ("spotify.com", &["si"]),
    ("twitter.com", &["s", "t"]),
    ("x.com", &["s", "t"]),
    ("instagram.com", &["igsh"]),
    ("linkedin.com", &["trk", "trackingId"]),
    ("medium.com", &["source"]),
];

/// Path segments of a code host's pages for one version of a repository
/// (GitLab's `/-/`, Gitea's and Forgejo's `/src/branch/`, archives, blobs,
/// trees, raw files, API contents): any host, self-hosted ones too.
const CODE_HOST_SEGMENTS: &[&str] = &[
    "/-/",
    "/src/",
    "/archive/",
    "/blob/",
    "/tree/",
    "/raw/",
    "/contents/",
    "/repository/",
];

/// Code hosts, where `ref` is a branch or tag in search and API URLs.
const REF_HOSTS: &[&str] = &[
    "github.com",
    "githubusercontent.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "sr.ht",
];

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|&n| n.to_owned()).collect()
}

impl Default for TrackingParameters {
    fn default() -> Self {
        TrackingParameters {
            parameters: owned(PARAMETERS),
            parameters_by_domain: PARAMETERS_BY_DOMAIN
                .iter()
                .map(|&(domain, names)| (domain.to_owned(), owned(names)))
                .collect(),
            kept_by_domain: REF_HOSTS
                .iter()
                .map(|&domain| (domain.to_owned(), owned(&["ref"])))
                .collect(),
            all_names: OnceLock::new(),
        }
    }
}

/// The default parameters, for comparing URLs without tracking.
pub static DEFAULT: LazyLock<TrackingParameters> = LazyLock::new(TrackingParameters::default);

impl TrackingParameters {
    /// Indexes (into `url.parameters()`) of the parameters that track.
    pub fn tracking_parameters(&self, url: &UrlParts) -> Vec<usize> {
        url.parameters()
            .iter()
            .enumerate()
            .filter(|(_, p)| self.is_tracking(url, p))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether `parameter` of `url` tracks: its name is listed for the
    /// host, and it is not a `ref` naming a branch or tag on a code host.
    pub fn is_tracking(&self, url: &UrlParts, parameter: &Parameter) -> bool {
        let name = parameter.name;
        if !self.may_track(name) {
            return false;
        }
        let host = url.host();
        // Self-hosted GitLab and Gitea are on no list of domains:
        // `…/-/archive/…?ref=main` is told by its path (issue 26).
        if name.eq_ignore_ascii_case("ref") && names_a_version(url, parameter.value) {
            return false;
        }
        let on_domain = |map: &BTreeMap<String, Vec<String>>| {
            map.iter()
                .any(|(domain, names)| host_in_domain(host, domain) && matches_any(names, name))
        };
        (matches_any(&self.parameters, name) && !on_domain(&self.kept_by_domain))
            || on_domain(&self.parameters_by_domain)
    }

    /// Whether `name` is one of the names of any list, or has a prefix of
    /// one (`utm_*`): if not, it tracks on no host.
    fn may_track(&self, name: &str) -> bool {
        let names = self.all_names.get_or_init(|| {
            let mut names = AllNames::default();
            let lists = self.parameters_by_domain.values();
            for pattern in std::iter::once(&self.parameters).chain(lists).flatten() {
                if pattern.ends_with('*') {
                    names.prefixes.push(pattern.clone());
                } else {
                    if names.by_len.len() <= pattern.len() {
                        names.by_len.resize(pattern.len() + 1, Vec::new());
                    }
                    names.by_len[pattern.len()].push(pattern.clone());
                }
            }
            names
        });
        names
            .by_len
            .get(name.len())
            .is_some_and(|same_length| matches_any(same_length, name))
            || matches_any(&names.prefixes, name)
    }
}

/// Whether a `ref` with `value` names a branch, tag or commit: its value
/// could (letters, digits, `.`, `_`, `-`, `+`, `/`, `%`, no `..`) and the
/// path is a code host's page of one version of a repository. `?ref=hn`
/// on a blog is a referrer; `?ref=main` on `/-/archive/` is the branch.
fn names_a_version(url: &UrlParts, value: Option<&str>) -> bool {
    let Some(value) = value else {
        return false;
    };
    let ref_like = value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-+/%".contains(&b))
        && !value.contains("..");
    let path = url.path();
    ref_like
        && CODE_HOST_SEGMENTS
            .iter()
            .any(|segment| path.contains(segment))
}

/// The names of every list of a [`UrlTracking`], for a quick first look.
#[derive(Debug, Clone, Default)]
struct AllNames {
    /// Names by their length.
    by_len: Vec<Vec<String>>,
    /// Prefix patterns (`utm_*`).
    prefixes: Vec<String>,
}

/// Whether `name` is one of `patterns` (ASCII case ignored; `utm_*` is a prefix).
fn matches_any(patterns: &[String], name: &str) -> bool {
    patterns
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => {
                name.len() > prefix.len()
                    && name.is_char_boundary(prefix.len())
                    && name[..prefix.len()].eq_ignore_ascii_case(prefix)
            }
            None => name.eq_ignore_ascii_case(pattern),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracked(url: &str) -> Vec<String> {
        let parts = UrlParts::parse(url).unwrap();
        let all = parts.parameters();
        DEFAULT
            .tracking_parameters(&parts)
            .iter()
            .map(|&i| all[i].name.to_owned())
            .collect()
    }

    #[test]
    fn parameters_track_by_name_and_by_domain() {
        assert_eq!(
            tracked("https://a.org/?utm_source=x&id=2&UTM_Medium=y"),
            ["utm_source", "UTM_Medium"]
        );
        assert_eq!(tracked("https://youtu.be/abc?si=XyZ&t=42"), ["si"]);
        assert_eq!(
            tracked("https://www.youtube.com/watch?v=abc&si=XyZ"),
            ["si"]
        );
        assert!(tracked("https://example.com/search?si=1").is_empty());
        assert_eq!(
            tracked("https://twitter.com/a/status/1?s=20&t=q"),
            ["s", "t"]
        );
    }

    #[test]
    fn ref_is_kept_on_code_hosts() {
        assert_eq!(tracked("https://tool.dev/?ref=producthunt"), ["ref"]);
        assert!(tracked("https://github.com/search?q=x&ref=searchresults").is_empty());
        assert!(tracked("https://gitlab.com/a/b/-/archive?ref=main").is_empty());
        assert!(tracked("https://a.org/?utm=1&referrer=x").is_empty());
    }

    #[test]
    fn ref_naming_a_version_is_kept_on_any_host_by_its_path() {
        for url in [
            "https://git.example.org/g/p/-/archive/main/p-main.zip?ref=main",
            "https://gitea.example.com/o/r/src/branch/main/a.md?ref=v1.2.0",
            "https://code.example.net/o/r/tree/x?ref=feature/x",
            "https://code.example.net/o/r/raw/x?REF=feature%2Fx",
        ] {
            assert!(tracked(url).is_empty(), "{url}");
        }
        for url in [
            "https://blog.example.org/archive?ref=producthunt",
            "https://tool.dev/blog/post?ref=hn",
            "https://code.example.net/o/r/tree/x?ref=../x",
            "https://code.example.net/o/r/tree/x?ref=-x",
            "https://code.example.net/o/r/tree/x?ref",
        ] {
            assert_eq!(tracked(url), ["ref"], "{url}");
        }
    }
}
