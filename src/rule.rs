//! What a rule is: the `Rule` trait and a rule's metadata.
//!
//! A rule is a struct whose fields are its options (read from
//! `[rules.<name>]` in `mdlinks.toml`), a `static META` with its name and
//! summary, and a check. Its user document is `rules/<name>.md`; the rules
//! and their registry are in `rules/`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::online::Responses;
use serde::Serialize;

/// What fixes a rule can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixAvailability {
    None,
    /// Every fix it offers is safe (some findings may still have none).
    Safe,
    /// Some of its fixes are unsafe: applied only with `--unsafe-fixes`.
    SafeAndUnsafe,
}

#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case, as in configuration, comments and `rules/<name>.md`.
    pub name: &'static str,
    /// One line: what the rule wants.
    pub summary: &'static str,
    pub fix: FixAvailability,
    pub enabled_by_default: bool,
    /// The user document, `rules/<name>.md`, embedded for `mdlinks explain`.
    pub document: &'static str,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Check one link item (items of prose sections never arrive here).
    fn check_item(&self, _item: &LinkItem, _doc: &Document, _out: &mut Vec<Diagnostic>) {}

    /// Check the document as a whole.
    fn check_document(&self, _doc: &Document, _items: &[LinkItem], _out: &mut Vec<Diagnostic>) {}

    /// Check the document against what its URLs answered on the network
    /// (`--online`); called only on runs that asked it.
    fn check_online(&self, _doc: &Document, _responses: &Responses, _out: &mut Vec<Diagnostic>) {}
}

/// "did you mean `x`?" for a misspelt rule name among `names`, or the list
/// of them.
pub fn did_you_mean(name: &str, names: &[&str]) -> String {
    // Rule names are lowercase: `YEAR-PARENS` is one of them, typed loud.
    let typed = name.to_ascii_lowercase();
    let closest = names
        .iter()
        .map(|&candidate| (strsim::jaro_winkler(&typed, candidate), candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((score, candidate)) if score > 0.8 => format!("did you mean `{candidate}`?"),
        _ => format!("the rules are: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn a_name_in_capitals_or_misspelt_is_matched_to_the_rule() {
        let names = ["year-parens", "hn-suffix"];
        assert_eq!(
            did_you_mean("YEAR-PARENS", &names),
            "did you mean `year-parens`?"
        );
        assert_eq!(
            did_you_mean("yaer-parens", &names),
            "did you mean `year-parens`?"
        );
        assert_eq!(
            did_you_mean("zzz", &names),
            "the rules are: year-parens, hn-suffix"
        );
    }
}
