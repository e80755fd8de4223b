//! The parts of a URL: scheme, host, path, query and fragment, as byte
//! ranges into the URL string. Nothing is decoded or validated here: rules
//! split the URL as comrak resolved it (`Link::href`, character references
//! and backslash escapes decoded), and edit the URL where it is written only
//! where the two are the same and stay so ([`is_plain`], via
//! `Link::editable_url`).

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts<'a> {
    pub text: &'a str,
    /// `https`, without `://`.
    pub scheme: Range<usize>,
    /// `www.example.com`, without user info or port.
    pub host: Range<usize>,
    /// From the first `/` after the host (possibly empty) to `?`, `#` or the end.
    pub path: Range<usize>,
    /// Between `?` and `#` or the end, without the `?`.
    pub query: Option<Range<usize>>,
    /// After `#`, without it.
    pub fragment: Option<Range<usize>>,
}

impl<'a> UrlParts<'a> {
    /// Split an absolute URL (`scheme://host…`); `None` for anything else
    /// (relative links, `mailto:`, fragments).
    pub fn parse(text: &'a str) -> Option<Self> {
        // By hand over bytes: called for most links of a file by several
        // rules, and `str::find` with a pattern costs more than the scan.
        let bytes = text.as_bytes();
        let scheme_end = scheme_end(bytes)?;
        let authority_start = scheme_end + 3;
        // The authority is short: read it byte by byte, noting the last
        // `@` (user info ends there).
        let mut authority_end = authority_start;
        let mut last_at = None;
        while let Some(&b) = bytes.get(authority_end) {
            match b {
                b'/' | b'?' | b'#' => break,
                b'@' => last_at = Some(authority_end),
                _ => {}
            }
            authority_end += 1;
        }
        let host_start = last_at.map_or(authority_start, |i| i + 1);
        let host_end = bytes[host_start..authority_end]
            .iter()
            .position(|&b| b == b':')
            .map_or(authority_end, |i| host_start + i);
        // The path may be long: memchr finds where it ends.
        let (query_at, fragment_at) =
            match memchr::memchr2(b'?', b'#', &bytes[authority_end..]).map(|i| authority_end + i) {
                Some(q) if bytes[q] == b'?' => {
                    (Some(q), memchr::memchr(b'#', &bytes[q..]).map(|i| q + i))
                }
                other => (None, other),
            };
        let before_fragment = fragment_at.unwrap_or(text.len());
        Some(UrlParts {
            text,
            scheme: 0..scheme_end,
            host: host_start..host_end,
            path: authority_end..query_at.unwrap_or(before_fragment),
            query: query_at.map(|q| q + 1..before_fragment),
            fragment: fragment_at.map(|f| f + 1..text.len()),
        })
    }

    pub fn scheme(&self) -> &'a str {
        &self.text[self.scheme.clone()]
    }

    pub fn host(&self) -> &'a str {
        &self.text[self.host.clone()]
    }

    pub fn path(&self) -> &'a str {
        &self.text[self.path.clone()]
    }

    pub fn query(&self) -> Option<&'a str> {
        self.query.clone().map(|q| &self.text[q])
    }

    pub fn fragment(&self) -> Option<&'a str> {
        self.fragment.clone().map(|f| &self.text[f])
    }

    /// Whether the authority names a port (`host:8080`; an empty one,
    /// `host:`, counts too).
    pub fn has_port(&self) -> bool {
        self.host.end < self.path.start
    }

    /// Each `name=value` (or bare `name`) of the query with its range in the
    /// URL, empty pieces (`a=1&&b=2`) skipped.
    pub fn parameters(&self) -> Vec<Parameter<'a>> {
        self.parameters_iter().collect()
    }

    /// [`UrlParts::parameters`] one at a time, with nothing collected.
    pub fn parameters_iter(&self) -> impl Iterator<Item = Parameter<'a>> + 'a {
        let text = self.text;
        let query = self.query.clone().unwrap_or(0..0);
        let mut start = query.start;
        text[query].split('&').filter_map(move |piece| {
            let range = start..start + piece.len();
            start = range.end + 1;
            let (name, value) = match piece.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (piece, None),
            };
            (!piece.is_empty()).then_some(Parameter { name, value, range })
        })
    }
}

/// Whether `text` is an absolute URL (`scheme://…`): what
/// [`UrlParts::parse`] splits, told without splitting it.
pub fn is_absolute(text: &str) -> bool {
    scheme_end(text.as_bytes()).is_some()
}

/// Where the scheme of `scheme://…` ends; `None` if there is none.
fn scheme_end(bytes: &[u8]) -> Option<usize> {
    // Nearly every URL is `https://` or `http://`: no scan for those.
    if bytes.starts_with(b"https://") {
        return Some(5);
    }
    if bytes.starts_with(b"http://") {
        return Some(4);
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (end > 0 && bytes[end..].starts_with(b"://")).then_some(end)
}

/// One query parameter as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter<'a> {
    pub name: &'a str,
    /// What follows the first `=`; `None` for a bare `name`.
    pub value: Option<&'a str>,
    /// `name=value` in the URL, without the `&` around it.
    pub range: Range<usize>,
}

/// Whether `host` is `domain` or one of its subdomains, ignoring ASCII case
/// (`en.wikipedia.org` is in `wikipedia.org`; `notgithub.com` is not in
/// `github.com`).
pub fn host_in_domain(host: &str, domain: &str) -> bool {
    let (host, domain) = (host.as_bytes(), domain.as_bytes());
    if host.len() < domain.len() || domain.is_empty() {
        return false;
    }
    let cut = host.len() - domain.len();
    host[cut..].eq_ignore_ascii_case(domain) && (cut == 0 || host[cut - 1] == b'.')
}

/// Whether `url`, written as a link destination (bare or in `<…>`), is read
/// back byte for byte as itself, and so is any URL made by removing some of
/// its parts or adding plain ones: no backslash (an escape, or one in the
/// making), no `&` that may start a character reference (`&amp;`, `&#38;`),
/// no blank or control character, no `<` or `>`, and parentheses that pair
/// up. A URL written otherwise resolves to other bytes than those written,
/// and an edit made on what it resolves to cuts the reference or escape
/// apart: removing `feature=share&` from `?feature=share&amp;v=ID` left
/// `?amp;v=ID`, the video id gone (issue 26).
pub fn is_plain(url: &str) -> bool {
    let bytes = url.as_bytes();
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\\' | b'<' | b'>' => return false,
            b'&' if starts_reference(&bytes[i + 1..]) => return false,
            b'(' => depth += 1,
            b')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            b if b.is_ascii_whitespace() || b.is_ascii_control() => return false,
            _ => {}
        }
    }
    depth == 0
}

/// Whether what follows an `&` may make it a character reference: a name
/// or number (`amp`, `#38`, `#x26`) and a `;`. Any run of letters, digits
/// and `#` counts, known entity or not: a false alarm only withholds a fix.
fn starts_reference(after: &[u8]) -> bool {
    let run = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    run > 0 && after.get(run) == Some(&b';')
}

/// The URL with the parameters at `drop` (indexes into `parameters()`)
/// removed, the other parameters and the fragment kept as written, and the
/// `?` gone when no parameter is left.
pub fn without_parameters(parts: &UrlParts, drop: &[usize]) -> String {
    let text = parts.text;
    let Some(query) = parts.query.clone() else {
        return text.to_owned();
    };
    let kept: Vec<&str> = parts
        .parameters()
        .iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, p)| &text[p.range.clone()])
        .collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..query.start - 1]);
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(&text[query.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_full_url() {
        let url = UrlParts::parse("https://user@www.Example.com:8080/a/b?x=1&y#top").unwrap();
        assert_eq!(url.scheme(), "https");
        assert_eq!(url.host(), "www.Example.com");
        assert_eq!(url.path(), "/a/b");
        assert_eq!(url.query(), Some("x=1&y"));
        assert_eq!(url.fragment(), Some("top"));
        let names: Vec<_> = url.parameters().iter().map(|p| p.name).collect();
        assert_eq!(names, ["x", "y"]);
    }

    #[test]
    fn parts_without_path_query_or_fragment() {
        let url = UrlParts::parse("http://github.com").unwrap();
        assert_eq!((url.host(), url.path()), ("github.com", ""));
        assert_eq!((url.query(), url.fragment()), (None, None));
        let url = UrlParts::parse("https://a.org#x?y").unwrap();
        assert_eq!(
            (url.path(), url.query(), url.fragment()),
            ("", None, Some("x?y"))
        );
        assert!(UrlParts::parse("/relative/path").is_none());
        assert!(UrlParts::parse("mailto:a@b.org").is_none());
    }

    #[test]
    fn schemes_in_any_case_and_of_any_name() {
        // `https://` and `http://` are read without a scan; the rest with one.
        for (url, scheme) in [
            ("https://a.org/x", "https"),
            ("http://a.org/x", "http"),
            ("HTTPS://a.org/x", "HTTPS"),
            ("Http://a.org/x", "Http"),
            ("git+ssh://a.org/x", "git+ssh"),
        ] {
            let parts = UrlParts::parse(url).unwrap();
            assert_eq!(
                (parts.scheme(), parts.host(), parts.path()),
                (scheme, "a.org", "/x")
            );
        }
        assert!(UrlParts::parse("https:/a.org").is_none());
        assert!(UrlParts::parse("://a.org").is_none());
    }

    #[test]
    fn domains_match_whole_labels() {
        assert!(host_in_domain("en.wikipedia.org", "wikipedia.org"));
        assert!(host_in_domain("GitHub.com", "github.com"));
        assert!(!host_in_domain("notgithub.com", "github.com"));
        assert!(!host_in_domain("github.com.evil.org", "github.com"));
    }

    #[test]
    fn ports_are_told() {
        for (url, port) in [
            ("http://github.com:8080/x", true),
            ("http://u:p@github.com:/x", true),
            ("http://u:p@github.com/x", false),
            ("http://github.com?a=b:c", false),
        ] {
            assert_eq!(UrlParts::parse(url).unwrap().has_port(), port, "{url}");
        }
    }

    #[test]
    fn plain_urls_read_as_written() {
        for url in [
            "https://a.org/p?x=1&y=2#f",
            "https://en.wikipedia.org/wiki/Rust_(language)",
            "https://a.org/?q=a&b",
            "https://a.org/?q=&amp",
            "https://github.com/search?utf8=✓&q=nix",
        ] {
            assert!(is_plain(url), "{url}");
        }
        for url in [
            "https://a.org/p?x=1&amp;y=2",
            "https://a.org/p?x=1&#38;y=2",
            "https://a.org/p?x=1&#x26;y=2",
            r"https://a.org/p?x=1\&y=2",
            r"https://a.org/a\b",
            "https://a.org/a b",
            "https://a.org/a\tb",
            "https://a.org/<b>",
            "https://a.org/x_(y",
            "https://a.org/x)y(",
        ] {
            assert!(!is_plain(url), "{url}");
        }
    }

    #[test]
    fn parameters_have_values() {
        let url = UrlParts::parse("https://a.org/?ref=feature/x=y&flag&e=").unwrap();
        let values: Vec<_> = url.parameters().iter().map(|p| p.value).collect();
        assert_eq!(values, [Some("feature/x=y"), None, Some("")]);
    }

    #[test]
    fn parameters_are_removed_keeping_the_rest() {
        let url = UrlParts::parse("https://a.org/p?utm_source=x&id=3&&utm_medium=y#frag").unwrap();
        assert_eq!(
            without_parameters(&url, &[0, 2]),
            "https://a.org/p?id=3#frag"
        );
        assert_eq!(without_parameters(&url, &[0, 1, 2]), "https://a.org/p#frag");
    }
}
