//! The `Rule` trait and the registry: the one list of every rule.
//!
//! A rule is a struct whose fields are its options (read from
//! `[rules.<name>]` in `mdlinks.toml`), a `static META` with its name and
//! summary, and a check. Its user document is `rules/<name>.md`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod bare_url;
pub mod broken_link;
pub mod description_case;
pub mod description_dash;
pub mod description_period;
pub mod duplicate_title;
pub mod duplicate_url;
pub mod empty_link;
pub mod github_readme;
pub mod hn_suffix;
pub mod list_indent;
pub mod list_marker;
pub mod name_casing;
pub mod suffix_format;
pub mod suppression_comment;
pub mod title_format;
pub mod trailing_space;
pub mod url_https;
pub mod url_tracking;
pub mod year_parens;

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
}

/// Makes a rule from its `[rules.<name>]` options.
pub type BuildRule = fn(toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>;

/// How to make a rule from its options, and what its defaults are.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub build: BuildRule,
    /// Makes the rule with its default options.
    pub build_default: fn() -> Box<dyn Rule>,
    /// The default options, for `mdlinks rules` and `mdlinks config`.
    pub default_options: fn() -> toml::Table,
}

impl RuleEntry {
    pub const fn of<R>(meta: &'static RuleMeta) -> Self
    where
        R: Rule + Default + DeserializeOwned + Serialize + 'static,
    {
        RuleEntry {
            meta,
            build: build::<R>,
            build_default: build_default::<R>,
            default_options: default_options::<R>,
        }
    }
}

fn build<R>(options: toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>
where
    R: Rule + DeserializeOwned + 'static,
{
    Ok(Box::new(options.try_into::<R>()?))
}

fn build_default<R: Rule + Default + 'static>() -> Box<dyn Rule> {
    Box::new(R::default())
}

fn default_options<R: Default + Serialize>() -> toml::Table {
    toml::Table::try_from(R::default()).unwrap_or_default()
}

/// Every rule mdlinks has, in the order they are documented.
pub static REGISTRY: &[RuleEntry] = &[
    RuleEntry::of::<title_format::TitleFormat>(&title_format::META),
    RuleEntry::of::<description_dash::DescriptionDash>(&description_dash::META),
    RuleEntry::of::<description_case::DescriptionCase>(&description_case::META),
    RuleEntry::of::<description_period::DescriptionPeriod>(&description_period::META),
    RuleEntry::of::<year_parens::YearParens>(&year_parens::META),
    RuleEntry::of::<hn_suffix::HnSuffix>(&hn_suffix::META),
    RuleEntry::of::<suffix_format::SuffixFormat>(&suffix_format::META),
    RuleEntry::of::<suppression_comment::SuppressionComment>(&suppression_comment::META),
    RuleEntry::of::<broken_link::BrokenLink>(&broken_link::META),
    RuleEntry::of::<empty_link::EmptyLink>(&empty_link::META),
    RuleEntry::of::<bare_url::BareUrl>(&bare_url::META),
    RuleEntry::of::<url_tracking::UrlTracking>(&url_tracking::META),
    RuleEntry::of::<url_https::UrlHttps>(&url_https::META),
    RuleEntry::of::<github_readme::GithubReadme>(&github_readme::META),
    RuleEntry::of::<duplicate_url::DuplicateUrl>(&duplicate_url::META),
    RuleEntry::of::<duplicate_title::DuplicateTitle>(&duplicate_title::META),
    RuleEntry::of::<name_casing::NameCasing>(&name_casing::META),
    RuleEntry::of::<list_marker::ListMarker>(&list_marker::META),
    RuleEntry::of::<list_indent::ListIndent>(&list_indent::META),
    RuleEntry::of::<trailing_space::TrailingSpace>(&trailing_space::META),
];

pub fn find(name: &str) -> Option<&'static RuleEntry> {
    REGISTRY.iter().find(|entry| entry.meta.name == name)
}

/// "did you mean `x`?" for a misspelt rule name, or the list of rules.
pub fn suggest(name: &str) -> String {
    let names = REGISTRY.iter().map(|e| e.meta.name);
    let closest = names
        .clone()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((score, candidate)) if score > 0.8 => format!("did you mean `{candidate}`?"),
        _ => format!("the rules are: {}", names.collect::<Vec<_>>().join(", ")),
    }
}

/// Every rule enabled by default, with default options.
pub fn default_rules() -> Vec<Box<dyn Rule>> {
    REGISTRY
        .iter()
        .filter(|entry| entry.meta.enabled_by_default)
        .map(|entry| (entry.build_default)())
        .collect()
}

/// Running one rule with non-default options, for the rules' unit tests
/// (fixtures and documents run every rule with its defaults).
#[cfg(test)]
pub(crate) mod testing {
    use super::Rule;
    use crate::diagnostic::Diagnostic;
    use crate::fix::FixOptions;
    use crate::linter::Linter;

    pub fn linter(rule: impl Rule + 'static) -> Linter {
        Linter::new(vec![Box::new(rule)], vec!["Notes".to_owned()])
    }

    pub fn lint_with(rule: impl Rule + 'static, text: &str) -> Vec<Diagnostic> {
        linter(rule).lint(text)
    }

    /// `text` fixed with safe and unsafe fixes; panics if fixes do not settle.
    pub fn fix_with(rule: impl Rule + 'static, text: &str) -> String {
        crate::fix_text(&linter(rule), text, FixOptions { unsafe_fixes: true })
            .expect("fixes settle")
            .text
    }
}
