//! Hacker News discussion URLs: which URLs are HN's, the thread a
//! discussion URL opens, and its canonical form.

/// What follows the first `://` of `url`, if any (`str::split_once` with a
/// string pattern costs more than the rest of this rule).
fn after_scheme(url: &str) -> Option<(&str, &str)> {
    let bytes = url.as_bytes();
    let colon = memchr::memchr_iter(b':', bytes).find(|&i| bytes[i + 1..].starts_with(b"//"))?;
    Some((&url[..colon], &url[colon + 3..]))
}

/// The host part of what follows the scheme (or of the whole `url`).
fn host(url: &str) -> &str {
    let rest = after_scheme(url).map_or(url, |(_, rest)| rest);
    // By bytes: a search for any of several chars goes a char at a time.
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    &rest[..end]
}

pub fn is_hn_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("news.ycombinator.com")
        || host.eq_ignore_ascii_case("www.news.ycombinator.com")
}

pub fn is_hn_url(url: &str) -> bool {
    is_hn_host(host(url))
}

const CANONICAL_PREFIX: &str = "https://news.ycombinator.com/item?id=";

/// The thread id of a discussion URL, `http(s)://news.ycombinator.com/item?`
/// with an `id=N` parameter (the last, if several) before any fragment.
pub fn item_id(url: &str) -> Option<&str> {
    let (scheme, rest) = after_scheme(url)?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let host = host(url);
    if !is_hn_host(host) {
        return None;
    }
    let query = rest[host.len()..].strip_prefix("/item?")?;
    let query = query.split('#').next().unwrap_or("");
    query.split('&').rev().find_map(|parameter| {
        parameter
            .strip_prefix("id=")
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether `url` is a discussion URL with nothing in its query but the
/// thread's id, `http(s)://news.ycombinator.com/item?id=N`, maybe with a
/// `#comment`. Two such URLs of one id and comment open the same page,
/// whatever their scheme and the case of their host (HN sends `http://` to
/// `https://`). Any other parameter may select another page: `&p=2` is the
/// second page of comments, and of two `id`s HN may read the first.
pub fn is_thread_only(url: &str) -> bool {
    let (Some(id), Some((_, rest))) = (item_id(url), after_scheme(url)) else {
        return false;
    };
    let host = host(url);
    host.eq_ignore_ascii_case("news.ycombinator.com")
        && rest[host.len()..]
            .strip_prefix("/item?id=")
            .and_then(|r| r.strip_prefix(id))
            .is_some_and(|after| after.is_empty() || after.starts_with('#'))
}

/// The canonical form of a discussion URL, if it is one: its thread, and
/// the comment its fragment points to (`#34232696`), which is kept.
pub fn canonical_item_url(url: &str) -> Option<String> {
    let id = item_id(url)?;
    Some(match comment(url) {
        Some(comment) => format!("{CANONICAL_PREFIX}{id}#{comment}"),
        None => format!("{CANONICAL_PREFIX}{id}"),
    })
}

/// Whether `url` is `https://news.ycombinator.com/item?id={id}`, with
/// `#{comment}` if there is one.
pub fn is_canonical(url: &str, id: &str, comment: Option<&str>) -> bool {
    let Some(rest) = url
        .strip_prefix(CANONICAL_PREFIX)
        .and_then(|r| r.strip_prefix(id))
    else {
        return false;
    };
    match comment {
        Some(comment) => rest.strip_prefix('#') == Some(comment),
        None => rest.is_empty(),
    }
}

/// The fragment of a URL, if not empty: on Hacker News, the comment a link
/// to a thread points to. Dropped, it linked the whole thread instead.
pub fn comment(url: &str) -> Option<&str> {
    url.split_once('#')
        .map(|(_, fragment)| fragment)
        .filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_of_the_thread_alone_open_the_same_page() {
        for url in [
            "https://news.ycombinator.com/item?id=1",
            "http://News.YCombinator.com/item?id=1#2",
        ] {
            assert!(is_thread_only(url), "{url}");
        }
        for url in [
            "https://news.ycombinator.com/item?id=1&p=2",
            "https://news.ycombinator.com/item?p=2&id=1",
            "https://news.ycombinator.com/item?id=9&id=1",
            "https://www.news.ycombinator.com/item?id=1",
            "https://news.ycombinator.com/item?id=1x",
        ] {
            assert!(!is_thread_only(url), "{url}");
        }
    }

    #[test]
    fn discussion_urls_are_read_to_their_thread_id() {
        let canonical = "https://news.ycombinator.com/item?id=1";
        for url in [
            canonical,
            "http://news.ycombinator.com/item?id=1",
            "https://news.ycombinator.com/item?p=2&id=1",
            "https://news.ycombinator.com/item?id=9&id=1&x",
            "https://news.ycombinator.com/item?id=1#",
        ] {
            assert_eq!(canonical_item_url(url).as_deref(), Some(canonical), "{url}");
        }
        // A comment's anchor is kept: without it the link is the thread's.
        assert_eq!(
            canonical_item_url("HTTPS://www.News.YCombinator.com/item?id=1#2").as_deref(),
            Some("https://news.ycombinator.com/item?id=1#2")
        );
        for url in [
            "https://news.ycombinator.com/user?id=1",
            "https://news.ycombinator.com/item?id=1x",
            "https://news.ycombinator.com/item?xid=1",
            "https://news.ycombinator.com/item?x#id=1",
            "https://news.ycombinator.com:443/item?id=1",
            "ftp://news.ycombinator.com/item?id=1",
            "https://hn.algolia.com/item?id=1",
        ] {
            assert_eq!(canonical_item_url(url), None, "{url}");
        }
    }
}
