//! The normal form two URLs are compared in, by `duplicate-url`,
//! `duplicate-title` and `--cross-file`.

use super::parts::UrlParts;
use super::tracking::DEFAULT;

/// The form two URLs are compared in: no `http`/`https` scheme, host in
/// lowercase without `www.`, no trailing `/`, no tracking parameters (the
/// defaults of `url-tracking`), no `#readme` and no empty fragment. What is
/// not an absolute URL (`../page.md`, `mailto:`) is only trimmed.
pub fn normalize_url(url: &str) -> String {
    let mut out = String::new();
    normalized(url, &mut out).to_owned()
}

/// [`normalize_url`] without a copy where none is needed: most URLs
/// (`https://host/path`, the host in lowercase, no port, query or
/// fragment) are normalised by cutting off their ends, and come back as a
/// slice of `url`. Others are built in `buf`, which can be reused for every
/// link item of a file.
pub fn normalized<'u>(url: &'u str, buf: &'u mut String) -> &'u str {
    let url = trim(url);
    let Some(parts) = UrlParts::parse(url) else {
        return url;
    };
    let scheme = parts.scheme();
    let is_web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = parts.host();
    let host_start = match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => parts.host.start + 4,
        _ => parts.host.start,
    };
    let path = parts.path().trim_end_matches('/');
    if is_web
        && parts.query.is_none()
        && parts.fragment.is_none()
        && parts.host.end == parts.path.start
        && !host.bytes().any(|b| b.is_ascii_uppercase())
    {
        return &url[host_start..parts.path.start + path.len()];
    }
    buf.clear();
    if !is_web {
        push_ascii_lowercase(buf, scheme);
        buf.push_str("://");
    }
    push_ascii_lowercase(buf, &url[host_start..parts.host.end]);
    buf.push_str(path);
    if parts.query.is_some() {
        let tracking = &*DEFAULT;
        let kept = parts
            .parameters_iter()
            .filter(|p| !tracking.is_tracking(&parts, p));
        for (i, parameter) in kept.enumerate() {
            buf.push(if i == 0 { '?' } else { '&' });
            buf.push_str(&url[parameter.range]);
        }
    }
    if let Some(fragment) = parts.fragment()
        && !fragment.is_empty()
        && !fragment.eq_ignore_ascii_case("readme")
    {
        buf.push('#');
        buf.push_str(fragment);
    }
    buf
}

/// `url` without whitespace around it; looked at only where it starts or
/// ends with a byte that may be whitespace (it almost never does).
fn trim(url: &str) -> &str {
    let may_be_space = |b: Option<&u8>| b.is_some_and(|&b| b <= b' ' || b >= 0x80);
    let bytes = url.as_bytes();
    if may_be_space(bytes.first()) || may_be_space(bytes.last()) {
        url.trim()
    } else {
        url
    }
}

fn push_ascii_lowercase(out: &mut String, text: &str) {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(text);
    }
}

/// Whether a link's URL is worth comparing: not empty, not only `#…`.
pub fn is_comparable(href: &str) -> bool {
    let href = trim(href);
    !href.is_empty() && !href.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_ignores_what_does_not_change_the_page() {
        let same = [
            "https://github.com/BurntSushi/ripgrep",
            "http://github.com/BurntSushi/ripgrep/",
            "https://www.GitHub.com/BurntSushi/ripgrep#readme",
            "https://github.com/BurntSushi/ripgrep?utm_source=list",
            " https://github.com/BurntSushi/ripgrep# ",
        ];
        for url in same {
            assert_eq!(normalize_url(url), "github.com/BurntSushi/ripgrep", "{url}");
        }
    }

    #[test]
    fn normalizing_keeps_what_does_change_the_page() {
        assert_eq!(normalize_url("https://a.org/p?id=2#s"), "a.org/p?id=2#s");
        assert_ne!(
            normalize_url("https://a.org/A"),
            normalize_url("https://a.org/a")
        );
        assert_eq!(normalize_url("ftp://Files.org/x/"), "ftp://files.org/x");
        assert_eq!(normalize_url("../rust.md"), "../rust.md");
    }
}
