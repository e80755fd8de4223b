//! Whether a description starts with the item's own name: the first word
//! of its title, its site, its repository or package. Only the word itself
//! counts, not a longer name that contains it.

use super::words::{first_word, is_word_shaped};
use crate::item::LinkItem;
use crate::url::UrlParts;

/// Whether the first word of a description is the item's own name.
pub enum OwnName<'a> {
    /// The title starts with it, as written, or the URL names it: a name
    /// written in lowercase on purpose (`[jq](…) - jq is …`).
    Is,
    /// The title starts with it, with capitals: `[Caddy](…) - caddy is …`.
    SpeltAs(&'a str),
    Not,
}

/// Only the word itself counts, not a longer one that contains it:
/// `[fastcache](…) - fast cache` and `[go-flags](…) - go command line
/// option parser` start with words, not with the names.
pub fn own_name<'a>(item: &LinkItem<'a, '_>, word: &str, name: &str) -> OwnName<'a> {
    let title = first_word(item.link.text.text.trim_start());
    if title == word || title == name {
        return OwnName::Is;
    }
    if title.eq_ignore_ascii_case(name) && is_word_shaped(title) {
        return OwnName::SpeltAs(title);
    }
    if url_names(&item.link.href, word) || url_names(&item.link.href, name) {
        return OwnName::Is;
    }
    OwnName::Not
}

/// Whether the URL names the word: its site (`deno.land`), its
/// repository or package (`github.com/jqlang/jq`, `crates.io/crates/nom`)
/// or its last path segment. Other segments (`docs`, `blog`) name nothing.
fn url_names(url: &str, word: &str) -> bool {
    let Some(parts) = UrlParts::parse(url) else {
        return false;
    };
    let mut labels = parts.host().rsplit('.');
    let site = labels.nth(1).unwrap_or("");
    let segments: Vec<&str> = parts.path().split('/').filter(|s| !s.is_empty()).collect();
    let named = [
        site,
        segments.get(1).copied().unwrap_or(""),
        segments.last().copied().unwrap_or(""),
    ];
    named
        .iter()
        .map(|name| name.split('.').next().unwrap_or(name))
        .any(|name| name.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::url_names;

    #[test]
    fn a_url_names_its_site_repository_and_last_segment() {
        assert!(url_names("https://deno.land/x", "deno"));
        assert!(url_names("https://github.com/jqlang/jq", "jq"));
        assert!(url_names("https://crates.io/crates/nom", "nom"));
        assert!(url_names("https://example.com/docs/caddy.html", "caddy"));
        assert!(!url_names(
            "https://github.com/VictoriaMetrics/fastcache",
            "fast"
        ));
        assert!(!url_names("https://github.com/jessevdk/go-flags", "go"));
        assert!(!url_names("https://example.com/docs/intro", "docs"));
    }
}
